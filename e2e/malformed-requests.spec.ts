// Every HTTP surface of the stack that is ours (the API, the Cognito emulator with its dev inbox,
// offline's Lambda invoke port) answers malformed JSON, huge bodies and headers, odd methods,
// unicode and percent-garbage with a 4xx and a JSON body, never a 5xx or a dropped connection;
// where AWS defines the answer, with AWS's. One case per kind of junk, so that a failure names it.
// (Node only; raw sockets, because fetch refuses to send most of this.)
import { expect, test } from '@playwright/test';
import { PUBLIC_GREETING } from '../src/functions/hello-world.ts';
import type { Surface } from './fuzz-requests.ts';
import { answerProblem, lambdaFunctionNames, SURFACE_PORTS } from './json-answers.ts';
import { sendRaw, type RawRequest } from './raw-http.ts';
import { e2eOutput } from './stack.ts';

interface Case {
  readonly name: string;
  readonly surface: Surface;
  readonly request: () => RawRequest;
  readonly status: number;
  /** Expected to be a subset of the JSON body. */
  readonly body?: () => unknown;
  readonly headers?: Readonly<Record<string, string | undefined>>;
}

const OP = 'AWSCognitoIdentityProviderService.';
const AMZ_JSON = ['Content-Type', 'application/x-amz-json-1.1'] as const;
const call = (operation: string, body: string, headers: (readonly [string, string])[] = [AMZ_JSON]): RawRequest => ({
  method: 'POST',
  target: '/',
  headers: [['X-Amz-Target', `${OP}${operation}`], ...headers],
  body,
});
const TEN_MB = () => Buffer.alloc(10 * 1024 * 1024, 'a');
const [helloWorld = '', helloWorldSecured = ''] = lambdaFunctionNames();
const invoke = (name: string, body: string | Buffer, headers: [string, string][] = []): RawRequest => ({
  method: 'POST',
  target: `/2015-03-31/functions/${name}/invocations`,
  headers,
  body,
});
const missingToken = { message: 'Missing Authentication Token' };
/** serverless.yml's DEFAULT_4XX GatewayResponse headers, on the gateway's own 4xx. */
const gateway4xx = { 'x-amzn-errortype': 'BadRequestException', 'access-control-allow-origin': '*' };

const CASES: readonly Case[] = [
  // --- API (serverless-offline made API Gateway) ----------------------------------------------
  {
    name: 'API: malformed JSON body on a GET route goes to the handler, as API Gateway passes bodies on (200)',
    surface: 'api',
    request: () => ({ method: 'GET', target: '/local/api/helloWorld', body: '{bad' }),
    status: 200,
    body: () => PUBLIC_GREETING,
  },
  {
    name: 'API: 10 MB body to a method that does not exist → 403 Missing Authentication Token',
    surface: 'api',
    request: () => ({ method: 'POST', target: '/local/api/helloWorld', body: TEN_MB() }),
    status: 403,
    body: () => missingToken,
  },
  {
    name: 'API: headers over 16 KB → 431 JSON',
    surface: 'api',
    request: () => ({ method: 'GET', target: '/local/api/helloWorld', headers: [['X-Big', 'b'.repeat(20_000)]] }),
    status: 431,
    body: () => ({ message: 'Request Header Fields Too Large' }),
    headers: gateway4xx,
  },
  {
    name: 'API: URL over 16 KB → 431 JSON',
    surface: 'api',
    request: () => ({ method: 'GET', target: `/local/api/${'u'.repeat(20_000)}` }),
    status: 431,
    body: () => ({ message: 'Request Header Fields Too Large' }),
  },
  {
    name: 'API: lowercase method → 400 JSON with the DEFAULT_4XX headers',
    surface: 'api',
    request: () => ({ method: 'get', target: '/local/api/helloWorld' }),
    status: 400,
    body: () => ({ message: 'Bad Request' }),
    headers: gateway4xx,
  },
  {
    name: 'API: PROPFIND → 403 Missing Authentication Token',
    surface: 'api',
    request: () => ({ method: 'PROPFIND', target: '/local/api/helloWorld' }),
    status: 403,
    body: () => missingToken,
  },
  {
    name: 'API: TRACE → 403 Missing Authentication Token',
    surface: 'api',
    request: () => ({ method: 'TRACE', target: '/local/api/helloWorld' }),
    status: 403,
    body: () => missingToken,
  },
  {
    name: 'API: a 5000-character method → 400 JSON',
    surface: 'api',
    request: () => ({ method: 'X'.repeat(5000), target: '/local/api/helloWorld' }),
    status: 400,
    body: () => ({ message: 'Bad Request' }),
  },
  {
    name: 'API: CONNECT → 405 JSON',
    surface: 'api',
    request: () => ({ method: 'CONNECT', target: '127.0.0.1:80' }),
    status: 405,
    body: () => ({ message: 'Method Not Allowed' }),
  },
  {
    name: 'API: Expect other than 100-continue → 417 JSON',
    surface: 'api',
    request: () => ({ method: 'GET', target: '/local/api/helloWorld', headers: [['Expect', 'junk']] }),
    status: 417,
    body: () => ({ message: 'Expectation Failed' }),
  },
  {
    name: 'API: truncated UTF-8 escape in the path (/%E0%A4%A) → 403',
    surface: 'api',
    request: () => ({ method: 'GET', target: '/%E0%A4%A' }),
    status: 403,
    body: () => missingToken,
  },
  {
    name: 'API: invalid escape in the path (/local/api/%ff) → 403',
    surface: 'api',
    request: () => ({ method: 'GET', target: '/local/api/%ff' }),
    status: 403,
    body: () => missingToken,
  },
  {
    name: 'API: raw UTF-8 bytes in the path → 400 JSON',
    surface: 'api',
    request: () => ({ method: 'GET', target: '/local/api/héllo' }),
    status: 400,
    body: () => ({ message: 'Bad Request' }),
  },
  {
    name: 'API: percent-garbage and unicode in the query string → 200',
    surface: 'api',
    request: () => ({ method: 'GET', target: '/local/api/helloWorld?x=%ff%E0&q=%F0%9F%99%82&a[b]=1&__proto__[x]=1' }),
    status: 200,
    body: () => PUBLIC_GREETING,
  },
  {
    name: 'API: NUL byte in a header → 400 JSON',
    surface: 'api',
    request: () => ({ method: 'GET', target: '/local/api/helloWorld', headers: [['X-A', 'a\u0000b']] }),
    status: 400,
    body: () => ({ message: 'Bad Request' }),
  },
  {
    name: 'API: an invalid Cookie header goes to the handler as API Gateway passes it (200)',
    surface: 'api',
    request: () => ({ method: 'GET', target: '/local/api/helloWorld', headers: [['Cookie', '__proto__=1; a=b; ;=; "x']] }),
    status: 200,
    body: () => PUBLIC_GREETING,
  },
  {
    name: 'API: Range is ignored, the whole response and no accept-ranges (200)',
    surface: 'api',
    request: () => ({ method: 'GET', target: '/local/api/helloWorld', headers: [['Range', 'bytes=abc']] }),
    status: 200,
    body: () => PUBLIC_GREETING,
    headers: { 'accept-ranges': undefined },
  },
  {
    name: 'API: Authorization of raw non-ASCII bytes on the secured route → 401 Unauthorized',
    surface: 'api',
    request: () => ({ method: 'GET', target: '/local/api/helloWorldSecured', headers: [['Authorization', 'Bearer \u00ff\u00fe日本']] }),
    status: 401,
    body: () => ({ message: 'Unauthorized' }),
  },
  {
    name: 'API: 8 KB of junk as Authorization on the secured route → 401 Unauthorized',
    surface: 'api',
    request: () => ({ method: 'GET', target: '/local/api/helloWorldSecured', headers: [['Authorization', `Bearer ${'x.'.repeat(4000)}`]] }),
    status: 401,
    body: () => ({ message: 'Unauthorized' }),
  },

  // --- Cognito emulator -------------------------------------------------------------------------
  {
    name: 'Cognito: malformed JSON → 400 SerializationException',
    surface: 'cognito',
    request: () => call('InitiateAuth', '{"AuthFlow":'),
    status: 400,
    body: () => ({ __type: 'SerializationException' }),
  },
  {
    name: 'Cognito: a JSON array as the body → 400 SerializationException',
    surface: 'cognito',
    request: () => call('InitiateAuth', '[]'),
    status: 400,
    body: () => ({ __type: 'SerializationException', Message: 'Start of list found where not expected.' }),
  },
  {
    name: 'Cognito: an object where a string belongs → 400 SerializationException',
    surface: 'cognito',
    request: () => call('InitiateAuth', JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: { a: 1 } })),
    status: 400,
    body: () => ({ __type: 'SerializationException', Message: 'Start of structure or map found where not expected.' }),
  },
  {
    name: 'Cognito: a string where a map belongs → 400 SerializationException',
    surface: 'cognito',
    request: () => call('InitiateAuth', JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'x', AuthParameters: 'USERNAME' })),
    status: 400,
    body: () => ({ __type: 'SerializationException', Message: 'Expected map or null' }),
  },
  {
    name: 'Cognito: required members missing → 400 InvalidParameterException naming them',
    surface: 'cognito',
    request: () => call('InitiateAuth', '{}'),
    status: 400,
    body: () => ({
      __type: 'InvalidParameterException',
      message:
        "2 validation errors detected: Value null at 'authFlow' failed to satisfy constraint: Member must not be null; Value null at 'clientId' failed to satisfy constraint: Member must not be null",
    }),
  },
  {
    name: 'Cognito: an AuthFlow that does not exist → 400 InvalidParameterException with the enum',
    surface: 'cognito',
    request: () => call('InitiateAuth', JSON.stringify({ AuthFlow: 'USER_PASS_AUTH', ClientId: e2eOutput('UserPoolClientId') })),
    status: 400,
    body: () => ({
      __type: 'InvalidParameterException',
      message: expect.stringContaining(
        "Value 'USER_PASS_AUTH' at 'authFlow' failed to satisfy constraint: Member must satisfy enum value set: [",
      ),
    }),
  },
  {
    name: 'Cognito: an operation the emulator lacks (SetUICustomization) → 400 CognitoLocal#Unsupported, not a 500',
    surface: 'cognito',
    request: () => call('SetUICustomization', JSON.stringify({ UserPoolId: e2eOutput('UserPoolId') })),
    status: 400,
    body: () => ({ __type: 'CognitoLocal#Unsupported' }),
  },
  {
    name: 'Cognito: unknown operation → 400 UnknownOperationException',
    surface: 'cognito',
    request: () => call('DoesNotExist', '{}'),
    status: 400,
    body: () => ({ __type: 'UnknownOperationException' }),
  },
  {
    name: 'Cognito: no X-Amz-Target → 400 UnknownOperationException',
    surface: 'cognito',
    request: () => ({ method: 'POST', target: '/', headers: [AMZ_JSON], body: '{}' }),
    status: 400,
    body: () => ({ __type: 'UnknownOperationException' }),
  },
  {
    name: 'Cognito: a Content-Type that is not the JSON protocol → 400 UnknownOperationException',
    surface: 'cognito',
    request: () => call('SignUp', '{}', [['Content-Type', 'text/plain']]),
    status: 400,
    body: () => ({ __type: 'UnknownOperationException' }),
  },
  {
    name: 'Cognito: no Content-Type → 400 UnknownOperationException',
    surface: 'cognito',
    request: () => call('SignUp', '{}', []),
    status: 400,
    body: () => ({ __type: 'UnknownOperationException' }),
  },
  {
    name: 'Cognito: 10 MB body → 413 JSON',
    surface: 'cognito',
    request: () => ({ ...call('InitiateAuth', ''), body: TEN_MB() }),
    status: 413,
    body: () => ({ __type: 'RequestEntityTooLargeException' }),
  },
  {
    name: 'Cognito: 10 MB body to an unknown operation → 400, read to its end first',
    surface: 'cognito',
    request: () => ({ ...call('DoesNotExist', ''), body: TEN_MB() }),
    status: 400,
    body: () => ({ __type: 'UnknownOperationException' }),
  },
  {
    name: 'Cognito: headers over 16 KB → 431 JSON',
    surface: 'cognito',
    request: () => ({ method: 'GET', target: '/health', headers: [['X-Big', 'b'.repeat(20_000)]] }),
    status: 431,
    body: () => ({ __type: 'BadRequest' }),
  },
  {
    name: 'Cognito: lowercase method → 400 JSON',
    surface: 'cognito',
    request: () => ({ method: 'post', target: '/' }),
    status: 400,
    body: () => ({ __type: 'BadRequest' }),
  },
  {
    name: 'Cognito: PROPFIND / → 404 JSON',
    surface: 'cognito',
    request: () => ({ method: 'PROPFIND', target: '/' }),
    status: 404,
    body: () => ({ __type: 'UnknownOperationException' }),
  },
  {
    name: 'Cognito: NUL byte in a header → 400 JSON',
    surface: 'cognito',
    request: () => ({ ...call('SignUp', '{}'), headers: [['X-Amz-Target', `${OP}SignUp`], AMZ_JSON, ['X-A', 'a\u0000b']] }),
    status: 400,
    body: () => ({ __type: 'BadRequest' }),
  },
  {
    name: 'Cognito: unknown path → 404 JSON, not an HTML page',
    surface: 'cognito',
    request: () => ({ method: 'GET', target: '/nope' }),
    status: 404,
    body: () => ({ __type: 'UnknownOperationException' }),
  },
  {
    name: 'Cognito: truncated UTF-8 escape in the path (/%E0%A4%A) → 404 JSON',
    surface: 'cognito',
    request: () => ({ method: 'GET', target: '/%E0%A4%A' }),
    status: 404,
    body: () => ({ __type: 'UnknownOperationException' }),
  },
  {
    name: 'Cognito: invalid escape in a JWKS path (/%ff/.well-known/jwks.json) → 400 JSON',
    surface: 'cognito',
    request: () => ({ method: 'GET', target: '/%ff/.well-known/jwks.json' }),
    status: 400,
    body: () => ({ __type: 'BadRequest' }),
  },
  {
    // Cognito's API endpoint has no OAuth 2.0 endpoints: they are the pool domain's (the managed login's HTTPS port).
    name: "Cognito: OAuth token endpoint at the API endpoint → 404 JSON (it is the pool domain's)",
    surface: 'cognito',
    request: () => ({ method: 'POST', target: '/oauth2/token' }),
    status: 404,
    body: () => ({ __type: 'UnknownOperationException' }),
  },
  {
    name: 'Dev inbox: `to` given twice → 400 JSON',
    surface: 'cognito',
    request: () => ({ method: 'GET', target: '/_dev/inbox?to=a@example.com&to=b@example.com' }),
    status: 400,
    body: () => ({ message: expect.stringContaining('to') }),
  },
  {
    name: 'Dev inbox: percent-garbage in `to` → 200, no messages',
    surface: 'cognito',
    request: () => ({ method: 'GET', target: '/_dev/inbox?to=%ff%E0%A4%A' }),
    status: 200,
    body: () => [],
  },
  {
    name: 'Dev inbox: POST → 404 JSON',
    surface: 'cognito',
    request: () => ({ method: 'POST', target: '/_dev/inbox', body: '{bad' }),
    status: 404,
    body: () => ({ __type: 'UnknownOperationException' }),
  },

  // --- Lambda invoke port (serverless-offline) --------------------------------------------------
  {
    name: 'Lambda port: malformed JSON payload → 400 InvalidRequestContentException',
    surface: 'lambda',
    request: () => invoke(helloWorld, '{bad'),
    status: 400,
    body: () => ({ Type: 'User' }),
    headers: { 'x-amzn-errortype': 'InvalidRequestContentException' },
  },
  {
    name: 'Lambda port: X-Amz-Client-Context not base64 JSON → 400 InvalidRequestContentException',
    surface: 'lambda',
    request: () => invoke(helloWorld, '{}', [['X-Amz-Client-Context', '!!!']]),
    status: 400,
    headers: { 'x-amzn-errortype': 'InvalidRequestContentException' },
  },
  {
    name: 'Lambda port: unknown function → 404 ResourceNotFoundException',
    surface: 'lambda',
    request: () => invoke('nope', '{}'),
    status: 404,
    headers: { 'x-amzn-errortype': 'ResourceNotFoundException' },
  },
  {
    name: 'Lambda port: InvokeAsync of an unknown function → 404 ResourceNotFoundException',
    surface: 'lambda',
    request: () => ({ method: 'POST', target: '/2014-11-13/functions/nope/invoke-async/', body: '{}' }),
    status: 404,
    headers: { 'x-amzn-errortype': 'ResourceNotFoundException' },
  },
  {
    name: 'Lambda port: 7 MB payload → 413 RequestTooLargeException',
    surface: 'lambda',
    request: () => invoke(helloWorld, Buffer.alloc(7 * 1024 * 1024, 'a')),
    status: 413,
    headers: { 'x-amzn-errortype': 'RequestTooLargeException' },
  },
  {
    name: 'Lambda port: lowercase method → 400 JSON',
    surface: 'lambda',
    request: () => ({ method: 'post', target: `/2015-03-31/functions/${helloWorld}/invocations` }),
    status: 400,
    body: () => ({ Type: 'User' }),
  },
  {
    name: 'Lambda port: headers over 16 KB → 431 JSON',
    surface: 'lambda',
    request: () => ({ ...invoke(helloWorld, '{}'), headers: [['X-Big', 'b'.repeat(20_000)]] }),
    status: 431,
  },
  {
    name: 'Lambda port: an Event invocation of a handler that throws → 202 (and serverless-offline keeps running)',
    surface: 'lambda',
    request: () => invoke(helloWorldSecured, 'null', [['X-Amz-Invocation-Type', 'Event']]),
    status: 202,
  },
];

test.describe('malformed requests get a JSON 4xx', () => {
  for (const { name, surface, request, status, body, headers } of CASES) {
    test(name, async () => {
      const sent = request();
      const response = await sendRaw(SURFACE_PORTS[surface], sent);
      expect(response.status, response.body).toBe(status);
      expect(answerProblem(sent, response)).toBeUndefined();
      const expected = body?.();
      if (typeof expected === 'object' && expected !== null && !Array.isArray(expected)) {
        expect(JSON.parse(response.body)).toMatchObject(expected as Record<string, unknown>);
      } else if (expected !== undefined) {
        expect(JSON.parse(response.body)).toEqual(expected);
      }
      for (const [header, value] of Object.entries(headers ?? {})) expect(response.headers[header]).toBe(value);
    });
  }

  test('Lambda port and API still answer after an asynchronous invocation whose handler throws', async () => {
    for (let i = 0; i < 3; i += 1) {
      expect((await sendRaw(SURFACE_PORTS.lambda, invoke(helloWorldSecured, '{}', [['X-Amz-Invocation-Type', 'Event']]))).status).toBe(202);
      expect(
        (
          await sendRaw(SURFACE_PORTS.lambda, {
            method: 'POST',
            target: `/2014-11-13/functions/${helloWorldSecured}/invoke-async/`,
            body: 'null',
          })
        ).status,
      ).toBe(200);
    }
    // The failures happen after the answers: give them the time to take offline down, if they can.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await sendRaw(SURFACE_PORTS.lambda, invoke(helloWorld, '{}'))).status).toBe(200);
    const api = await sendRaw(SURFACE_PORTS.api, { method: 'GET', target: '/local/api/helloWorld' });
    expect([api.status, JSON.parse(api.body)]).toEqual([200, PUBLIC_GREETING]);
  });
});
