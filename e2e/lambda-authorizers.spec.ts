// Lambda authorizers on a team's stack the starter does not have (REST TOKEN and REQUEST, HTTP API
// REQUEST with IAM policy and simple responses), from a fresh data folder, against API Gateway's
// documented behaviour (docs/aws-behaviour.md, "API Gateway Lambda authorizers: …"). The fixture
// authorizers (e2e/fixtures/policy-authorizer.ts, simple-authorizer.ts) answer as the identity value
// says (`<behaviour>:<nonce>`) and record every event they get, so that each test counts when the
// function ran and when the cache answered.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect, test } from '@playwright/test';
import { AuthorizerLogs } from './authorizer-variant.ts';
import { ownPool, refusedVariant, startVariantApi, type ServiceEdit, type VariantApi } from './variant-stack.ts';

const ECHO = 'e2e/fixtures/echo-handler.handler';
const POLICY_AUTHORIZER = 'e2e/fixtures/policy-authorizer.handler';
const SIMPLE_AUTHORIZER = 'e2e/fixtures/simple-authorizer.handler';
/** The short TTL whose expiry the cache tests wait for (API Gateway takes 0 to 3600 s). */
const SHORT_TTL = 2;
/** TOKEN tokens the identityValidationExpression lets through: `<behaviour>[:<nonce>]`. */
const TOKEN_PATTERN = '^[a-z-]+(:[A-Za-z0-9-]+)?$';

/** An identity value of its own (a cache key no other test shares) with behaviour `behaviour`. */
const identity = (behaviour: string) => `${behaviour}:${randomUUID().slice(0, 8)}`;

/** The authorizer functions, by name; each logs to a file of its own. */
const AUTHORIZERS = {
  tokenAuthorizer: POLICY_AUTHORIZER,
  uncachedAuthorizer: POLICY_AUTHORIZER,
  shortTtlAuthorizer: POLICY_AUTHORIZER,
  requestAuthorizer: POLICY_AUTHORIZER,
  httpPolicyAuthorizer: POLICY_AUTHORIZER,
  httpV1Authorizer: POLICY_AUTHORIZER,
  httpSimpleAuthorizer: SIMPLE_AUTHORIZER,
  resourceAuthorizer: POLICY_AUTHORIZER,
  httpPerRouteAuthorizer: POLICY_AUTHORIZER,
} as const;
type AuthorizerName = keyof typeof AUTHORIZERS;

/**
 * The team's stack: REST methods behind a TOKEN authorizer (cached 300 s by default, with a
 * validation expression), the same function uncached (TTL 0) and with a short TTL, a REQUEST
 * authorizer on a header and a query string; HTTP API routes behind a policy authorizer (2.0 and
 * 1.0) and a simple one. GatewayResponses: the starter's DEFAULT_4XX/5XX (CORS) and an
 * ACCESS_DENIED of its own.
 */
const withLambdaAuthorizers =
  (logs: AuthorizerLogs): ServiceEdit =>
  (service) => {
    ownPool(service, `lambda-authorizers-${process.pid}`);
    for (const [name, handler] of Object.entries(AUTHORIZERS)) {
      service.functions[name] = { handler, environment: { AUTHORIZER_LOG: logs.file(name) } };
    }
    const token = (name: string, resultTtlInSeconds?: number) => ({
      name,
      type: 'token',
      identitySource: 'method.request.header.Authorization',
      identityValidationExpression: TOKEN_PATTERN,
      ...(resultTtlInSeconds !== undefined && { resultTtlInSeconds }),
    });
    const request = {
      name: 'requestAuthorizer',
      type: 'request',
      identitySource: 'method.request.header.X-Token, method.request.querystring.tenant',
      resultTtlInSeconds: 300,
    };
    const rest = (path: string, authorizer: unknown) => ({ http: { method: 'get', path, cors: true, authorizer } });
    const httpApi = (path: string, name: string) => ({ httpApi: { method: 'GET', path, authorizer: { name } } });
    service.functions.echo = {
      handler: ECHO,
      events: [
        rest('api/token/a', token('tokenAuthorizer')),
        rest('api/token/b', token('tokenAuthorizer')),
        rest('api/token/items/{id}', token('tokenAuthorizer')),
        rest('api/uncached/a', token('uncachedAuthorizer', 0)),
        rest('api/uncached/b', token('uncachedAuthorizer', 0)),
        rest('api/short', token('shortTtlAuthorizer', SHORT_TTL)),
        rest('api/request/{id}', request),
        rest('api/resource', { type: 'CUSTOM', authorizerId: { Ref: 'TeamTokenAuthorizer' } }),
        httpApi('/http/policy/{id}', 'policy'),
        httpApi('/http/v1', 'policyV1'),
        httpApi('/http/simple/a', 'simple'),
        httpApi('/http/simple/b', 'simple'),
        httpApi('/http/per-route/a', 'perRoute'),
        httpApi('/http/per-route/b', 'perRoute'),
      ],
    };
    const lambda = (functionName: string, more: Record<string, unknown>) => ({
      type: 'request',
      functionName,
      identitySource: '$request.header.X-Token',
      resultTtlInSeconds: 300,
      ...more,
    });
    service.provider.httpApi = {
      payload: '2.0',
      authorizers: {
        policy: lambda('httpPolicyAuthorizer', { payloadVersion: '2.0' }),
        policyV1: lambda('httpV1Authorizer', { payloadVersion: '1.0' }),
        simple: lambda('httpSimpleAuthorizer', { payloadVersion: '2.0', enableSimpleResponses: true }),
        // "$context.routeKey" in the identity sources caches per route (http-api-lambda-authorizer.html).
        perRoute: lambda('httpPerRouteAuthorizer', {
          payloadVersion: '2.0',
          identitySource: ['$request.header.X-Token', '$context.routeKey'],
        }),
      },
    };
    // A TOKEN authorizer declared as a resource, as teams sharing one across services do
    // (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigateway-authorizer.html),
    // with the permission API Gateway needs to invoke it (serverless makes none for it).
    Object.assign(service.resources.Resources, {
      TeamTokenAuthorizer: {
        Type: 'AWS::ApiGateway::Authorizer',
        Properties: {
          Name: 'team-token',
          Type: 'TOKEN',
          RestApiId: { Ref: 'ApiGatewayRestApi' },
          IdentitySource: 'method.request.header.Authorization',
          AuthorizerResultTtlInSeconds: 300,
          AuthorizerUri: {
            'Fn::Join': [
              '',
              [
                'arn:aws:apigateway:',
                { Ref: 'AWS::Region' },
                ':lambda:path/2015-03-31/functions/',
                { 'Fn::GetAtt': ['ResourceAuthorizerLambdaFunction', 'Arn'] },
                '/invocations',
              ],
            ],
          },
        },
      },
      TeamTokenAuthorizerPermission: {
        Type: 'AWS::Lambda::Permission',
        Properties: {
          Action: 'lambda:InvokeFunction',
          FunctionName: { 'Fn::GetAtt': ['ResourceAuthorizerLambdaFunction', 'Arn'] },
          Principal: 'apigateway.amazonaws.com',
        },
      },
    });
    // A type's own GatewayResponse replaces DEFAULT_4XX's for it (supported-gateway-response-types.html).
    service.resources.Resources.GatewayResponseAccessDenied = {
      Type: 'AWS::ApiGateway::GatewayResponse',
      Properties: {
        ResponseType: 'ACCESS_DENIED',
        ResponseParameters: {
          'gatewayresponse.header.Access-Control-Allow-Origin': "'*'",
          'gatewayresponse.header.X-Gateway-Response': "'ACCESS_DENIED'",
        },
        RestApiId: { Ref: 'ApiGatewayRestApi' },
      },
    };
  };

interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: string;
}

let logs: AuthorizerLogs;
let api: VariantApi;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  logs = new AuthorizerLogs();
  api = await startVariantApi(withLambdaAuthorizers(logs));
});

test.afterAll(async () => {
  await api?.stop();
  logs?.remove();
});

const httpApiUrl = () => api.stack.outputs.HttpApiUrl!;

async function call(url: string, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(url, { headers: { Origin: 'http://app.example.com', ...headers } });
  return { status: response.status, headers: response.headers, body: await response.text() };
}
const rest = (route: string, headers?: Record<string, string>) => call(`${api.apiUrl}/${route}`, headers);
const http = (route: string, headers?: Record<string, string>) => call(`${httpApiUrl()}${route}`, headers);

/** The events `fn` got with identity value `value` (its token, X-Token header or first identity source). */
function eventsFor(fn: AuthorizerName, value: string): any[] {
  return logs
    .events(fn)
    .filter(
      (event) =>
        event.authorizationToken === value ||
        (Array.isArray(event.identitySource) && event.identitySource[0] === value) ||
        Object.entries(event.headers ?? {}).some(([name, header]) => name.toLowerCase() === 'x-token' && header === value),
    );
}

/** What the echo handler got as `requestContext.authorizer`. */
function authorizerOf(answer: Answer): any {
  expect(answer.status, answer.body).toBe(200);
  return JSON.parse(answer.body).authorizer;
}

/** A REST gateway error: status, body, x-amzn-ErrorType, and the starter's DEFAULT_4XX/5XX CORS header. */
function expectRestError(answer: Answer, status: number, body: string, errorType: string) {
  expect([answer.status, answer.body]).toEqual([status, body]);
  expect(answer.headers.get('content-type')).toBe('application/json');
  expect(answer.headers.get('x-amzn-errortype')).toBe(errorType);
  expect(answer.headers.get('access-control-allow-origin')).toBe('*');
}
const UNAUTHORIZED = '{"message":"Unauthorized"}';
// API Gateway's 403 bodies for a Lambda authorizer's policy, `Message` capitalised as captured
// (https://repost.aws/knowledge-center/api-gateway-403-error-lambda-authorizer; docs/aws-behaviour.md).
const EXPLICIT_DENY = '{"Message":"User is not authorized to access this resource with an explicit deny"}';
const IMPLICIT_DENY = '{"Message":"User is not authorized to access this resource"}';
/** The 500 for an authorizer that failed or answered what API Gateway cannot use (AuthorizerConfigurationException). */
const expectAuthorizerFailure = (answer: Answer) => expectRestError(answer, 500, '{"message":null}', 'AuthorizerConfigurationException');
/** Access denied: 403 with the ACCESS_DENIED GatewayResponse's own headers. */
function expectAccessDenied(answer: Answer, body: string) {
  expectRestError(answer, 403, body, 'AccessDeniedException');
  expect(answer.headers.get('x-gateway-response')).toBe('ACCESS_DENIED');
}

// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-input.html
const methodArn = (method: string, path: string) => new RegExp(`^arn:aws:execute-api:eu-west-1:\\d{12}:[a-z0-9]+/local/${method}/${path}$`);

test.describe('REST TOKEN authorizer', () => {
  test('Allow: the handler gets principalId, the context stringified and integrationLatency; the function got the TOKEN event', async () => {
    const token = identity('allow');
    const authorizer = authorizerOf(await rest('api/token/a', { Authorization: token }));
    // "The returned values are all stringified" (api-gateway-lambda-authorizer-output.html).
    expect(authorizer).toMatchObject({ principalId: `user-${token}`, tenant: 'acme', count: '42', admin: 'true', ratio: '1.5' });
    expect(typeof authorizer.integrationLatency).toBe('number');
    const events = eventsFor('tokenAuthorizer', token);
    expect(events).toHaveLength(1);
    // Exactly the TOKEN event AWS documents.
    expect(Object.keys(events[0]).sort()).toEqual(['authorizationToken', 'methodArn', 'type']);
    expect(events[0]).toMatchObject({ type: 'TOKEN', authorizationToken: token });
    expect(events[0].methodArn).toMatch(methodArn('GET', 'api/token/a'));
  });

  test('the methodArn carries the path as requested, with the path parameter values', async () => {
    const token = identity('allow-all');
    expect((await rest('api/token/items/42', { Authorization: token })).status).toBe(200);
    expect(eventsFor('tokenAuthorizer', token)[0].methodArn).toMatch(methodArn('GET', 'api/token/items/42'));
  });

  test('a second call with the same token is answered from the cache: the function is not invoked', async () => {
    const token = identity('allow');
    const first = authorizerOf(await rest('api/token/a', { Authorization: token }));
    const second = authorizerOf(await rest('api/token/a', { Authorization: token }));
    expect(eventsFor('tokenAuthorizer', token)).toHaveLength(1);
    // The cached policy's principal and context still reach the handler.
    expect(second).toMatchObject({ principalId: first.principalId, tenant: 'acme', count: '42' });
    const other = identity('allow');
    expect((await rest('api/token/a', { Authorization: other })).status).toBe(200);
    expect(eventsFor('tokenAuthorizer', other)).toHaveLength(1);
  });

  test('a cached policy allowing only the first route gives 403 on the second route, without invoking (the classic bug)', async () => {
    const token = identity('allow-only-this-route');
    expect((await rest('api/token/a', { Authorization: token })).status).toBe(200);
    expectAccessDenied(await rest('api/token/b', { Authorization: token }), IMPLICIT_DENY);
    expectAccessDenied(await rest('api/token/items/1', { Authorization: token }), IMPLICIT_DENY);
    // The cached policy still allows the first route.
    expect((await rest('api/token/a', { Authorization: token })).status).toBe(200);
    expect(eventsFor('tokenAuthorizer', token)).toHaveLength(1);
  });

  test('a policy allowing the whole API, cached, covers every route', async () => {
    const token = identity('allow-all');
    for (const route of ['api/token/a', 'api/token/b', 'api/token/items/7']) {
      expect((await rest(route, { Authorization: token })).status).toBe(200);
    }
    expect(eventsFor('tokenAuthorizer', token)).toHaveLength(1);
  });

  test('TTL 0: the function is invoked on every call, so the same policy allows each route in turn', async () => {
    const token = identity('allow-only-this-route');
    expect((await rest('api/uncached/a', { Authorization: token })).status).toBe(200);
    expect((await rest('api/uncached/b', { Authorization: token })).status).toBe(200);
    expect((await rest('api/uncached/a', { Authorization: token })).status).toBe(200);
    expect(eventsFor('uncachedAuthorizer', token)).toHaveLength(3);
  });

  test(`the cache entry expires after resultTtlInSeconds (${SHORT_TTL} s): then the function is invoked again`, async () => {
    const token = identity('allow');
    expect((await rest('api/short', { Authorization: token })).status).toBe(200);
    expect((await rest('api/short', { Authorization: token })).status).toBe(200);
    expect(eventsFor('shortTtlAuthorizer', token)).toHaveLength(1);
    await sleep(SHORT_TTL * 1000 + 500);
    expect((await rest('api/short', { Authorization: token })).status).toBe(200);
    expect(eventsFor('shortTtlAuthorizer', token)).toHaveLength(2);
  });

  test('no token, an empty one, or one failing identityValidationExpression: 401 Unauthorized without invoking the function', async () => {
    const before = logs.events('tokenAuthorizer').length;
    expectRestError(await rest('api/token/a'), 401, UNAUTHORIZED, 'UnauthorizedException');
    expectRestError(await rest('api/token/a', { Authorization: '' }), 401, UNAUTHORIZED, 'UnauthorizedException');
    // "Bearer allow" has a space: TOKEN_PATTERN refuses it.
    expectRestError(await rest('api/token/a', { Authorization: 'Bearer allow' }), 401, UNAUTHORIZED, 'UnauthorizedException');
    expectRestError(await rest('api/token/a', { Authorization: 'ALLOW' }), 401, UNAUTHORIZED, 'UnauthorizedException');
    expect(logs.events('tokenAuthorizer').length).toBe(before);
  });

  test('an explicit Deny, or a Deny beside an Allow that covers the method: 403 explicit deny, ACCESS_DENIED headers', async () => {
    const deny = identity('deny');
    expectAccessDenied(await rest('api/token/a', { Authorization: deny }), EXPLICIT_DENY);
    const allowExcept = identity('allow-except-this-route');
    expectAccessDenied(await rest('api/token/a', { Authorization: allowExcept }), EXPLICIT_DENY);
    // Its cached Allow covers the other route; its Deny named only the first.
    expect((await rest('api/token/b', { Authorization: allowExcept })).status).toBe(200);
    expect(eventsFor('tokenAuthorizer', allowExcept)).toHaveLength(1);
    // A deny is cached too.
    expectAccessDenied(await rest('api/token/a', { Authorization: deny }), EXPLICIT_DENY);
    expect(eventsFor('tokenAuthorizer', deny)).toHaveLength(1);
  });

  test('a policy allowing another API only: 403 implicit deny', async () => {
    expectAccessDenied(await rest('api/token/a', { Authorization: identity('allow-other-api') }), IMPLICIT_DENY);
  });

  test('the function throwing Error("Unauthorized"): 401 Unauthorized', async () => {
    const token = identity('throw-unauthorized');
    expectRestError(await rest('api/token/a', { Authorization: token }), 401, UNAUTHORIZED, 'UnauthorizedException');
    expect(eventsFor('tokenAuthorizer', token)).toHaveLength(1);
  });

  for (const behaviour of ['throw', 'no-principal', 'object-context', 'array-context', 'malformed-policy']) {
    test(`${behaviour}: 500 with x-amzn-ErrorType AuthorizerConfigurationException and DEFAULT_5XX's headers`, async () => {
      const token = identity(behaviour);
      expectAuthorizerFailure(await rest('api/token/a', { Authorization: token }));
      expect(eventsFor('tokenAuthorizer', token)).toHaveLength(1);
    });
  }

  test('usageIdentifierKey is accepted beside an Allow', async () => {
    expect((await rest('api/token/a', { Authorization: identity('usage-key') })).status).toBe(200);
  });
});

test.describe('REST TOKEN authorizer declared as an AWS::ApiGateway::Authorizer resource (authorizerId)', () => {
  test('it runs as API Gateway runs it: allowed, cached, 401 without a token, 403 on Deny', async () => {
    const token = identity('allow');
    expect(authorizerOf(await rest('api/resource', { Authorization: token }))).toMatchObject({ principalId: `user-${token}`, count: '42' });
    expect((await rest('api/resource', { Authorization: token })).status).toBe(200);
    const events = eventsFor('resourceAuthorizer', token);
    expect(events).toHaveLength(1);
    expect(events[0].methodArn).toMatch(methodArn('GET', 'api/resource'));
    // No identityValidationExpression on this one: any token is passed to the function.
    const spaced = `Bearer ${identity('allow')}`;
    expectRestError(await rest('api/resource', { Authorization: spaced }), 500, '{"message":null}', 'AuthorizerConfigurationException');
    expect(eventsFor('resourceAuthorizer', spaced)).toHaveLength(1);
    expectRestError(await rest('api/resource'), 401, UNAUTHORIZED, 'UnauthorizedException');
    expectAccessDenied(await rest('api/resource', { Authorization: identity('deny') }), EXPLICIT_DENY);
  });

  test("the API's log says how each request was decided, one line each: invoked, cached, refused before invoking", async () => {
    const token = identity('allow');
    const lines = () =>
      api
        .output()
        .split('\n')
        .filter((line) => line.includes('[authorizer]') && line.includes('/api/resource'));
    // The lines of the tests before may still be on their way: wait until none comes for a while.
    let before = -1;
    await expect
      .poll(async () => {
        const seen = before;
        await sleep(150);
        before = lines().length;
        return before === seen;
      })
      .toBe(true);
    await rest('api/resource', { Authorization: token });
    await rest('api/resource', { Authorization: token });
    await rest('api/resource');
    await expect.poll(() => lines().length).toBe(before + 3);
    const [invoked, cached, refused] = lines().slice(before);
    expect(invoked).not.toMatch(/cached|refused/);
    expect(cached).toMatch(/from the cached policy/);
    expect(refused).toMatch(/refused before invoking the function/);
  });
});

test.describe('REST REQUEST authorizer (a header and a query string)', () => {
  test('Allow: the function got the REQUEST event as AWS builds it, and the handler its principal and context', async () => {
    const token = identity('allow');
    const authorizer = authorizerOf(await rest('api/request/42?tenant=t1&tag=a&tag=b', { 'X-Token': token, 'X-Twice': 'one' }));
    expect(authorizer).toMatchObject({ principalId: `user-${token}`, tenant: 'acme', admin: 'true' });
    const [event] = eventsFor('requestAuthorizer', token);
    expect(Object.keys(event).sort()).toEqual([
      'headers',
      'httpMethod',
      'methodArn',
      'multiValueHeaders',
      'multiValueQueryStringParameters',
      'path',
      'pathParameters',
      'queryStringParameters',
      'requestContext',
      'resource',
      'stageVariables',
      'type',
    ]);
    expect(event).toMatchObject({
      type: 'REQUEST',
      resource: '/api/request/{id}',
      path: '/api/request/42',
      httpMethod: 'GET',
      queryStringParameters: { tenant: 't1', tag: 'b' },
      multiValueQueryStringParameters: { tenant: ['t1'], tag: ['a', 'b'] },
      pathParameters: { id: '42' },
      stageVariables: {},
      requestContext: {
        stage: 'local',
        httpMethod: 'GET',
        resourcePath: '/api/request/{id}',
        path: '/local/api/request/42',
        identity: { sourceIp: '127.0.0.1' },
      },
    });
    expect(event.methodArn).toMatch(methodArn('GET', 'api/request/42'));
    expect(event.methodArn).toContain(`:${event.requestContext.accountId}:${event.requestContext.apiId}/`);
    expect(event.requestContext.authorizer).toBeUndefined();
    const headerOf = (headers: Record<string, unknown>, name: string) =>
      Object.entries(headers).find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];
    expect(headerOf(event.headers, 'X-Token')).toBe(token);
    expect(headerOf(event.multiValueHeaders, 'X-Twice')).toEqual(['one']);
  });

  test('an identity source missing or empty: 401 Unauthorized without invoking the function', async () => {
    const before = logs.events('requestAuthorizer').length;
    expectRestError(await rest('api/request/1?tenant=t1'), 401, UNAUTHORIZED, 'UnauthorizedException');
    expectRestError(await rest('api/request/1', { 'X-Token': identity('allow') }), 401, UNAUTHORIZED, 'UnauthorizedException');
    expectRestError(await rest('api/request/1?tenant=', { 'X-Token': identity('allow') }), 401, UNAUTHORIZED, 'UnauthorizedException');
    expectRestError(await rest('api/request/1?tenant=t1', { 'X-Token': '' }), 401, UNAUTHORIZED, 'UnauthorizedException');
    expect(logs.events('requestAuthorizer').length).toBe(before);
  });

  test('cached by every identity source value: another tenant invokes, the same pair does not', async () => {
    const token = identity('allow-all');
    expect((await rest('api/request/1?tenant=t1', { 'X-Token': token })).status).toBe(200);
    expect((await rest('api/request/2?tenant=t1', { 'X-Token': token })).status).toBe(200);
    expect(eventsFor('requestAuthorizer', token)).toHaveLength(1);
    expect((await rest('api/request/1?tenant=t2', { 'X-Token': token })).status).toBe(200);
    expect(eventsFor('requestAuthorizer', token)).toHaveLength(2);
  });

  test('a cached policy naming one path parameter value gives 403 on another value, without invoking', async () => {
    const token = identity('allow-only-this-route');
    expect((await rest('api/request/1?tenant=t1', { 'X-Token': token })).status).toBe(200);
    expectAccessDenied(await rest('api/request/2?tenant=t1', { 'X-Token': token }), IMPLICIT_DENY);
    expect(eventsFor('requestAuthorizer', token)).toHaveLength(1);
  });

  test('Deny: 403 explicit deny; throw Unauthorized: 401; another error: 500', async () => {
    expectAccessDenied(await rest('api/request/1?tenant=t1', { 'X-Token': identity('deny') }), EXPLICIT_DENY);
    expectRestError(
      await rest('api/request/1?tenant=t1', { 'X-Token': identity('throw-unauthorized') }),
      401,
      UNAUTHORIZED,
      'UnauthorizedException',
    );
    expectAuthorizerFailure(await rest('api/request/1?tenant=t1', { 'X-Token': identity('throw') }));
  });
});

test.describe('HTTP API Lambda authorizer, IAM policy responses', () => {
  test('Allow: the handler gets the context under requestContext.authorizer.lambda, as returned; the function got the 2.0 event', async () => {
    const token = identity('allow');
    const authorizer = authorizerOf(await http('/http/policy/42?q=1&q=2', { 'X-Token': token }));
    // Not stringified on the HTTP API (http-api-lambda-authorizer.html).
    expect(authorizer.lambda).toEqual({ tenant: 'acme', count: 42, admin: true, ratio: 1.5 });
    const [event] = eventsFor('httpPolicyAuthorizer', token);
    expect(event).toMatchObject({
      version: '2.0',
      type: 'REQUEST',
      identitySource: [token],
      routeKey: 'GET /http/policy/{id}',
      rawPath: '/http/policy/42',
      rawQueryString: 'q=1&q=2',
      queryStringParameters: { q: '1,2' },
      pathParameters: { id: '42' },
      requestContext: { routeKey: 'GET /http/policy/{id}', stage: '$default', http: { method: 'GET', path: '/http/policy/42' } },
    });
    expect(event.headers['x-token']).toBe(token);
    expect(event.routeArn).toMatch(/^arn:aws:execute-api:eu-west-1:\d{12}:[a-z0-9]+\/\$default\/GET\/http\/policy\/42$/);
    expect(event.methodArn).toBeUndefined();
  });

  test('the identity source missing or empty: 401 {"message":"Unauthorized"} without invoking', async () => {
    const before = logs.events('httpPolicyAuthorizer').length;
    for (const headers of [{}, { 'X-Token': '' }] as Record<string, string>[]) {
      const answer = await http('/http/policy/1', headers);
      expect([answer.status, answer.body]).toEqual([401, UNAUTHORIZED]);
    }
    expect(logs.events('httpPolicyAuthorizer').length).toBe(before);
  });

  test('Deny, or no statement allowing the route: 403 {"message":"Forbidden"}', async () => {
    for (const behaviour of ['deny', 'allow-other-api', 'allow-except-this-route']) {
      const answer = await http('/http/policy/1', { 'X-Token': identity(behaviour) });
      expect([answer.status, answer.body], behaviour).toEqual([403, '{"message":"Forbidden"}']);
    }
  });

  for (const behaviour of ['throw', 'no-principal', 'malformed-policy']) {
    test(`${behaviour}: 500 {"message":"Internal Server Error"}`, async () => {
      const answer = await http('/http/policy/1', { 'X-Token': identity(behaviour) });
      expect([answer.status, answer.body]).toEqual([500, '{"message":"Internal Server Error"}']);
    });
  }

  test('an object or array in the context is allowed on the HTTP API and passed on as is', async () => {
    const authorizer = authorizerOf(await http('/http/policy/1', { 'X-Token': identity('object-context') }));
    expect(authorizer.lambda).toEqual({ tenant: { id: 'acme' } });
  });

  test('cached by the identity: the cached policy is evaluated against each route (403 on another path, not invoked)', async () => {
    const token = identity('allow-only-this-route');
    expect((await http('/http/policy/1', { 'X-Token': token })).status).toBe(200);
    const other = await http('/http/policy/2', { 'X-Token': token });
    expect([other.status, other.body]).toEqual([403, '{"message":"Forbidden"}']);
    expect(eventsFor('httpPolicyAuthorizer', token)).toHaveLength(1);
    const all = identity('allow-all');
    expect((await http('/http/policy/1', { 'X-Token': all })).status).toBe(200);
    expect((await http('/http/policy/2', { 'X-Token': all })).status).toBe(200);
    expect(eventsFor('httpPolicyAuthorizer', all)).toHaveLength(1);
  });

  test('with $context.routeKey among the identity sources, the cache is per route: the other route invokes and is allowed', async () => {
    const token = identity('allow-only-this-route');
    expect((await http('/http/per-route/a', { 'X-Token': token })).status).toBe(200);
    expect((await http('/http/per-route/b', { 'X-Token': token })).status).toBe(200);
    expect((await http('/http/per-route/a', { 'X-Token': token })).status).toBe(200);
    const events = eventsFor('httpPerRouteAuthorizer', token);
    expect(events.map((event) => event.identitySource)).toEqual([
      [token, 'GET /http/per-route/a'],
      [token, 'GET /http/per-route/b'],
    ]);
  });

  test('payload format 1.0: the event has methodArn, identitySource and authorizationToken as one string', async () => {
    const token = identity('allow');
    expect((await http('/http/v1?q=1', { 'X-Token': token })).status).toBe(200);
    const [event] = eventsFor('httpV1Authorizer', token);
    expect(event).toMatchObject({
      version: '1.0',
      type: 'REQUEST',
      identitySource: token,
      authorizationToken: token,
      resource: '/http/v1',
      path: '/http/v1',
      httpMethod: 'GET',
      queryStringParameters: { q: '1' },
    });
    expect(event.methodArn).toMatch(/^arn:aws:execute-api:eu-west-1:\d{12}:[a-z0-9]+\/\$default\/GET\/http\/v1$/);
  });
});

test.describe('HTTP API Lambda authorizer, simple responses', () => {
  test('isAuthorized true: the handler gets the context, arrays and objects included, under authorizer.lambda', async () => {
    const token = identity('true');
    const authorizer = authorizerOf(await http('/http/simple/a', { 'X-Token': token }));
    expect(authorizer).toEqual({ lambda: { tenant: 'acme', count: 42, admin: true, roles: ['reader', 'writer'], plan: { name: 'pro' } } });
    expect(eventsFor('httpSimpleAuthorizer', token)[0]).toMatchObject({ version: '2.0', type: 'REQUEST', routeKey: 'GET /http/simple/a' });
  });

  // Only the boolean true authorizes (http-api-lambda-authorizer.html); serverless-offline let "false" through.
  for (const behaviour of ['false', 'string-false', 'string-true', 'missing']) {
    test(`isAuthorized ${behaviour}: 403 {"message":"Forbidden"}`, async () => {
      const token = identity(behaviour);
      const answer = await http('/http/simple/a', { 'X-Token': token });
      expect([answer.status, answer.body]).toEqual([403, '{"message":"Forbidden"}']);
      expect(eventsFor('httpSimpleAuthorizer', token)).toHaveLength(1);
    });
  }

  test('the function throwing: 500 {"message":"Internal Server Error"}', async () => {
    const answer = await http('/http/simple/a', { 'X-Token': identity('throw') });
    expect([answer.status, answer.body]).toEqual([500, '{"message":"Internal Server Error"}']);
  });

  test('a cached simple answer covers every route of the authorizer; another identity invokes; none is 401 without invoking', async () => {
    const token = identity('true');
    expect((await http('/http/simple/a', { 'X-Token': token })).status).toBe(200);
    expect((await http('/http/simple/b', { 'X-Token': token })).status).toBe(200);
    expect(eventsFor('httpSimpleAuthorizer', token)).toHaveLength(1);
    const denied = identity('false');
    expect((await http('/http/simple/a', { 'X-Token': denied })).status).toBe(403);
    expect((await http('/http/simple/b', { 'X-Token': denied })).status).toBe(403);
    expect(eventsFor('httpSimpleAuthorizer', denied)).toHaveLength(1);
    const before = logs.events('httpSimpleAuthorizer').length;
    const missing = await http('/http/simple/a');
    expect([missing.status, missing.body]).toEqual([401, UNAUTHORIZED]);
    expect(logs.events('httpSimpleAuthorizer').length).toBe(before);
  });
});

test.describe('what the local stage still refuses, by name, at start', () => {
  test('AWS_IAM authorization on a REST method', async () => {
    const refused = await refusedVariant((service) => {
      service.functions.echo = { handler: ECHO, events: [{ http: { method: 'get', path: 'api/iam', authorizer: 'aws_iam' } }] };
    });
    expect(refused.output).toMatch(/GET \/api\/iam: its AWS_IAM authorization is not emulated locally/);
    expect(refused.seconds).toBeLessThan(15);
  });

  test("a REST Lambda authorizer of another account's function", async () => {
    const arn = 'arn:aws:lambda:eu-west-1:123456789012:function:tenant-auth-prod-authorize';
    const refused = await refusedVariant((service) => {
      service.functions.echo = {
        handler: ECHO,
        events: [
          {
            http: {
              method: 'get',
              path: 'api/shared',
              authorizer: { name: 'tenantAuth', arn, type: 'request', identitySource: 'method.request.header.X-Token' },
            },
          },
        ],
      };
    });
    expect(refused.output).toContain(`invokes ${arn}, which is not a function of this service`);
    expect(refused.seconds).toBeLessThan(15);
  });

  test("an HTTP API Lambda authorizer of another account's function", async () => {
    const arn = 'arn:aws:lambda:eu-west-1:123456789012:function:tenant-auth-prod-authorize';
    const refused = await refusedVariant((service) => {
      service.provider.httpApi = {
        authorizers: {
          tenantAuth: { type: 'request', functionArn: arn, identitySource: '$request.header.X-Token', payloadVersion: '2.0' },
        },
      };
      service.functions.echo = {
        handler: ECHO,
        events: [{ httpApi: { method: 'GET', path: '/http/shared', authorizer: { name: 'tenantAuth' } } }],
      };
    });
    expect(refused.output).toContain(`${arn}, which is not a function of this service`);
    expect(refused.seconds).toBeLessThan(15);
  });
});
