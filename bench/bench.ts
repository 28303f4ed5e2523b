// `npm run bench [-- --smoke]`: the local stack's start time, per-request cost, sign-in speed
// and memory, measured in one run on free ports and a data folder of its own so that ratios hold
// on a noisy machine. Prints a table, writes bench-results.json, and exits non-zero when a ratio
// target is missed.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfirmSignUpCommand, InitiateAuthCommand, SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import autocannon from 'autocannon';
import { readLocalStack, localStackPath } from '../local/cloudformation/local-stack.ts';
import { QUIET_TOOLCHAIN_ENV } from '../local/quiet-toolchain.ts';
import { cognitoClient } from '../testing/cognito-client.ts';
import { latestCode } from '../testing/dev-inbox.ts';
import { freeStackPorts, type StackPorts } from '../testing/free-ports.ts';
import { type LaunchedStack, launchStack } from '../testing/launch-stack.ts';
import { stackStatePath } from '../local/cloudformation/stack-state.ts';
import { untilReady } from '../testing/stack-process.ts';
import { spawnVariantApi, type SpawnedVariantApi } from '../testing/variant-api.ts';
import { uniqueEmail } from '../testing/unique-names.ts';
import { rssByService } from './process-memory.ts';

/** serverless.yml's stack in the local stage: `<service>-<stage>`. */
const STACK_NAME = 'hello-auth-local';
const { values } = parseArgs({ options: { smoke: { type: 'boolean', default: false } } });
const smoke = values.smoke!;
const LOAD = { connections: 10, duration: smoke ? 2 : 5 };
/** Alternating rounds per endpoint: an odd number, so that the median run is one of them. */
const ROUNDS = smoke ? 3 : 5;
const SAMPLES = smoke ? 10 : 50;
/** Targets; in a smoke run only the ratio is enforced, loosely, to catch large regressions. */
const TARGETS = {
  warmStartMs: 3000,
  coldStartMs: 5000,
  securedToPublic: smoke ? 0.6 : 0.9,
  rssMb: 400,
  signInsPerSecond: 700,
  signInP50Ms: 3,
};

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * Several load runs of one endpoint as one: the median run's throughput and percentiles (one
 * run disturbed by the machine does not move the ratios).
 * An endpoint that answered anything but 2xx under load is not measured: the bench stops.
 */
function summary(runs: autocannon.Result[]) {
  const failed = runs.reduce((sum, run) => sum + run.non2xx + run.errors, 0);
  if (failed > 0) throw new Error(`${runs[0]?.url}: ${failed} answers under load were not 2xx (or failed): nothing to measure.`);
  return {
    requests: { average: median(runs.map((run) => run.requests.average)) },
    latency: { p50: median(runs.map((run) => run.latency.p50)), p99: median(runs.map((run) => run.latency.p99)) },
  };
}
const seed = { email: 'user@example.com', password: 'User-Passw0rd!' };

async function timed(step: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await step();
  return performance.now() - started;
}

function load(url: string, options: Partial<autocannon.Options> = {}) {
  return autocannon({ url, ...LOAD, ...options });
}

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hello-auth-bench-'));
// The bench's own AWS SDK clients: no Node version notice in its output (testing/stack-env.ts
// quiets the stack's).
Object.assign(process.env, QUIET_TOOLCHAIN_ENV);

/**
 * `npm start` on the bench's data folder and ports (the warm start keeps the cold one's, as a
 * developer's second start does). From the banner on, its log (two lines per API request) is
 * drained, not kept: holding it made the measuring process itself slower as the load went on.
 */
async function start(ports: StackPorts): Promise<LaunchedStack> {
  const stack = await launchStack({ dataDir, ports });
  stack.dropOutput();
  return stack;
}

/**
 * serverless.yml with two HTTP API routes, one public and one behind a JWT authorizer on the
 * stack's pool, and two REST methods behind a Lambda (TOKEN) authorizer, cached (TTL 300) and
 * uncached (TTL 0), served by a second API beside the running stack over a copy of its state (the
 * same pool and app client). Returns the HTTP API's URL (the API's root) and the REST API's (with
 * its stage, the starter's public method beside the Lambda-authorized ones).
 */
async function startVariant(stack: LaunchedStack): Promise<{ variant: SpawnedVariantApi; url: string; restUrl: string }> {
  const issuerUrl = { 'Fn::Join': ['', ['https://cognito-idp.', { Ref: 'AWS::Region' }, '.amazonaws.com/', { Ref: 'CognitoUserPool' }]] };
  const variantDir = mkdtempSync(path.join(os.tmpdir(), 'hello-auth-bench-http-api-'));
  mkdirSync(path.dirname(stackStatePath(variantDir, STACK_NAME)), { recursive: true });
  copyFileSync(stackStatePath(dataDir, STACK_NAME), stackStatePath(variantDir, STACK_NAME));
  const variant = await spawnVariantApi(
    (service) => {
      service.provider.httpApi = {
        authorizers: {
          cognito: {
            type: 'jwt',
            identitySource: '$request.header.Authorization',
            issuerUrl,
            audience: [{ Ref: 'CognitoUserPoolClient' }],
          },
        },
      };
      service.functions.httpHello = {
        handler: 'bench/fixtures/http-api-hello.handler',
        events: [
          { httpApi: { method: 'GET', path: '/http/hello' } },
          { httpApi: { method: 'GET', path: '/http/helloSecured', authorizer: { name: 'cognito' } } },
        ],
      };
      // One function per authorizer: serverless names an http event's authorizer after its function.
      service.functions.cachedAuthorizer = { handler: 'bench/fixtures/allow-authorizer.handler' };
      service.functions.uncachedAuthorizer = { handler: 'bench/fixtures/allow-authorizer.handler' };
      const lambdaAuthorized = (path: string, name: string, resultTtlInSeconds: number) => ({
        http: {
          method: 'get',
          path,
          authorizer: { name, type: 'token', identitySource: 'method.request.header.Authorization', resultTtlInSeconds },
        },
      });
      service.functions.restHello = {
        handler: 'src/functions/hello-world.handler',
        events: [
          lambdaAuthorized('api/helloLambdaCached', 'cachedAuthorizer', 300),
          lambdaAuthorized('api/helloLambdaUncached', 'uncachedAuthorizer', 0),
        ],
      };
    },
    { cognitoPort: stack.ports.COGNITO_PORT, dataDir: variantDir },
  );
  const url = variant.apiUrl.replace(/\/local$/, '');
  const answers = () => fetch(`${url}/http/hello`, { signal: AbortSignal.timeout(1000) }).then((response) => response.ok);
  try {
    await untilReady(variant.process, answers, { what: 'The HTTP API', timeoutMs: 60_000 });
  } catch (error) {
    await variant.process.stop();
    rmSync(variantDir, { recursive: true, force: true });
    throw error;
  }
  variant.process.dropOutput();
  return { variant, url, restUrl: variant.apiUrl };
}

let running: LaunchedStack | undefined;
try {
  const ports = await freeStackPorts();
  const cold = await start(ports);
  await cold.stop();
  const stack = await start(ports);
  running = stack;
  const { outputs } = readLocalStack(localStackPath(dataDir));
  const cognitoUrl = stack.urls.cognito;
  const cognito = cognitoClient(cognitoUrl);
  const ClientId = outputs.UserPoolClientId!;
  const passwordAuth = () =>
    cognito.send(
      new InitiateAuthCommand({
        ClientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: seed.email, PASSWORD: seed.password },
      }),
    );
  const idToken = (await passwordAuth()).AuthenticationResult!.IdToken!;

  const api = outputs.ApiUrl!;
  await load(`${api}/api/helloWorld`, { duration: 1 });
  await load(`${api}/api/helloWorldSecured`, { duration: 1, headers: { authorization: `Bearer ${idToken}` } });
  // Alternate the two endpoints so that drift in the machine's speed hits both alike.
  const publicRuns: autocannon.Result[] = [];
  const securedRuns: autocannon.Result[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    publicRuns.push(await load(`${api}/api/helloWorld`));
    securedRuns.push(await load(`${api}/api/helloWorldSecured`, { headers: { authorization: `Bearer ${idToken}` } }));
  }
  const publicRun = summary(publicRuns);
  const securedRun = summary(securedRuns);

  const signInBody = JSON.stringify({
    ClientId,
    AuthFlow: 'USER_PASSWORD_AUTH',
    AuthParameters: { USERNAME: seed.email, PASSWORD: seed.password },
  });
  const signInRun = await load(cognitoUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth' },
    body: signInBody,
  });

  const passwordSignIns: number[] = [];
  const srpSignIns: number[] = [];
  const signUps: number[] = [];
  const identityJs = createRequire(import.meta.url)('amazon-cognito-identity-js');
  const pool = new identityJs.CognitoUserPool({ UserPoolId: outputs.UserPoolId, ClientId, endpoint: cognitoUrl });
  for (let i = 0; i < SAMPLES; i += 1) {
    passwordSignIns.push(await timed(passwordAuth));
    srpSignIns.push(
      await timed(
        () =>
          new Promise((resolve, reject) =>
            new identityJs.CognitoUser({ Username: seed.email, Pool: pool }).authenticateUser(
              new identityJs.AuthenticationDetails({ Username: seed.email, Password: seed.password }),
              { onSuccess: resolve, onFailure: reject },
            ),
          ),
      ),
    );
    const email = uniqueEmail(`bench-${i}`);
    signUps.push(
      await timed(async () => {
        await cognito.send(new SignUpCommand({ ClientId, Username: email, Password: 'Bench-Passw0rd!' }));
        const code = await latestCode(cognitoUrl, email);
        await cognito.send(new ConfirmSignUpCommand({ ClientId, Username: email, ConfirmationCode: code }));
      }),
    );
  }
  const rssMbByService = rssByService(stack.process.pid!);
  const rssMb = Object.values(rssMbByService).reduce((sum, mb) => sum + mb, 0);

  // The same comparison on an HTTP API route behind a JWT authorizer, and on REST methods behind a
  // Lambda authorizer (cached: one invocation, then the cached policy; uncached: one per request).
  const httpApi = await startVariant(stack);
  const httpPublicRuns: autocannon.Result[] = [];
  const httpSecuredRuns: autocannon.Result[] = [];
  const variantPublicRuns: autocannon.Result[] = [];
  const lambdaCachedRuns: autocannon.Result[] = [];
  const lambdaUncachedRuns: autocannon.Result[] = [];
  try {
    const bearer = { authorization: `Bearer ${idToken}` };
    const secured = await fetch(`${httpApi.url}/http/helloSecured`, { headers: bearer });
    if (!secured.ok) throw new Error(`The HTTP API's secured route answered ${secured.status} to a valid ID token.`);
    const lambdaToken = { authorization: 'bench-token' };
    for (const route of ['helloLambdaCached', 'helloLambdaUncached']) {
      const allowed = await fetch(`${httpApi.restUrl}/api/${route}`, { headers: lambdaToken });
      if (!allowed.ok)
        throw new Error(`The Lambda-authorized method api/${route} answered ${allowed.status} where its authorizer allows every token.`);
    }
    await load(`${httpApi.url}/http/hello`, { duration: 1 });
    await load(`${httpApi.url}/http/helloSecured`, { duration: 1, headers: bearer });
    await load(`${httpApi.restUrl}/api/helloLambdaUncached`, { duration: 1, headers: lambdaToken });
    for (let round = 0; round < ROUNDS; round += 1) {
      httpPublicRuns.push(await load(`${httpApi.url}/http/hello`));
      httpSecuredRuns.push(await load(`${httpApi.url}/http/helloSecured`, { headers: bearer }));
      variantPublicRuns.push(await load(`${httpApi.restUrl}/api/helloWorld`));
      lambdaCachedRuns.push(await load(`${httpApi.restUrl}/api/helloLambdaCached`, { headers: lambdaToken }));
      lambdaUncachedRuns.push(await load(`${httpApi.restUrl}/api/helloLambdaUncached`, { headers: lambdaToken }));
    }
  } finally {
    await httpApi.variant.process.stop();
    rmSync(httpApi.variant.dataDir, { recursive: true, force: true });
  }
  const httpPublicRun = summary(httpPublicRuns);
  const httpSecuredRun = summary(httpSecuredRuns);
  const variantPublicRun = summary(variantPublicRuns);
  const lambdaCachedRun = summary(lambdaCachedRuns);
  const lambdaUncachedRun = summary(lambdaUncachedRuns);
  cognito.destroy();
  await stack.stop();
  running = undefined;

  const results = {
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
    smoke,
    coldStartMs: Math.round(cold.startMs),
    warmStartMs: Math.round(stack.startMs),
    public: { rps: Math.round(publicRun.requests.average), p50Ms: publicRun.latency.p50, p99Ms: publicRun.latency.p99 },
    secured: { rps: Math.round(securedRun.requests.average), p50Ms: securedRun.latency.p50, p99Ms: securedRun.latency.p99 },
    securedToPublic: Number((securedRun.requests.average / publicRun.requests.average).toFixed(2)),
    httpApi: {
      public: { rps: Math.round(httpPublicRun.requests.average), p50Ms: httpPublicRun.latency.p50 },
      secured: { rps: Math.round(httpSecuredRun.requests.average), p50Ms: httpSecuredRun.latency.p50 },
      securedToPublic: Number((httpSecuredRun.requests.average / httpPublicRun.requests.average).toFixed(2)),
    },
    // REST methods of the second API: its public one, and behind a Lambda authorizer, cached (TTL 300) and uncached (TTL 0).
    lambdaAuthorizer: {
      public: { rps: Math.round(variantPublicRun.requests.average), p50Ms: variantPublicRun.latency.p50 },
      cached: { rps: Math.round(lambdaCachedRun.requests.average), p50Ms: lambdaCachedRun.latency.p50 },
      uncached: { rps: Math.round(lambdaUncachedRun.requests.average), p50Ms: lambdaUncachedRun.latency.p50 },
      cachedToPublic: Number((lambdaCachedRun.requests.average / variantPublicRun.requests.average).toFixed(2)),
      uncachedToPublic: Number((lambdaUncachedRun.requests.average / variantPublicRun.requests.average).toFixed(2)),
    },
    signIn: { rps: Math.round(signInRun.requests.average), p50Ms: signInRun.latency.p50, errors: signInRun.errors + signInRun.non2xx },
    medianMs: { passwordSignIn: median(passwordSignIns), srpSignIn: median(srpSignIns), signUpAndConfirm: median(signUps) },
    rssMbAfterLoad: Math.round(rssMb),
    rssMbByService,
  };
  writeFileSync('bench-results.json', `${JSON.stringify(results, null, 2)}\n`);

  const row = (what: string, value: string, target: string, ok: boolean) => `| ${what} | ${value} | ${target} | ${ok ? 'ok' : 'MISSED'} |`;
  console.log(
    [
      `Machine: ${results.machine}${smoke ? ' (smoke run)' : ''}`,
      '',
      '| measure | value | target | |',
      '|---|---|---|---|',
      row(
        'cold start (empty data folder)',
        `${results.coldStartMs} ms`,
        `≤ ${TARGETS.coldStartMs} ms`,
        results.coldStartMs <= TARGETS.coldStartMs,
      ),
      row('warm start', `${results.warmStartMs} ms`, `≤ ${TARGETS.warmStartMs} ms`, results.warmStartMs <= TARGETS.warmStartMs),
      row('public endpoint', `${results.public.rps} req/s, p50 ${results.public.p50Ms} ms, p99 ${results.public.p99Ms} ms`, '', true),
      row(
        'secured endpoint',
        `${results.secured.rps} req/s, p50 ${results.secured.p50Ms} ms, p99 ${results.secured.p99Ms} ms`,
        `p50 within 2 ms of public`,
        results.secured.p50Ms - results.public.p50Ms <= 2,
      ),
      row(
        'secured / public throughput',
        `${results.securedToPublic}`,
        `≥ ${TARGETS.securedToPublic}`,
        results.securedToPublic >= TARGETS.securedToPublic,
      ),
      row(
        'HTTP API: public / JWT-secured route',
        `${results.httpApi.public.rps} / ${results.httpApi.secured.rps} req/s, p50 ${results.httpApi.public.p50Ms} / ${results.httpApi.secured.p50Ms} ms`,
        '',
        true,
      ),
      row(
        'HTTP API secured / public throughput',
        `${results.httpApi.securedToPublic}`,
        `≥ ${TARGETS.securedToPublic}`,
        results.httpApi.securedToPublic >= TARGETS.securedToPublic,
      ),
      row(
        'REST: public / Lambda-authorized, cached (TTL 300) / uncached (TTL 0)',
        `${results.lambdaAuthorizer.public.rps} / ${results.lambdaAuthorizer.cached.rps} / ${results.lambdaAuthorizer.uncached.rps} req/s, p50 ${results.lambdaAuthorizer.public.p50Ms} / ${results.lambdaAuthorizer.cached.p50Ms} / ${results.lambdaAuthorizer.uncached.p50Ms} ms`,
        '',
        true,
      ),
      // Shown against the secured routes' target, not yet enforced: 0.56 to 0.72 in smoke runs on a
      // shared 2-core machine (bench-results.json), where a failed run would say nothing of a regression.
      row(
        'Lambda-authorized (cached) / public throughput',
        `${results.lambdaAuthorizer.cachedToPublic} (uncached ${results.lambdaAuthorizer.uncachedToPublic})`,
        `≥ ${TARGETS.securedToPublic}`,
        results.lambdaAuthorizer.cachedToPublic >= TARGETS.securedToPublic,
      ),
      row(
        'sign-in (USER_PASSWORD_AUTH), 10 connections',
        `${results.signIn.rps}/s, p50 ${results.signIn.p50Ms} ms, ${results.signIn.errors} errors`,
        `≥ ${TARGETS.signInsPerSecond}/s, p50 ≤ ${TARGETS.signInP50Ms} ms`,
        results.signIn.rps >= TARGETS.signInsPerSecond && results.signIn.p50Ms <= TARGETS.signInP50Ms,
      ),
      row(
        `sign-in latency, median of ${SAMPLES}`,
        `password ${results.medianMs.passwordSignIn.toFixed(1)} ms, SRP ${results.medianMs.srpSignIn.toFixed(1)} ms`,
        '',
        true,
      ),
      row(`sign-up + confirm, median of ${SAMPLES}`, `${results.medianMs.signUpAndConfirm.toFixed(1)} ms`, '', true),
      row(
        'whole stack resident memory after load',
        `${results.rssMbAfterLoad} MB (${Object.entries(rssMbByService)
          .map(([name, mb]) => `${name} ${mb}`)
          .join(', ')})`,
        `≤ ${TARGETS.rssMb} MB`,
        results.rssMbAfterLoad <= TARGETS.rssMb,
      ),
      '',
      'Written to bench-results.json. `npm test` wall time is printed by the test runners.',
    ].join('\n'),
  );
  for (const [api, ratio] of [
    ['REST API', results.securedToPublic],
    ['HTTP API', results.httpApi.securedToPublic],
  ] as const) {
    if (ratio < TARGETS.securedToPublic) {
      console.error(`\nThe ${api}'s secured/public throughput ratio ${ratio} is below ${TARGETS.securedToPublic}.`);
      process.exitCode = 1;
    }
  }
} finally {
  await running?.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
