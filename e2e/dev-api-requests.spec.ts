// The test API's activity calls (README, "Test API"): the API's requests, each with its route,
// its authorizer and the authorizer's decision in words, recorded by serverless-offline's process
// and read from the Cognito emulator's port; and the Cognito triggers' invocations, recorded by
// the emulator (on a variant whose own pool has PreSignUp and CustomMessage, served beside the e2e stack).
import { InitiateAuthCommand, SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { expect, test } from '@playwright/test';
import { localStackPath, readLocalStack, stackOutput } from '../local/cloudformation/local-stack.ts';
import { type LaunchedStack, launchStack } from '../testing/launch-stack.ts';
import { writeVariantConfig } from '../testing/variant-api.ts';
import type { DevRequest, DevTriggerInvocation } from '../local/dev-api/dev-api-types.ts';
import { cognitoClient } from '../testing/cognito-client.ts';
import { awsIssuer, idTokenClaims, mint } from '../testing/tokens.ts';
import { uniqueEmail } from '../testing/unique-names.ts';
import { e2eOutput, e2eStack } from './stack.ts';
import { attachTrigger, ownPool, startVariantApi, type ServiceEdit, type VariantApi } from './variant-stack.ts';

const PUBLIC = `${e2eStack.urls.api}/api/helloWorld`;
const SECURED = `${e2eStack.urls.api}/api/helloWorldSecured`;

const requestsSince = async (since: number, cognitoUrl = e2eStack.urls.cognito) =>
  ((await (await fetch(`${cognitoUrl}/_dev/api/requests?since=${since}`)).json()) as { requests: DevRequest[] }).requests;
const triggersSince = async (since: number) =>
  ((await (await fetch(`${e2eStack.urls.cognito}/_dev/api/triggers?since=${since}`)).json()) as { triggers: DevTriggerInvocation[] })
    .triggers;

test('each request the API answered, with its route, authorizer, decision in words, status and latency', async () => {
  const since = Date.now();
  const claims = idTokenClaims(awsIssuer(e2eOutput('UserPoolId')), e2eOutput('UserPoolClientId'), 'ada@example.com');
  const now = Math.floor(Date.now() / 1000);
  const expired = mint({ ...claims, iat: now - 3600, exp: now - 180 });
  const calls: [string, Record<string, string>][] = [
    [PUBLIC, {}],
    [SECURED, {}],
    [SECURED, { Authorization: `Bearer ${expired}` }],
    [SECURED, { Authorization: `Bearer ${mint(claims)}` }],
  ];
  // One after the other: the log lists them in the order they arrived.
  const statuses: number[] = [];
  for (const [url, headers] of calls) statuses.push((await fetch(url, { headers })).status);
  expect(statuses).toEqual([200, 401, 401, 200]);

  // The API's process writes its requests a turn of its event loop after answering.
  await expect.poll(async () => (await requestsSince(since)).length).toBeGreaterThanOrEqual(4);
  const requests = (await requestsSince(since)).filter(
    (request) => request.path.endsWith('/api/helloWorld') || request.path.endsWith('/api/helloWorldSecured'),
  );
  const [open, missing, late, allowed] = requests;
  expect(requests).toHaveLength(4);
  expect(open).toEqual({
    at: expect.any(Number),
    api: 'rest',
    method: 'GET',
    path: new URL(PUBLIC).pathname,
    route: 'GET /api/helloWorld',
    status: 200,
    latencyMs: expect.any(Number),
  });
  const secured = { api: 'rest', method: 'GET', path: new URL(SECURED).pathname, route: 'GET /api/helloWorldSecured' };
  // serverless's logical id for the authorizer named `cognitoUserPool` in serverless.yml.
  const authorizer = 'COGNITO_USER_POOLS CognitoUserPoolApiGatewayAuthorizer';
  expect(missing).toMatchObject({ ...secured, authorizer, decision: '401: no authorization header', status: 401 });
  expect(late).toMatchObject({ ...secured, authorizer, decision: '401: the token expired 3 min ago', status: 401 });
  expect(allowed).toMatchObject({ ...secured, authorizer, status: 200 });
  expect(allowed!.decision).toMatch(/^allowed/);
  for (const request of requests) {
    expect(request.at).toBeGreaterThanOrEqual(since);
    expect(request.latencyMs).toBeGreaterThanOrEqual(0);
  }
  expect(await requestsSince(Date.now() + 60_000)).toEqual([]);
});

test('a `since` that is no time is refused with a message', async () => {
  const answer = await fetch(`${e2eStack.urls.cognito}/_dev/api/requests?since=yesterday`);
  expect(answer.status).toBe(400);
  expect(((await answer.json()) as { message: string }).message).toContain('since must be a time in epoch ms');
});

/** A pool of its own with PreSignUp and CustomMessage (e2e/fixtures/cognito-triggers.ts). */
const withSignUpTriggers: ServiceEdit = (service) => {
  ownPool(service, 'dev-api-triggers');
  const fn = (handler: string) => ({ handler: `e2e/fixtures/cognito-triggers.${handler}` });
  Object.assign(service.functions, { triggerPreSignUp: fn('preSignUp'), triggerCustomMessage: fn('customMessage') });
  attachTrigger(service, 'PreSignUp', 'triggerPreSignUp');
  attachTrigger(service, 'CustomMessage', 'triggerCustomMessage');
};

test.describe('the Cognito triggers invoked', () => {
  let variant: VariantApi;

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    variant = await startVariantApi(withSignUpTriggers);
  });
  test.afterAll(async () => {
    await variant?.stop();
  });

  test("a sign-up's PreSignUp and CustomMessage, each with its event, answer and duration; a refusal with its error", async () => {
    const since = Date.now();
    const userPoolId = variant.stack.outputs.UserPoolId!;
    const ClientId = variant.stack.outputs.UserPoolClientId!;
    const cognito = cognitoClient(e2eStack.urls.cognito);
    const signUp = (email: string) =>
      cognito.send(
        new SignUpCommand({ ClientId, Username: email, Password: 'Correct-Horse-1', UserAttributes: [{ Name: 'email', Value: email }] }),
      );
    const email = uniqueEmail('dev-api');
    await signUp(email);
    await signUp(uniqueEmail('dev-api', 'blocked.example.com')).catch(() => undefined);

    const invocations = (await triggersSince(since)).filter((invocation) => invocation.userPoolId === userPoolId);
    expect(invocations.map((invocation) => [invocation.trigger, invocation.triggerSource])).toEqual([
      ['PreSignUp', 'PreSignUp_SignUp'],
      ['CustomMessage', 'CustomMessage_SignUp'],
      ['PreSignUp', 'PreSignUp_SignUp'],
    ]);
    const [preSignUp, customMessage, refused] = invocations;
    expect(preSignUp).toMatchObject({
      functionName: expect.stringContaining('triggerPreSignUp'),
      event: { userPoolId, request: { userAttributes: { email } } },
      answer: { response: { autoConfirmUser: false } },
    });
    expect(preSignUp!.durationMs).toBeGreaterThanOrEqual(0);
    expect(customMessage).toMatchObject({
      answer: { response: { emailSubject: 'Welcome to Hello' } },
    });
    expect(refused).toMatchObject({ error: 'PreSignUp failed with error Sign-ups from blocked.example.com are closed.' });
    expect(refused).not.toHaveProperty('answer');
  });
});

const ISSUER_URL = { 'Fn::Join': ['', ['https://cognito-idp.', { Ref: 'AWS::Region' }, '.amazonaws.com/', { Ref: 'CognitoUserPool' }]] };

/** A team's stack the starter is not: an HTTP API with a JWT authorizer, one route open to any token of the pool, one that needs a scope. */
const httpApiWithScopes: ServiceEdit = (service) => {
  service.provider.httpApi = {
    authorizers: {
      cognito: {
        type: 'jwt',
        identitySource: '$request.header.Authorization',
        issuerUrl: ISSUER_URL,
        audience: [{ Ref: 'CognitoUserPoolClient' }],
      },
    },
  };
  service.functions.httpEcho = {
    handler: 'e2e/fixtures/echo-handler.handler',
    events: [
      { httpApi: { method: 'GET', path: '/http/echoSecured', authorizer: { name: 'cognito' } } },
      { httpApi: { method: 'GET', path: '/http/orders', authorizer: { name: 'cognito', scopes: ['orders/read'] } } },
    ],
  };
};

test.describe('on a team stack of its own (npm start from a fresh data folder)', () => {
  let stack: LaunchedStack;
  let removeVariant: () => void;

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    const variant = writeVariantConfig(httpApiWithScopes);
    removeVariant = variant.remove;
    stack = await launchStack({ args: ['--config', variant.configFile] });
  });
  test.afterAll(async () => {
    await stack?.stop();
    removeVariant?.();
  });

  test("an HTTP API's JWT refusals in words: a missing scope, and a token the moved clock expired", async () => {
    const deployed = readLocalStack(localStackPath(stack.dataDir));
    const cognito = cognitoClient(stack.urls.cognito);
    const { AuthenticationResult } = await cognito.send(
      new InitiateAuthCommand({
        ClientId: stackOutput(deployed, 'UserPoolClientId'),
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: 'user@example.com', PASSWORD: 'User-Passw0rd!' },
      }),
    );
    cognito.destroy();
    const call = (path: string) =>
      fetch(`${stack.urls.apiBase}${path}`, { headers: { Authorization: `Bearer ${AuthenticationResult!.IdToken!}` } });
    const since = Date.now();
    expect((await call('/http/echoSecured')).status).toBe(200);
    expect((await call('/http/orders')).status).toBe(403);
    // An hour and five minutes on: the ID token (an hour) expired five minutes ago.
    const moved = await fetch(`${stack.urls.cognito}/_dev/clock`, { method: 'POST', body: JSON.stringify({ advanceSeconds: 3900 }) });
    expect(moved.status).toBe(200);
    expect((await call('/http/echoSecured')).status).toBe(401);

    await expect.poll(async () => (await requestsSince(since, stack.urls.cognito)).length).toBeGreaterThanOrEqual(3);
    const requests = await requestsSince(since, stack.urls.cognito);
    const authorizer = expect.stringMatching(/^JWT \w+$/);
    expect(requests).toEqual([
      expect.objectContaining({ api: 'http', route: 'GET /http/echoSecured', authorizer, decision: 'allowed', status: 200 }),
      expect.objectContaining({
        api: 'http',
        route: 'GET /http/orders',
        authorizer,
        decision: '403: scope orders/read missing',
        status: 403,
      }),
      expect.objectContaining({
        api: 'http',
        route: 'GET /http/echoSecured',
        authorizer,
        decision: '401: the token expired 5 min ago',
        status: 401,
      }),
    ]);
  });
});
