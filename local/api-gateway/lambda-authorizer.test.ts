// A REST method's Lambda authorizer, composed: the order of API Gateway's checks, its cache and
// its answers (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-use-lambda-authorizer.html,
// apigateway-lambda-authorizer-output.html, configure-api-gateway-lambda-authorization.html),
// with a fake function that counts its invocations.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LambdaRouteAuthorization } from '../cloudformation/api-routes.ts';
import { OffsetClock } from '../clock.ts';
import type { AuthorizerDecision } from './cognito-authorizer.ts';
import type { GatewayRequest } from './gateway-request.ts';
import { type AuthorizerCaches, lambdaAuthorizer } from './lambda-authorizer.ts';

const ROUTE = { region: 'eu-west-1', accountId: '123456789012', apiId: 'restapi01', stage: 'local' };
const arnOf = (method: string, path: string) => `arn:aws:execute-api:eu-west-1:123456789012:restapi01/local/${method}/${path}`;

function request(path: string, headers: Record<string, string> = {}, url = `/local/${path}`): GatewayRequest {
  return {
    method: 'get',
    path: `/local/${path}`,
    headers,
    rawHeaders: Object.entries(headers).flat(),
    url,
    pathParameters: {},
    sourceIp: '127.0.0.1',
  };
}

const TOKEN: LambdaRouteAuthorization = {
  type: 'CUSTOM',
  authorizer: 'AuthApiGatewayAuthorizer',
  authorizerType: 'TOKEN',
  functionName: 'hello-auth-local-auth',
  identitySources: ['method.request.header.Authorization'],
  resultTtlSeconds: 300,
};

const policy = (effect: 'Allow' | 'Deny', resource: string | string[], extra: object = {}) => ({
  principalId: 'user-1',
  policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: resource }] },
  ...extra,
});

let caches: AuthorizerCaches;
let clock: OffsetClock;
beforeEach(() => {
  caches = new Map();
  clock = new OffsetClock(() => Date.UTC(2026, 11, 8, 12));
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());

function authorizerFor(invoke: (functionName: string, event: any) => Promise<unknown>, authorization = TOKEN, resourcePath = '/api/items') {
  const fn = vi.fn(invoke);
  const authorize = lambdaAuthorizer({ authorization, route: { ...ROUTE, resourcePath }, invoke: fn, caches, clock });
  return { authorize, fn };
}

const refusal = (decision: AuthorizerDecision) => (decision.allow ? undefined : decision.refusal);

describe('lambdaAuthorizer (TOKEN)', () => {
  it('invokes the function with the TOKEN event and hands the handler principalId, the context and integrationLatency', async () => {
    const { authorize, fn } = authorizerFor(async (_, event) =>
      policy('Allow', event.methodArn, { context: { tenant: 'acme', admin: true, level: 3 } }),
    );
    const decision = await authorize(request('api/items', { authorization: 'Bearer abc' }));
    expect(fn).toHaveBeenCalledWith('hello-auth-local-auth', {
      type: 'TOKEN',
      authorizationToken: 'Bearer abc',
      methodArn: arnOf('GET', 'api/items'),
    });
    expect(decision.allow).toBe(true);
    const context = decision.allow ? decision.context : undefined;
    expect(context).toMatchObject({ principalId: 'user-1', tenant: 'acme' });
    expect(typeof context?.integrationLatency).toBe('number');
  });

  it('answers 401 without invoking when the token header is missing or empty', async () => {
    const { authorize, fn } = authorizerFor(async () => policy('Allow', '*'));
    expect(refusal(await authorize(request('api/items')))).toEqual({ type: 'UNAUTHORIZED' });
    expect(refusal(await authorize(request('api/items', { authorization: '' })))).toEqual({ type: 'UNAUTHORIZED' });
    expect(fn).not.toHaveBeenCalled();
  });

  it('answers 401 without invoking when the token fails the identityValidationExpression, matched whole', async () => {
    const { authorize, fn } = authorizerFor(async () => policy('Allow', '*'), { ...TOKEN, identityValidationExpression: 'Bearer [a-z]+' });
    expect(refusal(await authorize(request('api/items', { authorization: 'Basic abc' })))).toEqual({ type: 'UNAUTHORIZED' });
    expect(refusal(await authorize(request('api/items', { authorization: 'Bearer abc!' })))).toEqual({ type: 'UNAUTHORIZED' });
    expect(fn).not.toHaveBeenCalled();
    expect((await authorize(request('api/items', { authorization: 'Bearer abc' }))).allow).toBe(true);
  });

  it('answers 401 when the function says Unauthorized, 500 (AUTHORIZER_CONFIGURATION_ERROR) when it fails otherwise', async () => {
    const unauthorized = authorizerFor(async () => {
      throw new Error('Unauthorized');
    });
    expect(refusal(await unauthorized.authorize(request('api/items', { authorization: 'a' })))).toEqual({ type: 'UNAUTHORIZED' });
    const failing = authorizerFor(async () => {
      throw new Error('boom');
    });
    expect(refusal(await failing.authorize(request('api/items', { authorization: 'a' })))).toEqual({
      type: 'AUTHORIZER_CONFIGURATION_ERROR',
    });
  });

  it.each([
    ['no principalId', { policyDocument: policy('Allow', '*').policyDocument }],
    ['no policyDocument', { principalId: 'user-1' }],
    ['an object in the context', policy('Allow', '*', { context: { roles: { admin: true } } })],
    ['an array in the context', policy('Allow', '*', { context: { roles: ['admin'] } })],
    ['not an object', 'allow'],
  ])('answers 500 (AUTHORIZER_CONFIGURATION_ERROR) for an answer with %s', async (_, answer) => {
    const { authorize } = authorizerFor(async () => answer);
    expect(refusal(await authorize(request('api/items', { authorization: 'a' })))).toEqual({ type: 'AUTHORIZER_CONFIGURATION_ERROR' });
  });

  it("answers 403 with API Gateway's Message for an explicit Deny and for a policy that allows another method", async () => {
    const deny = authorizerFor(async (_, event) => policy('Deny', event.methodArn));
    expect(refusal(await deny.authorize(request('api/items', { authorization: 'a' })))).toEqual({
      type: 'ACCESS_DENIED',
      message: 'User is not authorized to access this resource with an explicit deny',
      messageKey: 'Message',
    });
    caches.clear();
    const other = authorizerFor(async () => policy('Allow', arnOf('GET', 'api/other')));
    expect(refusal(await other.authorize(request('api/items', { authorization: 'a' })))).toEqual({
      type: 'ACCESS_DENIED',
      message: 'User is not authorized to access this resource',
      messageKey: 'Message',
    });
  });

  it('evaluates the cached policy against the next method: allowed on the first, 403 on the second, one invocation', async () => {
    const invoke = async (_: string, event: any) => policy('Allow', event.methodArn);
    const first = lambdaAuthorizer({
      authorization: TOKEN,
      route: { ...ROUTE, resourcePath: '/api/items' },
      invoke: vi.fn(invoke),
      caches,
      clock,
    });
    const fn = vi.fn(invoke);
    const second = lambdaAuthorizer({ authorization: TOKEN, route: { ...ROUTE, resourcePath: '/api/other' }, invoke: fn, caches, clock });
    expect((await first(request('api/items', { authorization: 'a' }))).allow).toBe(true);
    expect(refusal(await second(request('api/other', { authorization: 'a' })))?.type).toBe('ACCESS_DENIED');
    expect(fn).not.toHaveBeenCalled();
    // Another token is another identity: the function runs for it.
    expect((await second(request('api/other', { authorization: 'b' }))).allow).toBe(true);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('reuses an answer for resultTtlInSeconds on the local clock, and not at all with a TTL of 0', async () => {
    const cached = authorizerFor(async () => policy('Allow', '*'));
    await cached.authorize(request('api/items', { authorization: 'a' }));
    await cached.authorize(request('api/items', { authorization: 'a' }));
    expect(cached.fn).toHaveBeenCalledTimes(1);
    clock.advance(301_000);
    await cached.authorize(request('api/items', { authorization: 'a' }));
    expect(cached.fn).toHaveBeenCalledTimes(2);

    const uncached = authorizerFor(async () => policy('Allow', '*'), { ...TOKEN, authorizer: 'Other', resultTtlSeconds: 0 });
    await uncached.authorize(request('api/items', { authorization: 'a' }));
    await uncached.authorize(request('api/items', { authorization: 'a' }));
    expect(uncached.fn).toHaveBeenCalledTimes(2);
  });
});

describe('the log', () => {
  it('says on one line per request what was decided: allowed, from the cached policy, refused before invoking', async () => {
    // The lines of the tests before, written on the event loop's next turn.
    await new Promise(setImmediate);
    const written = vi.mocked(process.stdout.write);
    written.mockClear();
    const { authorize } = authorizerFor(async (_, event) => policy('Allow', event.methodArn));
    await authorize(request('api/items', { authorization: 'a' }));
    await authorize(request('api/items', { authorization: 'a' }));
    await authorize(request('api/items'));
    await new Promise(setImmediate);
    expect(written.mock.calls.map(([text]) => String(text)).join('')).toBe(
      '[authorizer] GET /local/api/items (AuthApiGatewayAuthorizer): allowed (principal user-1)\n' +
        '[authorizer] GET /local/api/items (AuthApiGatewayAuthorizer): allowed (principal user-1) from the cached policy\n' +
        '[authorizer] GET /local/api/items (AuthApiGatewayAuthorizer): refused before invoking the function: no method.request.header.Authorization\n',
    );
  });
});

describe('lambdaAuthorizer (REQUEST)', () => {
  const REQUEST: LambdaRouteAuthorization = {
    ...TOKEN,
    authorizer: 'ReqApiGatewayAuthorizer',
    authorizerType: 'REQUEST',
    identitySources: ['method.request.header.Authorization', 'method.request.querystring.tenant'],
  };

  it('invokes without the identity sources when caching is off (they are the cache key)', async () => {
    const { authorize, fn } = authorizerFor(async () => policy('Allow', '*'), { ...REQUEST, resultTtlSeconds: 0 });
    expect((await authorize(request('api/items'))).allow).toBe(true);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('answers 401 without invoking when any identity source is missing, with caching on', async () => {
    const { authorize, fn } = authorizerFor(async () => policy('Allow', '*'), REQUEST);
    expect(refusal(await authorize(request('api/items', { authorization: 'a' })))).toEqual({ type: 'UNAUTHORIZED' });
    expect(refusal(await authorize(request('api/items', {}, '/local/api/items?tenant=acme')))).toEqual({ type: 'UNAUTHORIZED' });
    expect(fn).not.toHaveBeenCalled();
  });

  it('invokes with the REQUEST event and caches by every identity source value', async () => {
    const { authorize, fn } = authorizerFor(async () => policy('Allow', '*'), REQUEST);
    await authorize(request('api/items', { authorization: 'a' }, '/local/api/items?tenant=acme'));
    const event = fn.mock.calls[0]![1];
    expect(event).toMatchObject({
      type: 'REQUEST',
      methodArn: arnOf('GET', 'api/items'),
      resource: '/api/items',
      path: '/api/items',
      httpMethod: 'GET',
      queryStringParameters: { tenant: 'acme' },
    });
    await authorize(request('api/items', { authorization: 'a' }, '/local/api/items?tenant=acme'));
    expect(fn).toHaveBeenCalledTimes(1);
    await authorize(request('api/items', { authorization: 'a' }, '/local/api/items?tenant=other'));
    expect(fn).toHaveBeenCalledTimes(2);
  });
});
