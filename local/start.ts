// `npm start`: the whole stack on this machine — Cognito emulator, API, web client.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiUrl, cognitoUrl, localConfig, localStackFile, webUrl } from './config.ts';
import { readLocalStack, stackOutput } from './local-stack.ts';
import { assertPortsFree } from './ports.ts';
import { answers, Supervisor } from './supervisor.ts';
import { webBuildEnv } from '../web/build-env.ts';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
process.chdir(root);

/** Quiet the toolchain's telemetry and notices; share the resolved ports and data folder. */
const sharedEnv = {
  SLS_TELEMETRY_DISABLED: '1',
  SLS_NOTIFICATIONS_MODE: 'off',
  AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: '1',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  COGNITO_PORT: String(localConfig.cognitoPort),
  API_PORT: String(localConfig.apiPort),
  LAMBDA_PORT: String(localConfig.lambdaPort),
  WEB_PORT: String(localConfig.webPort),
  LOCAL_DATA_DIR: localConfig.dataDir,
};

function binary(packageName: string, bin: string): string {
  try {
    return path.join(path.dirname(createRequire(import.meta.url).resolve(`${packageName}/package.json`)), bin);
  } catch {
    throw new Error(`${packageName} is not installed. Run \`npm install\` first.`);
  }
}

const supervisor = new Supervisor((name, code, signal) => {
  console.error(`\n${name} stopped unexpectedly (${signal ?? `exit code ${code}`}); stopping the rest of the stack.`);
  void shutDown(1);
});

let shuttingDown = false;
async function shutDown(exitCode: number): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  console.log('\nStopping the local stack…');
  await supervisor.stopAll();
  process.exit(exitCode);
}
process.once('SIGINT', () => void shutDown(0));
process.once('SIGTERM', () => void shutDown(0));

async function main(): Promise<void> {
  const serverless = binary('serverless', 'bin/serverless.js');
  const vite = binary('vite', 'bin/vite.js');
  await assertPortsFree(localConfig.host, {
    Cognito: { port: localConfig.cognitoPort, env: 'COGNITO_PORT' },
    API: { port: localConfig.apiPort, env: 'API_PORT' },
    'Lambda invoke': { port: localConfig.lambdaPort, env: 'LAMBDA_PORT' },
    web: { port: localConfig.webPort, env: 'WEB_PORT' },
  });

  await supervisor.start({
    name: 'cognito',
    command: process.execPath,
    args: ['--import', 'tsx', 'local/cognito/main.ts'],
    env: sharedEnv,
    isReady: answers(`${cognitoUrl}/health`, (status) => status === 200),
    readyTimeoutMs: 20_000,
  });
  // serverless-offline creates the Cognito resources (see local/offline/) before it serves.
  await supervisor.start({
    name: 'api',
    command: process.execPath,
    args: [serverless, 'offline', 'start', '--stage', localConfig.stage],
    env: sharedEnv,
    isReady: answers(`${apiUrl}/api/helloWorld`),
    readyTimeoutMs: 60_000,
  });
  const stack = readLocalStack(localStackFile);
  await supervisor.start({
    name: 'web',
    command: process.execPath,
    args: [vite, '--config', 'web/vite.config.ts', '--port', String(localConfig.webPort)],
    env: { ...sharedEnv, ...webBuildEnv(stack.outputs, stack.cognitoEndpoint) },
    isReady: answers(webUrl, (status) => status === 200),
    readyTimeoutMs: 30_000,
  });

  console.log(`
  Local stack is up (stage ${localConfig.stage}, data in ${localConfig.dataDir})

    Web      ${webUrl}
    API      ${apiUrl}/api/helloWorld, ${apiUrl}/api/helloWorldSecured
    Cognito  ${cognitoUrl}  (user pool ${stackOutput(stack, 'UserPoolId')}, client ${stackOutput(stack, 'UserPoolClientId')})
    Inbox    ${cognitoUrl}/_dev/inbox

  Ctrl-C stops everything.
`);
}

main().catch(async (error: Error) => {
  if (shuttingDown) return;
  console.error(`\n${error.message}`);
  await shutDown(1);
});
