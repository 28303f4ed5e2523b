// The Cognito emulator as a process of its own: `npm start` runs it, as could a container.
import path from 'node:path';
import { cognitoPublicUrl, localConfig } from '../config.ts';
import { startCognitoServer } from './cognito-server.ts';
import { DevInboxError, inboxLine } from './dev-inbox.ts';
import { DataFileError } from './json-file-store.ts';

const inboxUrl = `${cognitoPublicUrl}/_dev/inbox`;

try {
  const server = await startCognitoServer({
    host: localConfig.host,
    port: localConfig.cognitoPort,
    publicUrl: cognitoPublicUrl,
    dataDir: path.join(localConfig.dataDir, 'cognito'),
    logLevel: localConfig.cognitoLogLevel,
    lambdaUrl: localConfig.lambdaUrl,
    onMessage: (message) => console.log(inboxLine(message, inboxUrl)),
  });
  const stop = () => void server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    console.error(`Port ${localConfig.cognitoPort} is taken, so the Cognito emulator cannot start. Stop what uses it or set COGNITO_PORT.`);
  } else if (error instanceof DataFileError || error instanceof DevInboxError) {
    console.error(error.message);
  } else {
    console.error(error);
  }
  process.exit(1);
}
