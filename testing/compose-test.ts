// `npm run test:compose`: docker-compose.yml run for real. It builds the image and starts the stack
// as a compose project of its own, runs the browser flow and the AWS SDK flow against it (the e2e
// specs, pointed at the containers), has the api container verify a token through the pool's
// discovery document at the URL containers use, signs a user of its own in again after `down` and `up` (the
// volume kept them) and after its Cognito emulator's process is killed (Docker restarts it), and
// always ends with `down -v`. Without a Docker engine it fails, saying so, unless COMPOSE_TEST=skip.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { localStackPath, readLocalStack, stackOutput } from '../local/cloudformation/local-stack.ts';
import { DEFAULT_PORTS } from '../local/config.ts';
import { isFree } from '../local/ports.ts';
import { QUIET_TOOLCHAIN_ENV } from '../local/quiet-toolchain.ts';
import { LOCAL_SERVICES } from '../local/services.ts';
import { type ComposeProgram, ComposeTestError, findCompose, mustRun, runCommand } from './compose-cli.ts';
import { verifyInContainer } from './compose-discovery.ts';
import { ComposeStack } from './compose-stack.ts';
import { type ComposeUser, signInAndCallSecured, signUpAndConfirm } from './compose-user.ts';
import { EXISTING_STACK_ENV, type StackAddress, stackUrls } from './launch-stack.ts';
import { PROJECT_ROOT } from './stack-process.ts';
import { uniqueEmail, uniqueName } from './unique-names.ts';

// Its own AWS SDK clients and the Playwright run it starts stay quiet.
Object.assign(process.env, QUIET_TOOLCHAIN_ENV);

/** `COMPOSE_TEST=skip`: a machine without Docker passes, with a line saying the test did not run. */
const SKIP = process.env.COMPOSE_TEST === 'skip';
/** The specs that run against the containers: they need nothing but the stack's URLs and outputs. */
const SPECS = ['e2e/auth-flow.spec.ts', 'e2e/sdk-client.spec.ts'];
const HEALTHY_TIMEOUT_MS = 180_000;
const PLAYWRIGHT_TIMEOUT_MS = 5 * 60_000;
/** Where docker-compose.yml's LOCAL_DATA_DIR is, in the containers. */
const CONTAINER_STACK_FILE = localStackPath('/data');

const say = (text: string) => console.log(`test:compose: ${text}`);

/** The engine, a compose implementation and the stack's fixed ports, or one line saying what is missing. */
async function preflight(): Promise<ComposeProgram> {
  const orSkip = 'or set COMPOSE_TEST=skip to skip this test';
  const engine = await runCommand('docker', ['version', '--format', '{{.Server.Version}}'], { timeoutMs: 20_000 }).catch(
    (error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? undefined : { code: 1, stdout: '', stderr: error.message }),
  );
  if (!engine) throw new ComposeTestError(`no \`docker\` command here: install Docker (engine and Compose), ${orSkip}.`);
  if (engine.code !== 0) {
    const reason = engine.stderr.trim().split('\n')[0];
    throw new ComposeTestError(`no Docker engine reachable (${reason}): start one, or point DOCKER_HOST at one, ${orSkip}.`);
  }
  const compose = await findCompose();
  if (!compose) throw new ComposeTestError(`no Docker Compose here (\`docker compose\` or \`docker-compose\`): install it, ${orSkip}.`);
  const taken = (
    await Promise.all(Object.values(DEFAULT_PORTS).map(async (port) => ((await isFree('127.0.0.1', port)) ? [] : [port])))
  ).flat();
  if (taken.length > 0) {
    throw new ComposeTestError(
      `127.0.0.1:${taken.join(', ')} already in use; the compose stack publishes ${Object.values(DEFAULT_PORTS).join(', ')}: ` +
        'stop what holds them (an `npm start`? a `docker compose up`? see `docker ps`) and run again.',
    );
  }
  say(`Docker ${engine.stdout.trim()}, ${compose.version}`);
  return compose;
}

/** Where the containers answer, and a copy of the stack file the API wrote in the volume (the specs read its outputs). */
async function stackAddress(stack: ComposeStack, dataDir: string): Promise<StackAddress & { clientId: string }> {
  const file = await stack.exec('api', ['cat', CONTAINER_STACK_FILE]);
  if (file.code !== 0) throw new ComposeTestError(`Reading ${CONTAINER_STACK_FILE} in the api container failed: ${file.stderr.trim()}`);
  writeFileSync(localStackPath(dataDir), file.stdout);
  const clientId = stackOutput(readLocalStack(localStackPath(dataDir)), 'UserPoolClientId');
  return { ports: DEFAULT_PORTS, urls: stackUrls(DEFAULT_PORTS), dataDir, clientId };
}

async function step<T>(name: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  say(`${name} …`);
  const result = await run().catch((error: unknown) => {
    const reason = error instanceof ComposeTestError ? error.message : `${(error as Error).name}: ${(error as Error).message}`;
    throw new ComposeTestError(`${name}: ${reason}`, { cause: error });
  });
  say(`${name}: ok (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  return result;
}

async function testStack(stack: ComposeStack, dataDir: string): Promise<void> {
  await step('build the image and start the stack', () => stack.up({ build: true }));
  await step('wait until every service is healthy', () => stack.untilHealthy('The stack did not become healthy', HEALTHY_TIMEOUT_MS));
  const address = await stackAddress(stack, dataDir);
  // Playwright reads file arguments as filters: a renamed spec would be left out without a word.
  const missing = SPECS.filter((spec) => !existsSync(path.join(PROJECT_ROOT, spec)));
  if (missing.length > 0) throw new ComposeTestError(`${missing.join(', ')}: no such spec (testing/compose-test.ts names it).`);

  await step(`browser flow and AWS SDK flow (${SPECS.join(', ')})`, () =>
    mustRun('The e2e specs against the containers', path.join(PROJECT_ROOT, 'node_modules', '.bin', 'playwright'), ['test', ...SPECS], {
      timeoutMs: PLAYWRIGHT_TIMEOUT_MS,
      showAs: 'e2e',
      env: { ...process.env, [EXISTING_STACK_ENV]: JSON.stringify(address) },
    }),
  );
  const user: ComposeUser = { email: uniqueEmail('compose'), password: 'Compose-Passw0rd!' };
  let idToken = '';
  await step(`${user.email} signs up and in through the AWS SDK and calls the secured endpoint`, async () => {
    await signUpAndConfirm(address.urls, address.clientId, user);
    idToken = await signInAndCallSecured(address.urls, address.clientId, user);
  });
  await step("the api container verifies that token through the pool's discovery document at http://cognito:9229", () =>
    verifyInContainer(stack, stackOutput(readLocalStack(localStackPath(dataDir)), 'UserPoolId'), idToken, user.email),
  );

  await step('down (keeping the volume) and up again', async () => {
    await stack.down({ volumes: false });
    await stack.up({ build: false });
    await stack.untilHealthy('The stack did not become healthy again after down and up', HEALTHY_TIMEOUT_MS);
  });
  const restarted = await stackAddress(stack, dataDir);
  await step('the same user signs in again', () => signInAndCallSecured(restarted.urls, restarted.clientId, user));

  await step("cognito's process killed: Docker restarts it, and it answers again", async () => {
    const before = (await stack.containers()).find((each) => each.service === 'cognito')?.restartCount ?? 0;
    // PID 1 is Docker's init (`init: true`); its one child is the service's node process.
    const kill = await stack.exec('cognito', ['sh', '-c', 'kill -KILL $(cat /proc/1/task/1/children)']);
    await stack.untilHealthy(
      `cognito was not restarted after its process was killed (${kill.stderr.trim() || 'kill ran'})`,
      90_000,
      (all) => all.some((each) => each.service === 'cognito' && each.restartCount > before),
    );
    await signInAndCallSecured(restarted.urls, restarted.clientId, user);
  });
}

async function main(): Promise<void> {
  if (SKIP) {
    say('SKIPPED (COMPOSE_TEST=skip): docker-compose.yml was not run.');
    return;
  }
  const stack = new ComposeStack(await preflight(), uniqueName('compose-test'), Object.keys(LOCAL_SERVICES));
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'compose-test-'));
  let removing: Promise<void> | undefined;
  // Always `down -v`: on success, on failure, and when the run is interrupted.
  const remove = () =>
    (removing ??= step(`down -v (project ${stack.project})`, () => stack.down({ volumes: true })).finally(() =>
      rmSync(dataDir, { recursive: true, force: true }),
    ));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      say(`${signal}: removing the stack`);
      remove().finally(() => process.exit(1));
    });
  }
  const started = performance.now();
  const failure = await testStack(stack, dataDir).then(
    () => undefined,
    (error: unknown) => error,
  );
  await remove().catch((error: unknown) => {
    if (!failure) throw error;
    say(`and removing the stack failed too: ${(error as Error).message}`);
  });
  if (failure) throw failure;
  say(`passed in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

main().catch((error: unknown) => {
  say(`FAILED: ${error instanceof ComposeTestError ? error.message : ((error as Error).stack ?? String(error))}`);
  process.exitCode = 1;
});
