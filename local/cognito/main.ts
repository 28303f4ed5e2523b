// The Cognito emulator as a process of its own: `npm start` runs it, as could a container.
import path from 'node:path';
import { ClockFileError, clockPath, FileClock } from '../clock-file.ts';
import { cognitoPublicUrl, localConfig } from '../config.ts';
import { startCognitoServer } from './cognito-server.ts';
import { DevInboxError, inboxLine } from './dev-inbox.ts';
import { DataFileError } from './json-file-store.ts';

const inboxUrl = `${cognitoPublicUrl}/_dev/inbox`;

try {
  // The stack's clock, shared with the API's process through the data folder: read now, so that a broken file stops the start.
  const clock = new FileClock(clockPath(localConfig.dataDir));
  if (clock.offsetMs() > 0) {
    console.log(
      `The local clock runs ${clock.offsetMs() / 1000} s ahead of the real time (${clock.file}); \`npm run reset\` sets it back.`,
    );
  }
  const server = await startCognitoServer({
    host: localConfig.host,
    port: localConfig.cognitoPort,
    publicUrl: cognitoPublicUrl,
    dataDir: path.join(localConfig.dataDir, 'cognito'),
    logLevel: localConfig.cognitoLogLevel,
    lambdaUrl: localConfig.lambdaUrl,
    onMessage: (message) => console.log(inboxLine(message, inboxUrl)),
    clock,
  });
  const stop = () => void server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    console.error(`Port ${localConfig.cognitoPort} is taken, so the Cognito emulator cannot start. Stop what uses it or set COGNITO_PORT.`);
  } else if (error instanceof DataFileError || error instanceof DevInboxError || error instanceof ClockFileError) {
    console.error(error.message);
  } else {
    console.error(error);
  }
  process.exit(1);
}
