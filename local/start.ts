// `npm start`: the whole stack on this machine — Cognito emulator, API, web client.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiUrl, cognitoPublicUrl, cognitoUrl, localConfig, localStackFile, webUrl } from './config.ts';
import { readLocalStack, stackOutput } from './local-stack.ts';
import { assertPortsFree } from './ports.ts';
import { QUIET_TOOLCHAIN_ENV } from './quiet-toolchain.ts';
import { answers } from './readiness.ts';
import { Supervisor, type ServiceSpec } from './supervisor.ts';
import { LOCAL_SERVICES } from './services.ts';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
process.chdir(root);

/** Quiet the toolchain; share the resolved ports and data folder. */
const sharedEnv = {
  ...QUIET_TOOLCHAIN_ENV,
  COGNITO_PORT: String(localConfig.cognitoPort),
  API_PORT: String(localConfig.apiPort),
  LAMBDA_PORT: String(localConfig.lambdaPort),
  WEB_PORT: String(localConfig.webPort),
  LOCAL_DATA_DIR: localConfig.dataDir,
};

/** Fails with the fix when `npm install` has not run (or not finished). */
function assertInstalled(packages: readonly string[]): void {
  for (const name of packages) {
    try {
      import.meta.resolve(name);
    } catch {
      throw new Error(`${name} is not installed. Run \`npm install\` first.`);
    }
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
  assertInstalled(['serverless', 'serverless-offline', 'vite', 'cognito-local']);
  await assertPortsFree(localConfig.host, {
    Cognito: { port: localConfig.cognitoPort, env: 'COGNITO_PORT' },
    API: { port: localConfig.apiPort, env: 'API_PORT' },
    'Lambda invoke': { port: localConfig.lambdaPort, env: 'LAMBDA_PORT' },
    web: { port: localConfig.webPort, env: 'WEB_PORT' },
  }).catch(async (error: Error) => {
    if (await answers(`${cognitoUrl}/_dev/inbox`, (status) => status === 200)().catch(() => false)) {
      throw new Error(
        `The local stack is already running (another \`npm start\` uses these ports): the web client is at ${webUrl}.\n` +
          'Use that one, or stop it (Ctrl-C in its terminal) before starting again.',
      );
    }
    throw error;
  });

  // All at once: serverless-offline waits for the emulator before it creates the Cognito
  // resources there, and the web client waits for the stack file that records what it created
  // (removed first, so that nobody reads the previous run's).
  rmSync(localStackFile, { force: true });
  const readiness: Record<keyof typeof LOCAL_SERVICES, Pick<ServiceSpec, 'isReady' | 'readyTimeoutMs'>> = {
    cognito: { isReady: answers(`${cognitoUrl}/health`, (status) => status === 200), readyTimeoutMs: 20_000 },
    api: { isReady: answers(`${apiUrl}/api/helloWorld`), readyTimeoutMs: 60_000 },
    web: { isReady: answers(webUrl, (status) => status === 200), readyTimeoutMs: 60_000 },
  };
  await Promise.all(
    (['cognito', 'api', 'web'] as const).map((name) =>
      supervisor.start({ name, command: process.execPath, args: [...LOCAL_SERVICES[name].args], env: sharedEnv, restart: true, ...readiness[name] }),
    ),
  );

  const stack = readLocalStack(localStackFile);
  console.log(`
  Local stack is up (stage ${localConfig.stage}, data in ${localConfig.dataDir})

    Web      ${webUrl}
    API      ${apiUrl}/api/helloWorld, ${apiUrl}/api/helloWorldSecured
    Cognito  ${cognitoPublicUrl}  (user pool ${stackOutput(stack, 'UserPoolId')}, client ${stackOutput(stack, 'UserPoolClientId')})
    Inbox    ${cognitoPublicUrl}/_dev/inbox

  Ctrl-C stops everything.
`);
}

main().catch(async (error: Error) => {
  if (shuttingDown) return;
  console.error(`\n${error.message}`);
  await shutDown(1);
});
