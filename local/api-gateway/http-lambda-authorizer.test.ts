// An HTTP API route's Lambda authorizer, composed: identity sources, simple and IAM policy
// answers, the cache, and the HTTP API's own 401/403/500
// (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html),
// with a fake function that counts its invocations.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HttpLambdaAuthorization } from '../cloudformation/http-api.ts';
import { OffsetClock } from '../clock.ts';
import type { GatewayRequest } from './gateway-request.ts';
import { type HttpAuthorizerCaches, httpLambdaAuthorizer } from './http-lambda-authorizer.ts';
import type { HttpApiDecision } from './jwt-authorizer.ts';

const ROUTE = { region: 'eu-west-1', accountId: '123456789012', apiId: 'httpapi01', stage: '$default' };
const arnOf = (method: string, path: string) => `arn:aws:execute-api:eu-west-1:123456789012:httpapi01/$default/${method}/${path}`;

function request(path: string, headers: Record<string, string> = {}): GatewayRequest {
  return { method: 'get', path, headers, rawHeaders: Object.entries(headers).flat(), url: path, pathParameters: {}, sourceIp: '127.0.0.1' };
}

const SIMPLE: HttpLambdaAuthorization = {
  type: 'LAMBDA',
  authorizer: 'HttpApiAuthorizerSimple',
  functionName: 'hello-auth-local-auth',
  identitySources: ['$request.header.Authorization'],
  payloadFormatVersion: '2.0',
  simpleResponses: true,
  resultTtlSeconds: 300,
};
const POLICY: HttpLambdaAuthorization = { ...SIMPLE, authorizer: 'HttpApiAuthorizerPolicy', simpleResponses: false };

let caches: HttpAuthorizerCaches;
let clock: OffsetClock;
beforeEach(() => {
  caches = new Map();
  clock = new OffsetClock(() => Date.UTC(2026, 11, 8, 12));
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());

function authorizerFor(
  invoke: (functionName: string, event: any) => Promise<unknown>,
  authorization = SIMPLE,
  path = '/items',
  integrationPayload: '1.0' | '2.0' = '2.0',
) {
  const fn = vi.fn(invoke);
  const authorize = httpLambdaAuthorizer({
    authorization,
    route: { ...ROUTE, resourcePath: path, routeKey: `GET ${path}` },
    integrationPayload,
    invoke: fn,
    caches,
    clock,
  });
  return { authorize, fn };
}

const answer = async (decision: HttpApiDecision) =>
  decision.allow ? undefined : { status: decision.response.statusCode, body: JSON.parse(decision.response.body) };

describe('httpLambdaAuthorizer, simple responses', () => {
  it('allows with isAuthorized true and hands the handler the context under authorizer.lambda (payload 2.0)', async () => {
    const { authorize, fn } = authorizerFor(async () => ({ isAuthorized: true, context: { tenant: 'acme', level: 3 } }));
    const decision = await authorize(request('/items', { authorization: 'a' }));
    expect(decision).toMatchObject({ allow: true, authorizer: { lambda: { tenant: 'acme', level: 3 } } });
    expect(fn.mock.calls[0]![1]).toMatchObject({
      version: '2.0',
      type: 'REQUEST',
      routeArn: arnOf('GET', 'items'),
      identitySource: ['a'],
      routeKey: 'GET /items',
      rawPath: '/items',
    });
  });

  it.each([[false], ['false'], ['true'], [1], [undefined]])('denies with 403 Forbidden when isAuthorized is %j', async (isAuthorized) => {
    const { authorize } = authorizerFor(async () => ({ isAuthorized }));
    const refused = await answer(await authorize(request('/items', { authorization: 'a' })));
    // A non-boolean may be refused as a malformed answer (500) instead; it is never allowed.
    expect([403, 500]).toContain(refused?.status);
    if (isAuthorized === false) expect(refused).toEqual({ status: 403, body: { message: 'Forbidden' } });
  });

  it('answers 401 Unauthorized without invoking when an identity source is missing', async () => {
    const { authorize, fn } = authorizerFor(async () => ({ isAuthorized: true }));
    expect(await answer(await authorize(request('/items')))).toEqual({ status: 401, body: { message: 'Unauthorized' } });
    expect(fn).not.toHaveBeenCalled();
  });

  it('answers 500 Internal Server Error when the function throws', async () => {
    const { authorize } = authorizerFor(async () => {
      throw new Error('boom');
    });
    expect(await answer(await authorize(request('/items', { authorization: 'a' })))).toEqual({
      status: 500,
      body: { message: 'Internal Server Error' },
    });
  });

  it('reuses a cached simple answer on every route for that identity, until the TTL passes', async () => {
    const { authorize, fn } = authorizerFor(async () => ({ isAuthorized: true }));
    const other = httpLambdaAuthorizer({
      authorization: SIMPLE,
      route: { ...ROUTE, resourcePath: '/other', routeKey: 'GET /other' },
      integrationPayload: '2.0',
      invoke: fn,
      caches,
      clock,
    });
    await authorize(request('/items', { authorization: 'a' }));
    expect((await other(request('/other', { authorization: 'a' }))).allow).toBe(true);
    expect(fn).toHaveBeenCalledTimes(1);
    clock.advance(300_001);
    await other(request('/other', { authorization: 'a' }));
    expect(fn).toHaveBeenCalledTimes(2);
  });
});

describe('httpLambdaAuthorizer, IAM policy responses', () => {
  const policy = (effect: 'Allow' | 'Deny', resource: string) => ({
    principalId: 'user-1',
    policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: resource }] },
    context: { tenant: 'acme' },
  });

  it('allows a policy for the route ARN, and gives 403 from the cache on a route the policy does not name', async () => {
    const { authorize, fn } = authorizerFor(async (_, event) => policy('Allow', event.routeArn), POLICY);
    expect((await authorize(request('/items', { authorization: 'a' }))).allow).toBe(true);
    const other = httpLambdaAuthorizer({
      authorization: POLICY,
      route: { ...ROUTE, resourcePath: '/other', routeKey: 'GET /other' },
      integrationPayload: '2.0',
      invoke: fn,
      caches,
      clock,
    });
    expect(await answer(await other(request('/other', { authorization: 'a' })))).toEqual({ status: 403, body: { message: 'Forbidden' } });
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('denies an explicit Deny with 403 Forbidden, and a malformed policy with 500', async () => {
    const deny = authorizerFor(async (_, event) => policy('Deny', event.routeArn), POLICY);
    expect((await answer(await deny.authorize(request('/items', { authorization: 'a' }))))?.status).toBe(403);
    caches.clear();
    const malformed = authorizerFor(async () => ({ principalId: 'user-1' }), POLICY);
    expect((await answer(await malformed.authorize(request('/items', { authorization: 'a' }))))?.status).toBe(500);
  });

  it('sends the payload 1.0 event to a 1.0 authorizer', async () => {
    const { authorize, fn } = authorizerFor(async (_, event) => policy('Allow', event.methodArn), {
      ...POLICY,
      payloadFormatVersion: '1.0',
    });
    expect((await authorize(request('/items', { authorization: 'a' }))).allow).toBe(true);
    expect(fn.mock.calls[0]![1]).toMatchObject({ version: '1.0', type: 'REQUEST', methodArn: arnOf('GET', 'items'), identitySource: 'a' });
  });
});
