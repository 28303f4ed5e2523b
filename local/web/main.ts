// The web client's dev server as a process of its own: Vite, configured from the local stack's
// Outputs (written by `serverless offline`, which therefore starts first).
import { createServer } from 'vite';
import { localConfig, localStackFile } from '../config.ts';
import { readLocalStack } from '../local-stack.ts';
import { webBuildEnv } from '../../web/build-env.ts';

try {
  const stack = readLocalStack(localStackFile);
  // Vite hands VITE_* variables of its environment to the page (web/src/config.ts reads them).
  Object.assign(process.env, webBuildEnv(stack.outputs, stack.cognitoEndpoint));
  const server = await createServer({
    configFile: 'web/vite.config.ts',
    server: { host: localConfig.host, port: localConfig.webPort, strictPort: true },
  });
  await server.listen();
  server.printUrls();
  const stop = () => void server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE' || /Port \d+ is in use/.test((error as Error).message)) {
    console.error(`Port ${localConfig.webPort} is taken, so the web client cannot start. Stop what uses it or set WEB_PORT.`);
  } else {
    console.error((error as Error).message);
  }
  process.exit(1);
}
