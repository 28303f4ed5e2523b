// The local API against API Gateway's documented behaviour with a COGNITO_USER_POOLS authorizer
// (docs/aws-behaviour.md): status, body and headers, CORS headers included, for genuine
// tokens, every way a token can be wrong, and the gateway's own errors; every way a handler can
// fail, and the event a handler receives (on a variant with the fixtures' methods).
import http from 'node:http';
import { expect, test } from '@playwright/test';
import { awsIssuer, cognitoLocalPublicKey, foreignKey, idTokenClaims, mint, unsigned } from '../testing/tokens.ts';
import { FUNCTION_ERRORS, MALFORMED_RESULTS, WITHOUT_STATUS, withFailingAndEchoRoutes } from './handler-failures.ts';
import { sendRaw } from './raw-http.ts';
import { e2eOutput, e2eStack } from './stack.ts';
import { startVariantApi, type VariantApi } from './variant-stack.ts';

const SECURED = `${e2eStack.urls.api}/api/helloWorldSecured`;
const PUBLIC = `${e2eStack.urls.api}/api/helloWorld`;
const ORIGIN = 'http://app.example.com';

const userPoolId = () => e2eOutput('UserPoolId');
const issuer = () => awsIssuer(userPoolId());
const claims = (overrides: Record<string, unknown> = {}) => ({
  ...idTokenClaims(issuer(), e2eOutput('UserPoolClientId'), 'ada@example.com'),
  ...overrides,
});

interface Answer {
  status: number;
  headers: Headers;
  body: string;
}

async function get(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
  const response = await fetch(url, { method, headers: { Origin: ORIGIN, ...headers } });
  return { status: response.status, headers: response.headers, body: await response.text() };
}

const withToken = (token: string) => get(SECURED, { Authorization: `Bearer ${token}` });

/** An error from the gateway itself, with the DEFAULT_4XX / DEFAULT_5XX headers of serverless.yml. */
function expectGatewayError(answer: Answer, status: number, message: string | null, errorType: string) {
  expect(answer.status).toBe(status);
  expect(answer.body).toBe(JSON.stringify({ message }));
  expect(answer.headers.get('content-type')).toBe('application/json');
  expect(answer.headers.get('x-amzn-errortype')).toBe(errorType);
  // serverless.yml's GatewayResponses add these, and nothing reflects the Origin.
  expect(answer.headers.get('access-control-allow-origin')).toBe('*');
  expect(answer.headers.get('access-control-allow-headers')).toBe('*');
  expect(answer.headers.get('access-control-allow-credentials')).toBeNull();
  expect(answer.body).not.toMatch(/stack|offline|Error:/i);
  expect([answer.headers.get('cache-control'), answer.headers.get('vary')]).toEqual([null, null]);
}

const expectUnauthorized = (answer: Answer) => expectGatewayError(answer, 401, 'Unauthorized', 'UnauthorizedException');

test.describe('genuine tokens', () => {
  test('an ID token as a Bearer token reaches the handler, whose headers come back unchanged', async () => {
    const answer = await withToken(mint(claims()));
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toBe('Hello from an secured endpoint -> ada@example.com');
    expect(answer.headers.get('content-type')).toBe('application/json');
    // The handler's own CORS headers, not a reflection of the request's Origin.
    expect(answer.headers.get('access-control-allow-origin')).toBe('*');
    expect(answer.headers.get('access-control-allow-credentials')).toBe('true');
    // Nothing the gateway does not add (hapi's cache and CORS steps would).
    expect([answer.headers.get('cache-control'), answer.headers.get('vary')]).toEqual([null, null]);
  });

  test('the raw token without "Bearer" is accepted', async () => {
    const answer = await get(SECURED, { Authorization: mint(claims()) });
    expect(answer.status).toBe(200);
  });

  test('an ID token of another app client of the same pool is accepted (no aud check)', async () => {
    const answer = await withToken(mint(claims({ aud: 'another-app-client' })));
    expect(answer.status).toBe(200);
  });

  test('the same token twice is accepted twice (cached result)', async () => {
    const token = mint(claims());
    expect((await withToken(token)).status).toBe(200);
    expect((await withToken(token)).status).toBe(200);
  });

  test("a client cannot change the identity with serverless-offline's override header", async () => {
    const override = JSON.stringify({ claims: { email: 'mallory@example.com' } });
    const answer = await get(SECURED, { Authorization: mint(claims()), 'sls-offline-authorizer-override': override });
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('ada@example.com');
    expect(answer.body).not.toContain('mallory');
  });

  test('the override header does not open the secured route without a token', async () => {
    const override = JSON.stringify({ claims: { email: 'mallory@example.com' } });
    expectUnauthorized(await get(SECURED, { 'sls-offline-authorizer-override': override }));
  });

  test('a handler that throws (no email claim) gets 502 Internal server error, no stack trace', async () => {
    const { email: _email, ...withoutEmail } = claims();
    expectGatewayError(await withToken(mint(withoutEmail)), 502, 'Internal server error', 'InternalServerErrorException');
  });
});

test.describe('the Authorization header', () => {
  test('missing', async () => expectUnauthorized(await get(SECURED)));
  test('empty', async () => expectUnauthorized(await get(SECURED, { Authorization: '' })));
  test('"Bearer" and nothing else', async () => expectUnauthorized(await get(SECURED, { Authorization: 'Bearer ' })));
  test('lower-case "bearer"', async () => expectUnauthorized(await get(SECURED, { Authorization: `bearer ${mint(claims())}` })));
  test('two spaces after Bearer', async () => expectUnauthorized(await get(SECURED, { Authorization: `Bearer  ${mint(claims())}` })));
  test('another scheme', async () => expectUnauthorized(await get(SECURED, { Authorization: `Basic ${mint(claims())}` })));
  test('garbage', async () => expectUnauthorized(await get(SECURED, { Authorization: 'not-a-token' })));
  test('three dots of nothing', async () => expectUnauthorized(await get(SECURED, { Authorization: 'a.b.c' })));
  test('oversized', async () => expectUnauthorized(await get(SECURED, { Authorization: `Bearer ${'x'.repeat(12_000)}` })));
  test('the token in the query string instead', async () => {
    expectUnauthorized(await get(`${SECURED}?Authorization=${mint(claims())}`));
  });
  test('the token in a cookie instead', async () => {
    expectUnauthorized(await get(SECURED, { Cookie: `Authorization=${mint(claims())}` }));
  });

  // Node's HTTP parser itself refuses a second Authorization header (400, no body) before the
  // gateway emulation sees the request; AWS's answer is undocumented. Listed in the README.
  test('two Authorization headers, one of them valid, never reach the handler', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const request = http.request(SECURED, {
        headers: [
          ['Authorization', `Bearer ${mint(claims())}`],
          ['Authorization', 'Bearer x'],
        ] as never,
      });
      request.on('response', (response) => {
        response.resume();
        resolve(response.statusCode!);
      });
      request.on('error', reject);
      request.end();
    });
    expect(status).toBe(400);
  });
});

test.describe('signatures and algorithms', () => {
  for (const alg of ['none', 'None', 'NONE', 'nOnE']) {
    test(`alg "${alg}", unsigned`, async () => expectUnauthorized(await withToken(unsigned(claims(), alg))));
  }
  test("HS256 signed with the pool's public key as the secret", async () => {
    expectUnauthorized(await withToken(mint(claims(), { algorithm: 'HS256', key: cognitoLocalPublicKey })));
  });
  for (const algorithm of ['RS384', 'RS512', 'PS256'] as const) {
    test(`${algorithm} with the pool's own key`, async () => expectUnauthorized(await withToken(mint(claims(), { algorithm }))));
  }
  test("a foreign key with the pool's kid", async () => expectUnauthorized(await withToken(mint(claims(), { key: foreignKey }))));
  test('no kid', async () => expectUnauthorized(await withToken(mint(claims(), { kid: null }))));
  test('an unknown kid', async () => expectUnauthorized(await withToken(mint(claims(), { kid: 'rotated-away' }))));
  test('a URL as the kid, or a jku header, is never fetched', async () => {
    expectUnauthorized(await withToken(mint(claims(), { kid: `${e2eStack.urls.cognito}/evil/.well-known/jwks.json` })));
  });

  test('a tampered payload with the original signature', async () => {
    const [header, , signature] = mint(claims()).split('.');
    const payload = Buffer.from(JSON.stringify(claims({ email: 'mallory@example.com' }))).toString('base64url');
    expectUnauthorized(await withToken(`${header}.${payload}.${signature}`));
  });

  test('a signature swapped in from another genuine token', async () => {
    const [header, payload] = mint(claims()).split('.');
    const [, , otherSignature] = mint(claims({ email: 'other@example.com' })).split('.');
    expectUnauthorized(await withToken(`${header}.${payload}.${otherSignature}`));
  });
});

test.describe('claims', () => {
  test('expired, genuine: "The incoming token has expired"', async () => {
    const past = Math.floor(Date.now() / 1000) - 7200;
    const answer = await withToken(mint(claims({ iat: past, auth_time: past, exp: past + 3600 })));
    expectGatewayError(answer, 401, 'The incoming token has expired', 'UnauthorizedException');
  });
  test('no exp', async () => {
    const { exp: _exp, ...withoutExp } = claims();
    expectUnauthorized(await withToken(mint(withoutExp)));
  });
  test("another pool's issuer", async () => expectUnauthorized(await withToken(mint(claims({ iss: awsIssuer('eu-west-1_AnotherP1') })))));
  test('the issuer with a trailing slash', async () => expectUnauthorized(await withToken(mint(claims({ iss: `${issuer()}/` })))));
  test('the issuer on http', async () => expectUnauthorized(await withToken(mint(claims({ iss: issuer().replace('https:', 'http:') })))));
  test("the issuer in another region's endpoint", async () => {
    expectUnauthorized(await withToken(mint(claims({ iss: issuer().replace('cognito-idp.eu-west-1.', 'cognito-idp.us-east-1.') }))));
  });
  test("the emulator's own URL as issuer (what its tokens carried before they carried AWS's)", async () => {
    expectUnauthorized(await withToken(mint(claims({ iss: `${e2eStack.urls.cognito}/${userPoolId()}` }))));
  });
  test('the issuer in another case', async () => expectUnauthorized(await withToken(mint(claims({ iss: issuer().toUpperCase() })))));
  test('no issuer', async () => {
    const { iss: _iss, ...withoutIss } = claims();
    expectUnauthorized(await withToken(mint(withoutIss)));
  });
  test('an access token on a method without scopes', async () => {
    expectUnauthorized(await withToken(mint(claims({ token_use: 'access', scope: 'aws.cognito.signin.user.admin' }))));
  });
  test('a refresh-token JWT (no token_use)', async () => {
    const { token_use: _use, ...refreshLike } = claims();
    expectUnauthorized(await withToken(mint(refreshLike)));
  });
  test('an unknown token_use', async () => expectUnauthorized(await withToken(mint(claims({ token_use: 'ID' })))));
});

test.describe("the gateway's own answers", () => {
  test('an unknown path: 403 Missing Authentication Token', async () => {
    expectGatewayError(
      await get(`${e2eStack.urls.api}/api/nothingHere`),
      403,
      'Missing Authentication Token',
      'MissingAuthenticationTokenException',
    );
  });
  test('a method the route does not have: 403 Missing Authentication Token', async () => {
    expectGatewayError(await get(PUBLIC, {}, 'POST'), 403, 'Missing Authentication Token', 'MissingAuthenticationTokenException');
  });
  test('a path without the stage: 403 Missing Authentication Token', async () => {
    expectGatewayError(
      await get(PUBLIC.replace('/local/', '/')),
      403,
      'Missing Authentication Token',
      'MissingAuthenticationTokenException',
    );
  });

  test("the preflight of the secured route answers like serverless's MOCK method, without a token", async () => {
    const answer = await get(
      SECURED,
      { 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization' },
      'OPTIONS',
    );
    expect(answer.status).toBe(200);
    expect(answer.body).toBe('');
    expect(Object.fromEntries([...answer.headers].filter(([name]) => name.startsWith('access-control-')))).toEqual({
      'access-control-allow-origin': '*',
      'access-control-allow-headers':
        'Content-Type,X-Amz-Date,Authorization,X-Api-Key,X-Amz-Security-Token,X-Amz-User-Agent,X-Amzn-Trace-Id',
      'access-control-allow-methods': 'OPTIONS,GET',
    });
  });

  test('a preflight for a known path without the stage: 403', async () => {
    const answer = await get(SECURED.replace('/local/', '/'), { 'Access-Control-Request-Method': 'GET' }, 'OPTIONS');
    expectGatewayError(answer, 403, 'Missing Authentication Token', 'MissingAuthenticationTokenException');
  });

  test('a preflight for an unknown path: 403', async () => {
    const answer = await get(`${e2eStack.urls.api}/api/nothingHere`, { 'Access-Control-Request-Method': 'GET' }, 'OPTIONS');
    expectGatewayError(answer, 403, 'Missing Authentication Token', 'MissingAuthenticationTokenException');
  });

  test("the public route returns exactly the handler's headers, whatever Origin asks", async () => {
    const answer = await get(PUBLIC, { Authorization: 'garbage' });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toBe('Hello from an unsecured endpoint');
    expect(answer.headers.get('content-type')).toBe('application/json');
    expect(answer.headers.get('access-control-allow-origin')).toBe('*');
    expect(answer.headers.get('access-control-allow-credentials')).toBeNull();
    expect(answer.headers.get('access-control-expose-headers')).toBeNull();
  });
});

test.describe('handler failures and the event, on methods of an edited stack', () => {
  let variant: VariantApi;
  test.beforeAll(async () => {
    variant = await startVariantApi(withFailingAndEchoRoutes('http'));
  });
  test.afterAll(async () => variant?.stop());

  const failing = (mode: string) => get(`${variant.apiUrl}/api/failing?fail=${mode}`);

  // https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway-errors.html: "If the function
  // runs but returns an error, or returns a response in the wrong format, API Gateway returns a 502",
  // body {"message": "Internal server error"}; the DEFAULT_5XX GatewayResponse adds its headers.
  for (const mode of [...FUNCTION_ERRORS, ...MALFORMED_RESULTS, ...Object.keys(WITHOUT_STATUS)]) {
    test(`fail=${mode}: 502 Internal server error with the DEFAULT_5XX headers, nothing of the handler's`, async () => {
      const answer = await failing(mode);
      expectGatewayError(answer, 502, 'Internal server error', 'InternalServerErrorException');
    });
  }

  // The serverless blog's CORS guide returns `'Access-Control-Allow-Credentials': true` to API
  // Gateway; LocalStack's REST emulation, built against AWS's answers, sends such values as text.
  test('number and boolean header values go out as their text', async () => {
    const answer = await failing('scalar-headers');
    expect([answer.status, answer.headers.get('x-flag'), answer.headers.get('x-count')]).toEqual([200, 'true', '5']);
  });

  test("a handler's own well-formed 502 goes out as the handler made it", async () => {
    const answer = await failing('own-502');
    expect([answer.status, answer.body, answer.headers.get('content-type')]).toEqual([502, 'the handler says 502', 'text/plain']);
    expect([answer.headers.get('x-amzn-errortype'), answer.headers.get('access-control-allow-origin')]).toEqual([null, null]);
  });

  // https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-input-format
  test("the event has AWS's fields: headers as sent, null where AWS sends null, the API's ids, no emulator placeholders", async () => {
    const port = Number(new URL(variant.apiUrl).port);
    const answer = await sendRaw(port, {
      method: 'GET',
      target: '/local/api/event/42?a=1&a=2',
      headers: [
        ['User-Agent', 'conformance'],
        ['X-Twice', 'one'],
        ['X-Twice', 'two'],
      ],
    });
    expect(answer.status, answer.body).toBe(200);
    const { event, keys } = JSON.parse(answer.body);
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
    ]);
    expect(event).toMatchObject({
      resource: '/api/event/{id}',
      path: '/api/event/42',
      httpMethod: 'GET',
      headers: { Host: '127.0.0.1', 'User-Agent': 'conformance', 'X-Twice': 'two' },
      multiValueHeaders: { 'X-Twice': ['one', 'two'] },
      multiValueQueryStringParameters: { a: ['1', '2'] },
      pathParameters: { id: '42' },
      stageVariables: null,
      body: null,
      isBase64Encoded: false,
      requestContext: {
        accountId: '000000000000',
        apiId: 'localrestapi',
        domainName: '127.0.0.1',
        httpMethod: 'GET',
        identity: {
          accessKey: null,
          caller: null,
          cognitoIdentityId: null,
          user: null,
          userArn: null,
          sourceIp: '127.0.0.1',
          userAgent: 'conformance',
        },
        path: '/local/api/event/42',
        resourcePath: '/api/event/{id}',
        stage: 'local',
        protocol: 'HTTP/1.1',
      },
    });
    expect(event.requestContext.requestTime).toMatch(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
    expect(answer.body).not.toMatch(/offlineContext/);
  });

  test('a POST carries its body and only the headers the client sent (no Content-Type made up)', async () => {
    const port = Number(new URL(variant.apiUrl).port);
    const answer = await sendRaw(port, { method: 'POST', target: '/local/api/event', body: 'x=1' });
    const { event } = JSON.parse(answer.body);
    expect(event.body).toBe('x=1');
    expect([event.pathParameters, event.queryStringParameters]).toEqual([null, null]);
    expect(Object.keys(event.headers).sort()).toEqual(['Connection', 'Content-Length', 'Host']);
  });
});
