import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import jwt from 'jsonwebtoken';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HttpApi, HttpRoute } from '../cloudformation/http-api.ts';
import type { GatewayRequest } from './gateway-request.ts';
import { LocalHttpApi, UnknownHttpRouteError, UnsupportedIdentitySourceError } from './local-http-api.ts';

const POOL = 'local_AbCdEf12';
const ISSUER = `http://localhost:9229/${POOL}`;
const CLIENT = 'local-client-id';
const APP = 'http://localhost:5173';
const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const forger = generateKeyPairSync('rsa', { modulusLength: 2048 });

/** The emulator's JWKS on loopback, counting its fetches. */
let jwks: http.Server;
let jwksFetches = 0;
let cognitoUrl: string;
beforeAll(async () => {
  jwks = http.createServer((_request, response) => {
    jwksFetches += 1;
    response.end(
      JSON.stringify({ keys: [{ ...(publicKey as KeyObject).export({ format: 'jwk' }), kid: 'k1', alg: 'RS256', use: 'sig' }] }),
    );
  });
  await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
  cognitoUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => jwks.close(() => resolve())));

const jwtRoute = (scopes: string[] = [], payloadFormatVersion: '1.0' | '2.0' = '2.0'): HttpRoute => ({
  authorization: {
    type: 'JWT',
    authorizer: 'HttpApiAuthorizerCognito',
    identitySource: '$request.header.Authorization',
    issuer: ISSUER,
    userPoolId: POOL,
    audiences: [CLIENT],
    scopes,
  },
  payloadFormatVersion,
});
const publicRoute: HttpRoute = { authorization: { type: 'NONE' }, payloadFormatVersion: '2.0' };

const api: HttpApi = {
  routes: {
    'GET /items/{id}': jwtRoute(),
    'POST /items': jwtRoute(['orders/write'], '1.0'),
    'GET /public': publicRoute,
    $default: publicRoute,
  },
  cors: { allowOrigins: [APP], allowMethods: ['GET', 'POST'], allowHeaders: ['authorization'], exposeHeaders: [], allowCredentials: false },
};

const NOW = Math.floor(Date.now() / 1000);
const token = (key = privateKey) =>
  jwt.sign({ sub: 'ada', iss: ISSUER, client_id: CLIENT, token_use: 'access', scope: 'orders/read', iat: NOW, exp: NOW + 600 }, key, {
    algorithm: 'RS256',
    keyid: 'k1',
  });

function request(method: string, path: string, headers: Record<string, string> = {}): GatewayRequest {
  return { method, path, headers, rawHeaders: Object.entries(headers).flat() };
}

describe('LocalHttpApi', () => {
  beforeEach(() => vi.spyOn(console, 'warn').mockImplementation(() => {}));
  afterEach(() => vi.restoreAllMocks());

  describe('route', () => {
    it('lets a valid token through a JWT route, with its claims and null scopes', async () => {
      const decision = await new LocalHttpApi(api, { cognitoUrl }).route(
        'GET',
        '/items/{id}',
      )(request('get', '/items/1', { authorization: `Bearer ${token()}` }));
      expect(decision).toEqual({
        allow: true,
        jwt: { claims: expect.objectContaining({ sub: 'ada', exp: String(NOW + 600) }), scopes: null },
        verdict: 'allowed',
      });
    });

    it('refuses a forged token with 401', async () => {
      const decision = await new LocalHttpApi(api, { cognitoUrl }).route(
        'GET',
        '/items/{id}',
      )(request('get', '/items/1', { authorization: token(forger.privateKey) }));
      expect(decision).toMatchObject({ allow: false, response: { statusCode: 401, body: '{"message":"Unauthorized"}' } });
    });

    it('answers 403 on a route whose scopes the token lacks', async () => {
      const decision = await new LocalHttpApi(api, { cognitoUrl }).route(
        'post',
        '/items',
      )(request('post', '/items', { authorization: token() }));
      expect(decision).toMatchObject({ allow: false, response: { statusCode: 403, body: '{"message":"Forbidden"}' } });
    });

    it('gives a public route no jwt, even with a forged token', async () => {
      const decision = await new LocalHttpApi(api, { cognitoUrl }).route(
        'GET',
        '/public',
      )(request('get', '/public', { authorization: token(forger.privateKey) }));
      expect(decision).toEqual({ allow: true });
    });

    it('finds the $default route', async () => {
      await expect(new LocalHttpApi(api, { cognitoUrl }).route('ANY', '$default')(request('get', '/anything'))).resolves.toEqual({
        allow: true,
      });
    });

    it('shares one verifier, and one JWKS fetch, between the routes of a pool', async () => {
      const httpApi = new LocalHttpApi(api, { cognitoUrl });
      const before = jwksFetches;
      await httpApi.route('GET', '/items/{id}')(request('get', '/items/1', { authorization: token() }));
      await httpApi.route('POST', '/items')(request('post', '/items', { authorization: token() }));
      expect(jwksFetches - before).toBe(1);
    });

    it('refuses a route that the HTTP API does not have, by name', () => {
      expect(() => new LocalHttpApi(api, { cognitoUrl }).route('DELETE', '/items/{id}')).toThrow(UnknownHttpRouteError);
      expect(() => new LocalHttpApi(api, { cognitoUrl }).route('DELETE', '/items/{id}')).toThrow(/DELETE \/items\/\{id\}/);
    });

    it('refuses an identity source that is not a header', () => {
      const route = jwtRoute();
      const byQuery: HttpApi = {
        routes: {
          'GET /q': { ...route, authorization: { ...route.authorization, identitySource: '$request.querystring.token' } as never },
        },
      };
      expect(() => new LocalHttpApi(byQuery, { cognitoUrl }).route('GET', '/q')).toThrow(UnsupportedIdentitySourceError);
    });
  });

  it('tells the payload format version of a route', () => {
    const httpApi = new LocalHttpApi(api, { cognitoUrl });
    expect(httpApi.payloadFormatVersion('POST', '/items')).toBe('1.0');
    expect(httpApi.payloadFormatVersion('GET', '/items/{id}')).toBe('2.0');
  });

  describe('finish', () => {
    const httpApi = new LocalHttpApi(api, { cognitoUrl });
    const preflight = request('options', '/items/1', { origin: APP, 'access-control-request-method': 'GET' });

    it('answers an unknown route 404 Not Found in JSON', () => {
      expect(httpApi.finish(request('get', '/nope'), { kind: 'no-route' })).toMatchObject({
        statusCode: 404,
        headers: { 'content-type': 'application/json', 'apigw-requestid': expect.any(String) },
        body: '{"message":"Not Found"}',
      });
    });

    it('answers a preflight itself when CORS is configured, route or not', () => {
      expect(httpApi.finish(preflight, { kind: 'no-route' })).toMatchObject({
        statusCode: 204,
        headers: { 'access-control-allow-origin': APP },
      });
      expect(httpApi.finish(preflight, { kind: 'lambda', statusCode: 200, failed: false })?.statusCode).toBe(204);
      expect(httpApi.preflight(preflight)?.statusCode).toBe(204);
    });

    it('answers no preflight without CORS configured', () => {
      const plain = new LocalHttpApi({ routes: api.routes }, { cognitoUrl });
      expect(plain.preflight(preflight)).toBeUndefined();
      expect(plain.finish(preflight, { kind: 'no-route' })?.statusCode).toBe(404);
    });

    it('hands a refusal on as the authorizer made it', () => {
      const response = { statusCode: 401, headers: {}, body: '{"message":"Unauthorized"}' };
      expect(httpApi.finish(request('get', '/items/1'), { kind: 'refused', response })).toBe(response);
    });

    it("answers a handler's failure 500 Internal Server Error, and lets a Lambda response through", () => {
      expect(httpApi.finish(request('get', '/public'), { kind: 'lambda', statusCode: 502, failed: true })).toMatchObject({
        statusCode: 500,
        body: '{"message":"Internal Server Error"}',
      });
      expect(httpApi.finish(request('get', '/public'), { kind: 'lambda', statusCode: 502, failed: false })).toBeUndefined();
    });

    it('answers a request the server refused with its status', () => {
      expect(httpApi.finish(request('post', '/items'), { kind: 'failed', statusCode: 413 })).toMatchObject({
        statusCode: 413,
        body: '{"message":"Payload Too Large"}',
      });
    });
  });

  describe('lambdaHeaders', () => {
    const handlerHeaders = { 'Access-Control-Allow-Origin': '*', 'content-type': 'text/plain', 'set-cookie': ['a=1', 'b=2'] };

    it("replaces the handler's CORS headers with the configured ones", () => {
      const httpApi = new LocalHttpApi(api, { cognitoUrl });
      expect(httpApi.lambdaHeaders(request('get', '/public', { origin: APP }), handlerHeaders)).toEqual({
        'content-type': 'text/plain',
        'set-cookie': ['a=1', 'b=2'],
        'access-control-allow-origin': APP,
      });
      expect(httpApi.lambdaHeaders(request('get', '/public'), handlerHeaders)).toEqual({
        'content-type': 'text/plain',
        'set-cookie': ['a=1', 'b=2'],
      });
    });

    it("adds the request's id as apigw-requestid, the id the event carried", () => {
      const headers = new LocalHttpApi({ routes: api.routes }, { cognitoUrl }).lambdaHeaders(
        request('get', '/public'),
        handlerHeaders,
        'Mc7UVioPPHcEKPA=',
      );
      expect(headers).toEqual({ ...handlerHeaders, 'apigw-requestid': 'Mc7UVioPPHcEKPA=' });
    });

    it("keeps the handler's headers as they are without CORS configured", () => {
      expect(
        new LocalHttpApi({ routes: api.routes }, { cognitoUrl }).lambdaHeaders(request('get', '/public', { origin: APP }), handlerHeaders),
      ).toEqual(handlerHeaders);
    });
  });
});
