// The Cognito emulator as a process of its own: `npm start` runs it, as could a container.
import path from 'node:path';
import { ClockFileError, clockPath, FileClock } from '../clock-file.ts';
import { cognitoPublicUrl, localConfig, managedLoginUrl } from '../config.ts';
import { apiRequestsPath } from '../dev-api/api-request-log.ts';
import { ensureLocalCa, LocalCaError, serverNames } from '../tls/local-ca.ts';
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
  // Made on the first start (npm start's launcher makes it first, to say how to trust it), reused after.
  const ca = await ensureLocalCa({ dir: localConfig.caDir, names: serverNames(localConfig.publicHost) });
  const server = await startCognitoServer({
    host: localConfig.host,
    port: localConfig.cognitoPort,
    publicUrl: cognitoPublicUrl,
    dataDir: path.join(localConfig.dataDir, 'cognito'),
    logLevel: localConfig.cognitoLogLevel,
    lambdaUrl: localConfig.lambdaUrl,
    onMessage: (message) => console.log(inboxLine(message, inboxUrl)),
    clock,
    apiRequestsFile: apiRequestsPath(localConfig.dataDir),
    managedLogin: {
      port: localConfig.managedLoginPort,
      origin: managedLoginUrl,
      certificate: { cert: ca.serverCertificate, key: ca.serverKey },
    },
  });
  const stop = () => void server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    const [port, variable] =
      (error as { port?: number }).port === localConfig.managedLoginPort
        ? [localConfig.managedLoginPort, 'MANAGED_LOGIN_PORT']
        : [localConfig.cognitoPort, 'COGNITO_PORT'];
    console.error(`Port ${port} is taken, so the Cognito emulator cannot start. Stop what uses it or set ${variable}.`);
  } else if (
    error instanceof DataFileError ||
    error instanceof DevInboxError ||
    error instanceof ClockFileError ||
    error instanceof LocalCaError
  ) {
    console.error(error.message);
  } else {
    console.error(error);
  }
  process.exit(1);
}
