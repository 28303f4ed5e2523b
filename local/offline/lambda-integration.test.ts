import { describe, expect, it } from 'vitest';
import { httpApiAuthorizerContext } from './authorizer-context.ts';
import { asProxyIntegration, type OfflineLambdaFunction } from './lambda-integration.ts';
import { invocationOf, type RouteInvocation, withInvocation } from './route-invocation.ts';

/** A stand-in for serverless-offline's LambdaFunction: runs `handler` on the event it was set. */
function fakeFunction(handler: (event: unknown) => Promise<unknown>) {
  const seen: unknown[] = [];
  let event: unknown;
  const lambdaFunction: OfflineLambdaFunction = {
    setEvent: (value) => {
      event = value;
      seen.push(value);
    },
    runHandler: () => handler(event),
  };
  const logged: string[] = [];
  asProxyIntegration(lambdaFunction, (line) => logged.push(line));
  return { lambdaFunction, seen, logged };
}

const facts = { rawHeaders: ['Host', '127.0.0.1:3000'], url: '/items?a=1', apiId: 'localhttpapi', accountId: '000000000000' };

/** offline's payload 2.0 event for a public route, with the route's credentials context under authorizer.lambda. */
function offlineV2Event(context: object) {
  return {
    routeKey: 'GET /items',
    rawPath: '/items',
    body: null,
    cookies: [],
    isBase64Encoded: false,
    pathParameters: null,
    requestContext: {
      authorizer: { lambda: context, jwt: { claims: { forged: 'yes' } } },
      http: { method: 'GET', path: '/items', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1' },
      routeKey: 'GET /items',
      stage: '$default',
      timeEpoch: 0,
    },
  };
}

/** What the adapter's auth step hands offline for a public payload 2.0 route. */
function routeContext() {
  const invocation: RouteInvocation = { api: 'http', payloadFormatVersion: '2.0', routeKey: 'GET /items', facts };
  return withInvocation(httpApiAuthorizerContext(undefined, '2.0'), invocation);
}

describe('asProxyIntegration', () => {
  it("hands the handler the HTTP API's event instead of offline's", async () => {
    const { lambdaFunction, seen } = fakeFunction(async () => ({ statusCode: 200 }));
    lambdaFunction.setEvent(offlineV2Event(routeContext()));
    await lambdaFunction.runHandler();
    expect(seen[0]).toMatchObject({ version: '2.0', rawQueryString: 'a=1', queryStringParameters: { a: '1' } });
    expect(seen[0]).not.toHaveProperty('body');
    expect(seen[0]).not.toHaveProperty('cookies');
    expect(seen[0]).not.toHaveProperty('requestContext.authorizer');
  });

  it('hands offline the response API Gateway reads from a valid result, and records no failure', async () => {
    const context = routeContext();
    const { lambdaFunction } = fakeFunction(async () => 'plain');
    lambdaFunction.setEvent(offlineV2Event(context));
    expect(await lambdaFunction.runHandler()).toEqual({
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
      body: 'plain',
      isBase64Encoded: false,
    });
    expect(invocationOf(context)?.failure).toBeUndefined();
  });

  it('records a handler that throws as a failed integration, and lets offline see the error', async () => {
    const context = routeContext();
    const { lambdaFunction } = fakeFunction(async () => {
      throw new Error('boom');
    });
    lambdaFunction.setEvent(offlineV2Event(context));
    await expect(lambdaFunction.runHandler()).rejects.toThrow('boom');
    expect(invocationOf(context)?.failure).toBe('the function failed: boom');
  });

  it('records a malformed result as a failed integration, and says why in the log', async () => {
    const context = routeContext();
    const { lambdaFunction, logged } = fakeFunction(async () => ({ statusCode: 200, body: { not: 'a string' } }));
    lambdaFunction.setEvent(offlineV2Event(context));
    await lambdaFunction.runHandler();
    expect(invocationOf(context)?.failure).toMatch(/^Malformed Lambda proxy response: body is an object/);
    expect(logged).toEqual([
      '[api] HTTP API route GET /items: Execution failed due to configuration error: Malformed Lambda proxy response: body is an object: it must be a string (JSON.stringify it)',
    ]);
  });

  it('leaves an event that came through no API route alone (an Invoke call), with its result', async () => {
    const { lambdaFunction, seen } = fakeFunction(async () => 'anything');
    lambdaFunction.setEvent({ any: 'payload' });
    expect(await lambdaFunction.runHandler()).toBe('anything');
    expect(seen).toEqual([{ any: 'payload' }]);
  });
});
