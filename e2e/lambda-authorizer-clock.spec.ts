// A Lambda authorizer's cache on the local stack's clock (local/clock.ts), on a whole `npm start` of
// its own (moving the e2e stack's clock would move it under every spec after this one): the cached
// policy answers until resultTtlInSeconds (300 by default) have passed, then the function runs
// again (https://docs.aws.amazon.com/apigateway/latest/developerguide/configure-api-gateway-lambda-authorization.html).
import { expect, test } from '@playwright/test';
import { type LaunchedStack, launchStack } from '../testing/launch-stack.ts';
import { writeVariantConfig } from '../testing/variant-api.ts';
import { AuthorizerLogs } from './authorizer-variant.ts';

let logs: AuthorizerLogs;
let stack: LaunchedStack;
let removeVariant: () => void;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  logs = new AuthorizerLogs();
  const variant = writeVariantConfig((service) => {
    service.functions.tokenAuthorizer = {
      handler: 'e2e/fixtures/policy-authorizer.handler',
      environment: { AUTHORIZER_LOG: logs.file('tokenAuthorizer') },
    };
    // resultTtlInSeconds not given: serverless and API Gateway take 300.
    const authorizer = { name: 'tokenAuthorizer', type: 'token', identitySource: 'method.request.header.Authorization' };
    service.functions.echo = {
      handler: 'e2e/fixtures/echo-handler.handler',
      events: [{ http: { method: 'get', path: 'api/echo', authorizer } }],
    };
  });
  removeVariant = variant.remove;
  stack = await launchStack({ args: ['--config', variant.configFile] });
});

test.afterAll(async () => {
  await stack?.stop();
  removeVariant?.();
  logs?.remove();
});

async function moveClock(advanceSeconds: number): Promise<void> {
  const answer = await fetch(`${stack.urls.cognito}/_dev/clock`, { method: 'POST', body: JSON.stringify({ advanceSeconds }) });
  expect(answer.status).toBe(200);
}

test('the cached policy answers for 300 s by the local clock, then the function is invoked again', async () => {
  const token = 'allow:clock';
  const call = async () => (await fetch(`${stack.urls.api}/api/echo`, { headers: { Authorization: token } })).status;
  const invocations = () => logs.events('tokenAuthorizer').filter((event) => event.authorizationToken === token).length;
  expect(await call()).toBe(200);
  expect(await call()).toBe(200);
  expect(invocations()).toBe(1);
  await moveClock(290);
  expect(await call()).toBe(200);
  expect(invocations()).toBe(1);
  await moveClock(15);
  expect(await call()).toBe(200);
  expect(invocations()).toBe(2);
  // The new answer is cached from the moved time on.
  expect(await call()).toBe(200);
  expect(invocations()).toBe(2);
});
