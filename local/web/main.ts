// The web client's dev server as a process of its own: Vite, configured from the local stack
// that `serverless offline` writes once it has created the Cognito resources.
import { existsSync } from 'node:fs';
import { createServer } from 'vite';
import { apiBaseUrl, apiUrl, localConfig, localStackFile, managedLoginUrl, webUrl } from '../config.ts';
import { readLocalStack } from '../cloudformation/local-stack.ts';
import { eventually } from '../readiness.ts';
import { localWebEnv, webPlan } from './web-plan.ts';

/** How long to wait for the API (which writes the stack file) when started alongside it. */
const STACK_FILE_WAIT_MS = 60_000;

try {
  if (!(await eventually(async () => existsSync(localStackFile), STACK_FILE_WAIT_MS))) {
    throw new Error(
      `${localStackFile} did not appear within ${STACK_FILE_WAIT_MS / 1000} s: the API writes it when it starts. Run the whole stack with \`npm start\`.`,
    );
  }
  const stack = readLocalStack(localStackFile);
  // Vite hands VITE_* variables of its environment to the page (web/src/config.ts reads them).
  // The hosted UI: Amplify's oauth.domain is the local managed login's host:port; the page's own URL must be a callback URL.
  const managedLogin = { host: new URL(managedLoginUrl).host, pageUrl: `${webUrl}/` };
  Object.assign(process.env, localWebEnv(webPlan(stack, { restApi: apiUrl, httpApi: apiBaseUrl, managedLogin }), stack.cognitoEndpoint));
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
