// serverless.yml edited to add HTTP API routes (`httpApi` events) with a JWT authorizer on the
// Cognito pool, beside the REST API: each route against API Gateway v2's documented behaviour
// (docs/aws-behaviour.md, "API Gateway HTTP API"), and the Amplify client in a real browser
// calling one with its ID token.
import { rmSync } from 'node:fs';
import { awsIssuer, foreignKey, idTokenClaims, mint, unsigned } from '../testing/tokens.ts';
import { uniqueEmail } from '../testing/unique-names.ts';
import { latestCode } from '../testing/dev-inbox.ts';
import { FUNCTION_ERRORS, MALFORMED_RESULTS, WITHOUT_STATUS, withFailingAndEchoRoutes } from './handler-failures.ts';
import { expect, test } from './hello-page.ts';
import { sendRaw } from './raw-http.ts';
import { e2eOutput, e2eStack } from './stack.ts';
import { refusedVariant, type ServiceEdit, type VariantApi, variantOnE2ePool } from './variant-stack.ts';

const ORIGIN = 'http://app.example.com';
const SCOPE = 'aws.cognito.signin.user.admin';

/** The issuer as a team writes it for AWS: the local pool's tokens carry it, as on AWS. */
const issuerUrl = { 'Fn::Join': ['', ['https://cognito-idp.', { Ref: 'AWS::Region' }, '.amazonaws.com/', { Ref: 'CognitoUserPool' }]] };

/** HTTP API routes beside the starter's REST API, with payload format `payload` (and a `$default` route that catches the rest). */
const withHttpApi =
  (payload: '1.0' | '2.0', { catchAll = false } = {}): ServiceEdit =>
  (service) => {
    service.provider.httpApi = {
      payload,
      cors: true,
      authorizers: {
        cognito: { type: 'jwt', identitySource: '$request.header.Authorization', issuerUrl, audience: [{ Ref: 'CognitoUserPoolClient' }] },
      },
    };
    service.functions.httpEcho = {
      handler: 'e2e/fixtures/echo-handler.handler',
      events: [
        { httpApi: { method: 'GET', path: '/http/echoSecured', authorizer: { name: 'cognito' } } },
        { httpApi: { method: 'GET', path: '/http/echoScoped', authorizer: { name: 'cognito', scopes: [SCOPE] } } },
        { httpApi: { method: 'GET', path: '/http/echoPublic' } },
        { httpApi: { method: '*', path: '/http/items/{id}' } },
        { httpApi: { method: 'GET', path: '/http/files/{proxy+}' } },
        ...(catchAll ? [{ httpApi: '*' }] : []),
      ],
    };
    service.functions.httpForgetful = {
      handler: 'e2e/fixtures/forgetful-handler.handler',
      events: [{ httpApi: { method: 'GET', path: '/http/forgetful' } }],
    };
  };

interface Answer {
  status: number;
  headers: Headers;
  body: string;
}

const issuer = () => awsIssuer(e2eOutput('UserPoolId'));
const idToken = (overrides: Record<string, unknown> = {}) =>
  mint({ ...idTokenClaims(issuer(), e2eOutput('UserPoolClientId'), 'ada@example.com'), ...overrides });
/** An access token as Cognito issues it: `client_id`, no `aud`. */
const accessToken = (overrides: Record<string, unknown> = {}) => {
  const { aud, email, email_verified, ...claims } = idTokenClaims(issuer(), e2eOutput('UserPoolClientId'), 'ada@example.com');
  return mint({ ...claims, token_use: 'access', client_id: aud, scope: SCOPE, username: claims.sub, ...overrides });
};

/** The HTTP API's routes, and the failing handler's and the event echo's (handler-failures.ts). */
const withFixtureRoutes =
  (payload: '1.0' | '2.0', options?: { catchAll?: boolean }): ServiceEdit =>
  (service) => {
    withHttpApi(payload, options)(service);
    withFailingAndEchoRoutes('httpApi')(service);
  };

/**
 * The HTTP API's own 500 for a failed integration: `{"message":"Internal Server Error"}`
 * (http-api-troubleshooting-lambda.html), JSON, with its request id and no CORS header [U].
 */
function expectInternalServerError(answer: { status: number; headers: Headers; body: string }) {
  expect([answer.status, answer.body]).toEqual([500, '{"message":"Internal Server Error"}']);
  expect(answer.headers.get('content-type')).toBe('application/json');
  expect(answer.headers.get('apigw-requestid')).toMatch(/^[A-Za-z0-9+/]{15}=$/);
  expect(answer.headers.get('access-control-allow-origin')).toBeNull();
  expect(answer.headers.get('x-amzn-errortype')).toBeNull();
}

/** The event the echo route got for a request sent byte for byte (repeated headers, cookies). */
async function echoedEvent(httpApi: string, target: string, headers: [string, string][] = [], body?: string) {
  const answer = await sendRaw(Number(new URL(httpApi).port), { method: body === undefined ? 'GET' : 'POST', target, headers, body });
  expect(answer.status, answer.body).toBe(200);
  expect(answer.body).not.toMatch(/offlineContext/);
  const echoed = JSON.parse(answer.body) as { event: any; keys: string[]; contextKeys: string[] };
  // Every HTTP API response carries the request's id, the one the event carried.
  expect(answer.headers['apigw-requestid']).toBe(echoed.event.requestContext.requestId);
  return echoed;
}

/** The variant API of the enclosing describe block, started before its tests and stopped after. */
function servedVariant(edit: ServiceEdit): { readonly api: VariantApi; readonly httpApi: string } {
  let variant: { api: VariantApi; dataDir: string } | undefined;
  test.beforeAll(async () => {
    variant = await variantOnE2ePool(edit);
  });
  test.afterAll(async () => {
    await variant?.api.stop();
    if (variant) rmSync(variant.dataDir, { recursive: true, force: true });
  });
  return {
    get api() {
      return variant!.api;
    },
    /** The HTTP API's URL: the API's root, without a stage (serverless deploys it on `$default`). */
    get httpApi() {
      return variant!.api.stack.outputs.HttpApiUrl!;
    },
  };
}

test.describe('HTTP API, payload format 2.0', () => {
  const served = servedVariant(withFixtureRoutes('2.0'));

  async function get(route: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
    const response = await fetch(`${served.httpApi}${route}`, { method, headers: { Origin: ORIGIN, ...headers } });
    return { status: response.status, headers: response.headers, body: await response.text() };
  }
  const echoed = (answer: Answer) => {
    expect(answer.status, answer.body).toBe(200);
    expect([answer.headers.get('cache-control'), answer.headers.get('vary')]).toEqual([null, null]);
    return JSON.parse(answer.body) as { authorizer: any; pathParameters: Record<string, string> | null; headers: Record<string, string> };
  };

  /** The JWT authorizer's 401: `{"message":"Unauthorized"}` and a www-authenticate header saying why. */
  function expectUnauthorized(answer: Answer, description?: string) {
    expect([answer.status, answer.body]).toEqual([401, '{"message":"Unauthorized"}']);
    expect(answer.headers.get('content-type')).toBe('application/json');
    expect([answer.headers.get('cache-control'), answer.headers.get('vary')]).toEqual([null, null]);
    const challenge = answer.headers.get('www-authenticate');
    expect(challenge).toMatch(/^Bearer /);
    if (description) expect(challenge).toBe(`Bearer scope="" error="invalid_token" error_description="${description}"`);
  }

  test('the HttpApiUrl Output is the local API at its root', () => {
    expect(served.httpApi).toBe(served.api.apiUrl.replace(/\/local$/, ''));
  });

  test('a valid ID token reaches the handler with the claims as API Gateway v2 hands them (strings), and scopes null', async () => {
    const exp = 1_900_000_000;
    const { authorizer } = echoed(
      await get('/http/echoSecured', {
        Authorization: `Bearer ${idToken({ exp, 'cognito:groups': ['admins', 'editors'], email_verified: true })}`,
      }),
    );
    expect(Object.keys(authorizer)).toEqual(['jwt']);
    expect(authorizer.jwt.scopes).toBeNull();
    const claims = authorizer.jwt.claims as Record<string, unknown>;
    expect(claims.email).toBe('ada@example.com');
    expect(claims.exp).toBe(String(exp));
    expect(claims.email_verified).toBe('true');
    expect(claims['cognito:groups']).toBe('[admins editors]');
    expect(Object.values(claims).every((value) => typeof value === 'string')).toBe(true);
  });

  test('the raw token without "Bearer " is accepted', async () => {
    expect((await get('/http/echoSecured', { Authorization: idToken() })).status).toBe(200);
  });

  test('an access token passes by its client_id when it has no aud', async () => {
    const { authorizer } = echoed(await get('/http/echoSecured', { Authorization: `Bearer ${accessToken()}` }));
    expect(authorizer.jwt.claims.client_id).toBe(e2eOutput('UserPoolClientId'));
  });

  test('a token for another audience is refused: 401 with the documented www-authenticate', async () => {
    expectUnauthorized(
      await get('/http/echoSecured', { Authorization: idToken({ aud: 'another-app-client' }) }),
      'the token does not have a valid audience',
    );
    expectUnauthorized(await get('/http/echoSecured', { Authorization: accessToken({ client_id: 'another-app-client' }) }));
  });

  test('a forged, expired, not-yet-valid, foreign-issuer or missing token is refused with 401', async () => {
    const now = Math.floor(Date.now() / 1000);
    expectUnauthorized(
      await get('/http/echoSecured', {
        Authorization: mint({ ...idTokenClaims(issuer(), e2eOutput('UserPoolClientId'), 'm@example.com') }, { key: foreignKey }),
      }),
    );
    expectUnauthorized(
      await get('/http/echoSecured', {
        Authorization: unsigned({ ...idTokenClaims(issuer(), e2eOutput('UserPoolClientId'), 'm@example.com') }, 'none'),
      }),
    );
    expectUnauthorized(await get('/http/echoSecured', { Authorization: idToken({ iat: now - 7200, exp: now - 3600 }) }));
    expectUnauthorized(await get('/http/echoSecured', { Authorization: idToken({ nbf: now + 3600 }) }));
    expectUnauthorized(await get('/http/echoSecured', { Authorization: idToken({ iss: awsIssuer('eu-west-1_otherPool') }) }));
    expectUnauthorized(await get('/http/echoSecured', { Authorization: 'Bearer not-a-jwt' }));
    expectUnauthorized(await get('/http/echoSecured'));
  });

  test('a route with scopes takes a token holding one of them, and answers 403 Forbidden to one that does not', async () => {
    const { authorizer } = echoed(await get('/http/echoScoped', { Authorization: `Bearer ${accessToken()}` }));
    expect(authorizer.jwt.scopes).toEqual([SCOPE]);
    const refused = await get('/http/echoScoped', { Authorization: `Bearer ${idToken()}` });
    expect([refused.status, refused.body]).toEqual([403, '{"message":"Forbidden"}']);
    const wrongScope = await get('/http/echoScoped', { Authorization: `Bearer ${accessToken({ scope: 'openid' })}` });
    expect(wrongScope.status).toBe(403);
  });

  test('a public route carries no authorizer at all, whatever token is sent', async () => {
    const forged = mint({ email: 'mallory@example.com', token_use: 'id' }, { kid: 'whatever' });
    const answer = echoed(await get('/http/echoPublic', { Authorization: `Bearer ${forged}` }));
    expect(answer.authorizer).toBeNull();
    expect(answer.headers.authorization).toBe(`Bearer ${forged}`);
  });

  test('ANY and greedy routes match with their path parameters', async () => {
    expect(echoed(await get('/http/items/42', {}, 'DELETE')).pathParameters).toEqual({ id: '42' });
    expect(echoed(await get('/http/files/a/b/c.txt')).pathParameters).toEqual({ proxy: 'a/b/c.txt' });
  });

  test('an unknown route answers 404 {"message":"Not Found"}, while the REST API keeps its own answers', async () => {
    const answer = await get('/http/nowhere');
    expect([answer.status, answer.body]).toEqual([404, '{"message":"Not Found"}']);
    expect((await get('/http/echoPublic', {}, 'POST')).status).toBe(404);
    const rest = await fetch(`${served.api.apiUrl}/api/nowhere`);
    expect(rest.status).toBe(403);
    expect((await fetch(`${served.api.apiUrl}/api/helloWorld`)).status).toBe(200);
  });

  test('the gateway answers the CORS preflight itself and sets the CORS headers, not the handler', async () => {
    const preflight = await get(
      '/http/echoSecured',
      { 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization' },
      'OPTIONS',
    );
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('GET');
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    // The forgetful handler sends no CORS header: the HTTP API adds the configured ones.
    const forgetful = await get('/http/forgetful');
    expect([forgetful.status, forgetful.headers.get('access-control-allow-origin')]).toEqual([200, '*']);
  });

  for (const mode of [...FUNCTION_ERRORS, ...MALFORMED_RESULTS]) {
    test(`fail=${mode}: 500 Internal Server Error, nothing of the handler's`, async () => {
      expectInternalServerError(await get(`/http/failing?fail=${mode}`));
    });
  }

  // "If your Lambda function returns valid JSON and doesn't return a statusCode, API Gateway assumes…"
  // (http-api-develop-integrations-lambda.html): 200, application/json, the result as the body.
  for (const [mode, body] of Object.entries(WITHOUT_STATUS)) {
    test(`fail=${mode}: no statusCode, so 200 application/json with the result as the body`, async () => {
      const answer = await get(`/http/failing?fail=${mode}`);
      expect([answer.status, answer.body, answer.headers.get('content-type')]).toEqual([200, body, 'application/json']);
    });
  }

  test('number and boolean header values go out as their text', async () => {
    const answer = await get('/http/failing?fail=scalar-headers');
    expect([answer.status, answer.headers.get('x-flag'), answer.headers.get('x-count')]).toEqual([200, 'true', '5']);
  });

  test("a handler's own well-formed 502 goes out as the handler made it", async () => {
    const answer = await get('/http/failing?fail=own-502');
    expect([answer.status, answer.body, answer.headers.get('content-type')]).toEqual([502, 'the handler says 502', 'text/plain']);
  });

  // AWS's 2.0 example, http-api-develop-integrations-lambda.html ("Payload format structure").
  test("the event has AWS's 2.0 fields: lower-case headers joined with commas, cookies apart, no empty fields", async () => {
    const { event, keys, contextKeys } = await echoedEvent(served.httpApi, '/http/event/42?a=1&a=2&b=x%20y', [
      ['User-Agent', 'conformance'],
      ['X-Twice', 'one'],
      ['X-Twice', 'two'],
      ['Cookie', 'c1=v1; c2=v2'],
    ]);
    expect(keys).toEqual([
      'cookies',
      'headers',
      'isBase64Encoded',
      'pathParameters',
      'queryStringParameters',
      'rawPath',
      'rawQueryString',
      'requestContext',
      'routeKey',
      'version',
    ]);
    expect(contextKeys).toEqual([
      'accountId',
      'apiId',
      'domainName',
      'domainPrefix',
      'http',
      'requestId',
      'routeKey',
      'stage',
      'time',
      'timeEpoch',
    ]);
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'GET /http/event/{id}',
      rawPath: '/http/event/42',
      rawQueryString: 'a=1&a=2&b=x%20y',
      cookies: ['c1=v1', 'c2=v2'],
      headers: { host: '127.0.0.1', 'user-agent': 'conformance', 'x-twice': 'one,two' },
      queryStringParameters: { a: '1,2', b: 'x y' },
      pathParameters: { id: '42' },
      isBase64Encoded: false,
      requestContext: {
        accountId: '000000000000',
        apiId: 'localhttpapi',
        domainName: '127.0.0.1',
        domainPrefix: '127',
        http: { method: 'GET', path: '/http/event/42', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'conformance' },
        routeKey: 'GET /http/event/{id}',
        stage: '$default',
      },
    });
    expect(Object.keys(event.headers)).not.toContain('cookie');
    expect(event.requestContext.time).toMatch(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
    expect(Math.abs(event.requestContext.timeEpoch - Date.now())).toBeLessThan(60_000);
  });

  test('a request without query string, cookies or path parameters has none of those fields; a body is carried as sent', async () => {
    const { event, keys } = await echoedEvent(served.httpApi, '/http/event', [], 'x=1');
    expect(keys).toEqual(['body', 'headers', 'isBase64Encoded', 'rawPath', 'rawQueryString', 'requestContext', 'routeKey', 'version']);
    expect([event.body, event.rawQueryString]).toEqual(['x=1', '']);
    // The client sent no Content-Type: none is made up.
    expect(Object.keys(event.headers).sort()).toEqual(['connection', 'content-length', 'host']);
  });

  test('the Amplify client in the browser signs in and calls a secured HTTP API route with its ID token', async ({ helloPage }) => {
    const email = uniqueEmail('http-api');
    const password = 'Correct-Horse-1';
    await helloPage.submitSignUp(email, password);
    await expect(helloPage.result(helloPage.signUp)).toHaveText(`Check ${email[0]}***@e*** for a confirmation code.`);
    await helloPage.submitConfirmation(email, await latestCode(e2eStack.urls.cognito, email));
    await expect(helloPage.result(helloPage.confirm)).toHaveText('Email confirmed. You can sign in now.');
    await helloPage.submitSignIn(email, password);
    await expect(helloPage.result(helloPage.signIn)).toHaveText('Signed in.');

    const answers = await helloPage.page.evaluate(async (url) => {
      // Amplify keeps the session's tokens in localStorage, under CognitoIdentityServiceProvider.<client>.<user>.idToken.
      const key = Object.keys(localStorage).find((name) => name.endsWith('.idToken'));
      const token = key ? localStorage.getItem(key) : null;
      const call = async (headers: Record<string, string>) => {
        try {
          const response = await fetch(url, { headers });
          return { status: response.status, body: await response.text() };
        } catch (error) {
          return { failure: String(error) };
        }
      };
      return { signedIn: await call({ Authorization: `Bearer ${token}` }), anonymous: await call({}) };
    }, `${served.httpApi}/http/echoSecured`);
    expect(answers.signedIn).toMatchObject({ status: 200 });
    expect(JSON.parse((answers.signedIn as { body: string }).body).authorizer.jwt.claims.email).toBe(email);
    // The gateway's own 401 carries no CORS header (unconfirmed: the strict side, docs/aws-behaviour.md),
    // so the browser cannot read it.
    expect(answers.anonymous).toEqual({ failure: 'TypeError: Failed to fetch' });
  });
});

test.describe('HTTP API, payload format 1.0, with a $default route', () => {
  const served = servedVariant(withFixtureRoutes('1.0', { catchAll: true }));

  test('claims arrive under requestContext.authorizer.claims, as strings; a public route has none', async () => {
    const secured = await fetch(`${served.httpApi}/http/echoSecured`, { headers: { Authorization: idToken({ exp: 1_900_000_000 }) } });
    expect(secured.status).toBe(200);
    const { authorizer } = (await secured.json()) as { authorizer: { claims: Record<string, string>; scopes: unknown } };
    expect(authorizer.claims.email).toBe('ada@example.com');
    expect(authorizer.claims.exp).toBe('1900000000');
    expect(authorizer.scopes).toBeNull();
    const forged = mint({ email: 'mallory@example.com', token_use: 'id' }, { kid: 'whatever' });
    const open = await fetch(`${served.httpApi}/http/echoPublic`, { headers: { Authorization: `Bearer ${forged}` } });
    expect(((await open.json()) as { authorizer: unknown }).authorizer).toEqual({ claims: null, scopes: null });
  });

  // Payload 1.0 makes no assumption: anything but a well-formed response is a 500
  // (https://repost.aws/knowledge-center/api-gateway-status-codes-http-api).
  for (const mode of [...FUNCTION_ERRORS, ...MALFORMED_RESULTS, ...Object.keys(WITHOUT_STATUS)]) {
    test(`fail=${mode}: 500 Internal Server Error, nothing of the handler's`, async () => {
      const response = await fetch(`${served.httpApi}/http/failing?fail=${mode}`, { headers: { Origin: ORIGIN } });
      expectInternalServerError({ status: response.status, headers: response.headers, body: await response.text() });
    });
  }

  // AWS's 1.0 example, http-api-develop-integrations-lambda.html ("Payload format structure").
  test("the event has AWS's 1.0 fields: version, the route's resource, headers as sent, null identity, the $default stage", async () => {
    const { event, keys } = await echoedEvent(served.httpApi, '/http/event/42', [
      ['User-Agent', 'conformance'],
      ['X-Twice', 'one'],
      ['X-Twice', 'two'],
    ]);
    expect(keys).toEqual([
      'body',
      'headers',
      'httpMethod',
      'isBase64Encoded',
      'multiValueHeaders',
      'multiValueQueryStringParameters',
      'path',
      'pathParameters',
      'queryStringParameters',
      'requestContext',
      'resource',
      'stageVariables',
      'version',
    ]);
    expect(event).toMatchObject({
      version: '1.0',
      resource: '/http/event/{id}',
      path: '/http/event/42',
      httpMethod: 'GET',
      headers: { Host: '127.0.0.1', 'User-Agent': 'conformance', 'X-Twice': 'two' },
      multiValueHeaders: { 'X-Twice': ['one', 'two'] },
      queryStringParameters: null,
      multiValueQueryStringParameters: null,
      pathParameters: { id: '42' },
      stageVariables: null,
      body: null,
      isBase64Encoded: false,
      requestContext: {
        accountId: '000000000000',
        apiId: 'localhttpapi',
        authorizer: { claims: null, scopes: null },
        domainName: '127.0.0.1',
        httpMethod: 'GET',
        identity: {
          accessKey: null,
          caller: null,
          cognitoAmr: null,
          user: null,
          userArn: null,
          sourceIp: '127.0.0.1',
          userAgent: 'conformance',
        },
        path: '/http/event/42',
        resourceId: 'GET /http/event/{id}',
        resourcePath: '/http/event/{id}',
        stage: '$default',
      },
    });
    expect(event.requestContext.requestId).toBe(event.requestContext.extendedRequestId);
  });

  test('the $default route catches what no other route matches; the REST API keeps its paths and its 403', async () => {
    expect((await fetch(`${served.httpApi}/anything/else`, { method: 'POST' })).status).toBe(200);
    expect((await fetch(`${served.api.apiUrl}/api/helloWorld`)).status).toBe(200);
    const rest = await fetch(`${served.api.apiUrl}/api/nowhere`);
    expect([rest.status, await rest.text()]).toEqual([403, '{"message":"Missing Authentication Token"}']);
  });
});

test('IAM authorization on an HTTP API route stops the API at start, naming the route; a Lambda authorizer of this service beside it is not refused', async () => {
  const { code, output, seconds } = await refusedVariant((service) => {
    withHttpApi('2.0')(service);
    service.provider.httpApi.authorizers.custom = { type: 'request', functionName: 'httpAuthorizer' };
    service.functions.httpAuthorizer = { handler: 'e2e/fixtures/echo-handler.handler' };
    service.functions.httpEcho.events.push(
      { httpApi: { method: 'GET', path: '/http/custom', authorizer: { name: 'custom' } } },
      { httpApi: { method: 'GET', path: '/http/iam', authorizer: { type: 'aws_iam' } } },
    );
  });
  expect(code).not.toBe(0);
  expect(output).toMatch(/GET \/http\/iam[^\n]*IAM/);
  // Lambda authorizers run locally now (e2e/lambda-authorizers.spec.ts): only the IAM route is named.
  expect(output).not.toMatch(/GET \/http\/custom/);
  expect(seconds).toBeLessThan(10);
});
