// The test API's activity calls (README, "Test API"): the API's requests, each with its route,
// its authorizer and the authorizer's decision in words, recorded by serverless-offline's process
// and read from the Cognito emulator's port; and the Cognito triggers' invocations, recorded by
// the emulator (on a variant whose own pool has PreSignUp and CustomMessage, served beside the e2e stack).
import { SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { expect, test } from '@playwright/test';
import type { DevRequest, DevTriggerInvocation } from '../local/dev-api/dev-api-types.ts';
import { cognitoClient } from '../testing/cognito-client.ts';
import { awsIssuer, idTokenClaims, mint } from '../testing/tokens.ts';
import { uniqueEmail } from '../testing/unique-names.ts';
import { e2eOutput, e2eStack } from './stack.ts';
import { attachTrigger, ownPool, startVariantApi, type ServiceEdit, type VariantApi } from './variant-stack.ts';

const PUBLIC = `${e2eStack.urls.api}/api/helloWorld`;
const SECURED = `${e2eStack.urls.api}/api/helloWorldSecured`;

const requestsSince = async (since: number) =>
  ((await (await fetch(`${e2eStack.urls.cognito}/_dev/api/requests?since=${since}`)).json()) as { requests: DevRequest[] }).requests;
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
  const authorizer = expect.stringMatching(/^COGNITO_USER_POOLS \w+$/);
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
