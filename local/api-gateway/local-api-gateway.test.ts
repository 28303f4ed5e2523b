import { afterEach, describe, expect, it, vi } from 'vitest';
import { allowEveryone } from './cognito-authorizer.ts';
import type { GatewayRequest } from './gateway-request.ts';
import { LocalApiGateway, UnsupportedAuthorizerError, type ApiGatewayStack } from './local-api-gateway.ts';

const deployed: ApiGatewayStack = {
  stage: 'local',
  gatewayResponses: {
    DEFAULT_4XX: { responseParameters: { 'gatewayresponse.header.Access-Control-Allow-Origin': "'*'" } },
  },
  routes: {
    'GET /api/helloWorld': { type: 'NONE' },
    'POST /orders/{id}': {
      type: 'COGNITO_USER_POOLS',
      authorizer: 'SharedAuthorizer',
      identitySource: 'method.request.header.X-Token',
      resultTtlSeconds: 0,
      userPoolIds: ['local_a'],
      scopes: [],
    },
  },
};

const gateway = () => new LocalApiGateway(deployed, { cognitoUrl: 'http://127.0.0.1:9229', stackFile: '.local/stack.json' });

function request(method: string, path: string, headers: Record<string, string> = {}): GatewayRequest {
  return { method, path, headers, rawHeaders: Object.entries(headers).flat() };
}

describe('LocalApiGateway.method', () => {
  it('opens a method without an authorizer to everyone', () => {
    expect(gateway().method('GET', 'api/helloWorld', undefined)).toBe(allowEveryone);
  });

  it('refuses a Cognito method without the token in its identity source header', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const authorize = gateway().method('POST', '/orders/{id}', undefined);
    expect(await authorize(request('post', '/local/orders/1', { authorization: 'Bearer abc' }))).toEqual({
      allow: false,
      refusal: { type: 'UNAUTHORIZED' },
      reason: 'no x-token header',
    });
  });

  it('refuses a route the deployed stack does not have, naming it', () => {
    expect(() => gateway().method('GET', 'api/x', undefined)).toThrow(UnsupportedAuthorizerError);
    expect(() => gateway().method('GET', 'api/x', undefined)).toThrow(/GET \/api\/x .*\(\.local\/stack\.json\)/);
  });
});

describe('LocalApiGateway.finish', () => {
  afterEach(() => vi.restoreAllMocks());

  it("answers OPTIONS with the path's preflight, merged over its methods' cors settings", () => {
    const api = gateway();
    api.method('GET', 'api/helloWorld', true);
    const answer = api.finish(request('options', '/local/api/helloWorld', { origin: 'http://localhost:5173' }), { kind: 'no-method' });
    expect(answer).toMatchObject({ statusCode: 200, body: '', headers: { 'Access-Control-Allow-Origin': '*' } });
    expect(answer!.headers['Access-Control-Allow-Methods']).toBe('OPTIONS,GET');
  });

  it('answers OPTIONS without a preflight, or outside the stage, with 403 Missing Authentication Token', () => {
    const api = gateway();
    api.method('GET', 'api/helloWorld', true);
    for (const path of ['/local/api/other', '/api/helloWorld']) {
      expect(api.finish(request('options', path), { kind: 'no-method' })).toMatchObject({
        statusCode: 403,
        body: '{"message":"Missing Authentication Token"}',
      });
    }
  });

  it("writes an authorizer's refusal as the gateway's response, with its message", () => {
    const answer = gateway().finish(request('get', '/local/x'), {
      kind: 'refused',
      refusal: { type: 'UNAUTHORIZED', message: 'The incoming token has expired' },
    });
    expect(answer).toEqual({
      statusCode: 401,
      headers: { 'Content-Type': 'application/json', 'x-amzn-ErrorType': 'UnauthorizedException', 'Access-Control-Allow-Origin': '*' },
      body: '{"message":"The incoming token has expired"}',
    });
    expect(gateway().finish(request('get', '/local/x'), { kind: 'refused', refusal: { type: 'AUTHORIZER_FAILURE' } })).toMatchObject({
      statusCode: 500,
      body: '{"message":null}',
    });
  });

  it('answers a path and method serverless.yml does not have with 403, and says so in the terminal', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(gateway().finish(request('get', '/local/nowhere'), { kind: 'no-method' })).toMatchObject({ statusCode: 403 });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('GET /local/nowhere: no such method and path in serverless.yml'));
  });

  it("maps the server's own refusals: 404 and 405 to 403, 401 to UNAUTHORIZED, another 4xx to DEFAULT_4XX with its status, the rest to 502", () => {
    const failed = (statusCode: number) => gateway().finish(request('post', '/local/x'), { kind: 'failed', statusCode });
    expect(failed(404)).toMatchObject({ statusCode: 403 });
    expect(failed(405)).toMatchObject({ statusCode: 403 });
    expect(failed(401)).toMatchObject({ statusCode: 401, headers: { 'x-amzn-ErrorType': 'UnauthorizedException' } });
    expect(failed(415)).toMatchObject({
      statusCode: 415,
      body: '{"message":"Unsupported Media Type"}',
      headers: { 'x-amzn-ErrorType': 'BadRequestException', 'Access-Control-Allow-Origin': '*' },
    });
    expect(failed(500)).toMatchObject({ statusCode: 502, body: '{"message":"Internal server error"}' });
  });

  it("sends the Lambda's response as it is, but a failed integration (whatever status the emulator gave it) as 502 Internal server error", () => {
    const lambda = (statusCode: number, failed: boolean) =>
      gateway().finish(request('get', '/local/api/helloWorld'), { kind: 'lambda', statusCode, failed });
    expect(lambda(200, false)).toBeUndefined();
    expect(lambda(502, false)).toBeUndefined();
    const internalError = {
      statusCode: 502,
      body: '{"message":"Internal server error"}',
      headers: { 'x-amzn-ErrorType': 'InternalServerErrorException' },
    };
    expect(lambda(502, true)).toMatchObject(internalError);
    // serverless-offline answers "[504] - Lambda timeout." with a 504.
    expect(lambda(504, true)).toMatchObject(internalError);
  });
});

describe('LocalApiGateway.malformedRequest', () => {
  it("answers with the gateway's JSON 4XX, the status the parser gave and the DEFAULT_4XX headers", () => {
    expect(gateway().malformedRequest(431)).toEqual({
      statusCode: 431,
      headers: { 'Content-Type': 'application/json', 'x-amzn-ErrorType': 'BadRequestException', 'Access-Control-Allow-Origin': '*' },
      body: '{"message":"Request Header Fields Too Large"}',
    });
  });
});
