// `npm start`: the whole stack on this machine — Cognito emulator, API, web client.
// First: `--stage` becomes LOCAL_STAGE before local/config.ts reads it.
import { startConfigFile } from './start-stage.ts';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  apiBaseUrl,
  apiReadyFile,
  apiUrl,
  cognitoPublicUrl,
  cognitoUrl,
  localConfig,
  localStackFile,
  managedLoginUrl,
  webUrl,
} from './config.ts';
import { readLocalStack } from './cloudformation/local-stack.ts';
import { stackBanner } from './banner.ts';
import { clearReady, isReady } from './ready-signal.ts';
import { webPlan } from './web/web-plan.ts';
import { assertPortsFree } from './ports.ts';
import { QUIET_TOOLCHAIN_ENV } from './quiet-toolchain.ts';
import { answers, answersOverTls } from './readiness.ts';
import { Supervisor, type ServiceSpec } from './supervisor.ts';
import { programArgs, type ServiceName } from './services.ts';
import { ensureLocalCa, serverNames } from './tls/local-ca.ts';
import { deployedDomains } from './tls/managed-login-domains.ts';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
process.chdir(root);

/** Quiet the toolchain; share the resolved ports and data folder. */
const sharedEnv = {
  ...QUIET_TOOLCHAIN_ENV,
  COGNITO_PORT: String(localConfig.cognitoPort),
  API_PORT: String(localConfig.apiPort),
  LAMBDA_PORT: String(localConfig.lambdaPort),
  WEB_PORT: String(localConfig.webPort),
  MANAGED_LOGIN_PORT: String(localConfig.managedLoginPort),
  LOCAL_DATA_DIR: localConfig.dataDir,
  LOCAL_CA_DIR: localConfig.caDir,
  LOCAL_STAGE: localConfig.stage,
};

/**
 * A service's command: `npm start`'s own node options (not a debugger's), the API on the stage
 * being run.
 */
function serviceArgs(name: ServiceName): string[] {
  const nodeOptions = process.execArgv.filter((option) => !option.startsWith('--inspect'));
  const config = startConfigFile ? ['--config', startConfigFile] : [];
  return programArgs(name, nodeOptions, name === 'api' ? ['--stage', localConfig.stage, ...config] : []);
}

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

const supervisor = new Supervisor((name, code, signal, lastOutput) => {
  console.error(`\n${name} stopped unexpectedly (${signal ?? `exit code ${code}`}); stopping the rest of the stack.`);
  void shutDown(1, serviceError(name, lastOutput));
});

/** The error a service printed last (serverless's "Error:" block, else its last line), to repeat once the stack is down. */
function serviceError(name: string, lastOutput: readonly string[]): string | undefined {
  const start = lastOutput.lastIndexOf('Error:');
  const error = start < 0 ? lastOutput.slice(-1) : lastOutput.slice(start + 1);
  return error.length === 0 ? undefined : `${name}: ${error.join('\n')}`;
}

let shuttingDown = false;
/** Stops every service; `reason`, if any, is the last thing on screen. */
async function shutDown(exitCode: number, reason?: string): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  console.log('\nStopping the local stack…');
  await supervisor.stopAll();
  if (reason) console.error(`\n${reason}`);
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
    'Managed login': { port: localConfig.managedLoginPort, env: 'MANAGED_LOGIN_PORT' },
  }).catch(async (error: Error) => {
    if (await answers(`${cognitoUrl}/_dev/inbox`, (status) => status === 200)().catch(() => false)) {
      throw new Error(
        `The local stack is already running (another \`npm start\` uses these ports): the web client is at ${webUrl}.\n` +
          'Use that one, or stop it (Ctrl-C in its terminal) before starting again.',
      );
    }
    throw error;
  });

  // The managed login's CA, made here on the first start so that the banner can say how to trust it
  // (the emulator's process reads the same folder).
  const ca = await ensureLocalCa({ dir: localConfig.caDir, names: serverNames(localConfig.publicHost) });
  // All at once: serverless-offline waits for the emulator before it creates the Cognito
  // resources there, and the web client waits for the stack file that records what it created
  // (removed first, so that nobody reads the previous run's).
  rmSync(localStackFile, { force: true });
  clearReady(apiReadyFile);
  const readiness: Record<ServiceName, Pick<ServiceSpec, 'isReady' | 'readyTimeoutMs'>> = {
    cognito: {
      isReady: async () =>
        (await answers(`${cognitoUrl}/health`, (status) => status === 200)()) &&
        (await answersOverTls(`https://127.0.0.1:${localConfig.managedLoginPort}/`, ca.caCertificate)()),
      readyTimeoutMs: 20_000,
    },
    // Its own signal, once seeded (local/ready-signal.ts): no request, and a stack without any
    // http event has no API port to ask.
    api: { isReady: async () => isReady(apiReadyFile), readyTimeoutMs: 60_000 },
    web: { isReady: answers(webUrl, (status) => status === 200), readyTimeoutMs: 60_000 },
  };
  await Promise.all(
    (['cognito', 'api', 'web'] as const).map((name) =>
      supervisor.start({ name, command: process.execPath, args: serviceArgs(name), env: sharedEnv, restart: true, ...readiness[name] }),
    ),
  );

  const stack = readLocalStack(localStackFile);
  const urls = { restApi: apiUrl, httpApi: apiBaseUrl };
  console.log(
    stackBanner(stack, webPlan(stack, urls), {
      stage: localConfig.stage,
      dataDir: localConfig.dataDir,
      webUrl,
      restApiUrl: apiUrl,
      httpApiUrl: apiBaseUrl,
      cognitoUrl: cognitoPublicUrl,
      managedLoginUrl,
      domains: deployedDomains(localConfig.dataDir, stack.stackName),
      ...(ca.made === 'ca' && { newCaFile: ca.caFile }),
    }),
  );
}

main().catch(async (error: Error) => {
  if (shuttingDown) return;
  console.error(`\n${error.message}`);
  await shutDown(1);
});
