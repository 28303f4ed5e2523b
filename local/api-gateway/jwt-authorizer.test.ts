import { generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Clock, OffsetClock } from '../clock.ts';
import type { GatewayRequest } from './gateway-request.ts';
import { type HttpApiDecision, jwtAuthorizer } from './jwt-authorizer.ts';
import { JwksUnavailableError, UnknownKidError } from './jwks-key-source.ts';
import { createJwtVerifier } from './verify-jwt.ts';

const ISSUER = 'http://127.0.0.1:9229/local_AbCdEf12';
const CLIENT = 'local-client-id';
const KID = 'pool-kid';
const pemPair = () =>
  generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
const poolKeys = pemPair();
const strangerKeys = pemPair();

const NOW = Math.floor(Date.now() / 1000);

/** A Cognito access token's claims; `undefined` removes one. */
function accessClaims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const claims: Record<string, unknown> = {
    sub: '4f1c2a4e-0000-4000-8000-000000000001',
    'cognito:groups': ['admin', 'editors'],
    iss: ISSUER,
    client_id: CLIENT,
    token_use: 'access',
    scope: 'aws.cognito.signin.user.admin orders/read',
    auth_time: NOW,
    iat: NOW,
    exp: NOW + 3600,
    ...overrides,
  };
  for (const [name, value] of Object.entries(claims)) if (value === undefined) delete claims[name];
  return claims;
}

function sign(claims = accessClaims(), options: { key?: string; kid?: string; algorithm?: jwt.Algorithm } = {}): string {
  return jwt.sign(claims, options.key ?? poolKeys.privateKey, { algorithm: options.algorithm ?? 'RS256', keyid: options.kid ?? KID });
}

function request(headers: Record<string, string>, rawHeaders = Object.entries(headers).flat()): GatewayRequest {
  return { method: 'get', path: '/items/1', headers, rawHeaders };
}

const getSigningKey = vi.fn(async (kid: string) => {
  if (kid === KID) return poolKeys.publicKey;
  throw new UnknownKidError('the JWKS has no such kid');
});

function authorizer(options: { scopes?: string[]; audiences?: string[]; clock?: Clock } = {}) {
  return jwtAuthorizer({
    header: 'authorization',
    audiences: options.audiences ?? [CLIENT],
    scopes: options.scopes ?? [],
    verify: createJwtVerifier({ issuer: ISSUER, jwksUri: `${ISSUER}/.well-known/jwks.json`, getSigningKey, clock: options.clock }),
    clock: options.clock,
  });
}

function refusal(decision: HttpApiDecision) {
  if (decision.allow) throw new Error('the request was allowed');
  return { status: decision.response.statusCode, body: decision.response.body, challenge: decision.response.headers['www-authenticate'] };
}

const unauthorized = (description: string, scope = '') => ({
  status: 401,
  body: '{"message":"Unauthorized"}',
  challenge: `Bearer scope="${scope}" error="invalid_token" error_description="${description}"`,
});

describe('jwtAuthorizer', () => {
  beforeEach(() => vi.spyOn(console, 'warn').mockImplementation(() => {}));
  afterEach(() => vi.restoreAllMocks());

  it('lets a valid access token through with its claims as strings and no scopes on a route without scopes', async () => {
    const decision = await authorizer()(request({ authorization: `Bearer ${sign()}` }));
    expect(decision).toEqual({
      allow: true,
      jwt: {
        claims: expect.objectContaining({ 'cognito:groups': '[admin editors]', exp: String(NOW + 3600), client_id: CLIENT }),
        scopes: null,
      },
      verdict: 'allowed',
    });
  });

  it('takes the raw token as well as `Bearer <token>`', async () => {
    expect((await authorizer()(request({ authorization: sign() }))).allow).toBe(true);
  });

  it("lets an ID token through when its aud is an audience (the route trusts what the authorizer's audiences say)", async () => {
    const idToken = sign(accessClaims({ token_use: 'id', aud: CLIENT, client_id: undefined, scope: undefined }));
    expect((await authorizer()(request({ authorization: idToken }))).allow).toBe(true);
  });

  it('refuses a missing, empty or doubled header with 401', async () => {
    const authorize = authorizer();
    expect(refusal(await authorize(request({})))).toEqual(unauthorized('the token is missing'));
    expect(refusal(await authorize(request({ authorization: '' })))).toEqual(unauthorized('the token is missing'));
    const token = sign();
    const doubled = request({ authorization: token }, ['Authorization', token, 'authorization', token]);
    expect(refusal(await authorize(doubled))).toEqual(unauthorized('the token is missing'));
  });

  it('tells the terminal the real reason', async () => {
    await authorizer()(request({}));
    expect(console.warn).toHaveBeenCalledWith('[authorizer] GET /items/1 refused: no authorization header');
  });

  it('refuses a forged token (signed by another key) with 401', async () => {
    expect(refusal(await authorizer()(request({ authorization: sign(accessClaims(), { key: strangerKeys.privateKey }) })))).toEqual(
      unauthorized('the token signature is invalid'),
    );
  });

  it('refuses a tampered payload with 401', async () => {
    const [header, , signature] = sign().split('.');
    const payload = Buffer.from(JSON.stringify(accessClaims({ sub: 'someone-else' }))).toString('base64url');
    expect(refusal(await authorizer()(request({ authorization: `${header}.${payload}.${signature}` })))).toEqual(
      unauthorized('the token signature is invalid'),
    );
  });

  it('refuses what is not a JWT, an unknown kid, and non-RSA algorithms with 401', async () => {
    const authorize = authorizer();
    expect(refusal(await authorize(request({ authorization: 'not-a-jwt' })))).toEqual(unauthorized('the token is malformed'));
    expect(refusal(await authorize(request({ authorization: sign(accessClaims(), { kid: 'other' }) })))).toEqual(
      unauthorized('the token does not have a valid kid'),
    );
    const hs256 = jwt.sign(accessClaims(), 'secret', { algorithm: 'HS256', keyid: KID });
    expect(refusal(await authorize(request({ authorization: hs256 })))).toEqual(unauthorized('signing method HS256 is invalid'));
    const none = jwt.sign(accessClaims(), '', { algorithm: 'none' } as jwt.SignOptions);
    expect(refusal(await authorize(request({ authorization: none })))).toEqual(unauthorized('signing method none is invalid'));
  });

  it('accepts RS384 and RS512', async () => {
    for (const algorithm of ['RS384', 'RS512'] as const) {
      expect((await authorizer()(request({ authorization: sign(accessClaims(), { algorithm }) }))).allow).toBe(true);
    }
  });

  it('refuses another issuer, even by a trailing slash, with 401', async () => {
    expect(refusal(await authorizer()(request({ authorization: sign(accessClaims({ iss: `${ISSUER}/` })) })))).toEqual(
      unauthorized('the token does not have a valid issuer'),
    );
  });

  it('refuses a wrong audience with the documented challenge', async () => {
    expect(refusal(await authorizer({ audiences: ['another-client'] })(request({ authorization: sign() })))).toEqual(
      unauthorized('the token does not have a valid audience'),
    );
  });

  it('reads client_id only when there is no aud', async () => {
    const withAud = sign(accessClaims({ aud: 'another-client' }));
    expect(refusal(await authorizer()(request({ authorization: withAud }))).challenge).toContain('valid audience');
    const audList = sign(accessClaims({ aud: ['x', CLIENT], client_id: undefined }));
    expect((await authorizer()(request({ authorization: audList }))).allow).toBe(true);
    const neither = sign(accessClaims({ client_id: undefined }));
    expect(refusal(await authorizer()(request({ authorization: neither }))).challenge).toContain('valid audience');
  });

  it('refuses an expired token with 401, and a token without exp', async () => {
    const expired = sign(accessClaims({ iat: NOW - 7200, exp: NOW - 1 }));
    expect(refusal(await authorizer()(request({ authorization: expired })))).toEqual(unauthorized('the token has expired'));
    const endless = sign(accessClaims({ exp: undefined }));
    expect(refusal(await authorizer()(request({ authorization: endless })))).toEqual(unauthorized('the token does not have a valid exp'));
  });

  it('says in words how long ago the token expired, and which scope is missing', async () => {
    const expired = sign(accessClaims({ iat: NOW - 7200, exp: NOW - 180 }));
    const clock = new OffsetClock(() => NOW * 1000);
    expect(await authorizer({ clock })(request({ authorization: expired }))).toMatchObject({
      allow: false,
      reason: 'the token expired 3 min ago',
    });
    expect(await authorizer({ scopes: ['orders/write'] })(request({ authorization: sign() }))).toMatchObject({
      allow: false,
      reason: 'scope orders/write missing',
    });
  });

  it('refuses a token before its nbf, or issued in the future, with 401', async () => {
    const early = sign(accessClaims({ nbf: NOW + 60 }));
    expect(refusal(await authorizer()(request({ authorization: early })))).toEqual(unauthorized('the token is not valid yet'));
    const future = sign(accessClaims({ iat: NOW + 60 }));
    expect(refusal(await authorizer()(request({ authorization: future })))).toEqual(
      unauthorized('the token was used before it was issued'),
    );
  });

  describe('on a route with scopes', () => {
    it("lets a token with one of the route's scopes through, with all the token's scopes", async () => {
      const decision = await authorizer({ scopes: ['orders/read', 'orders/write'] })(request({ authorization: sign() }));
      expect(decision).toMatchObject({ allow: true, jwt: { scopes: ['aws.cognito.signin.user.admin', 'orders/read'] } });
    });

    it('answers 403 Forbidden to a valid token without any of them', async () => {
      expect(refusal(await authorizer({ scopes: ['orders/write'] })(request({ authorization: sign() })))).toEqual({
        status: 403,
        body: '{"message":"Forbidden"}',
        challenge: 'Bearer scope="orders/write" error="insufficient_scope" error_description="the token does not have the required scope"',
      });
    });

    it('answers 403 to an ID token, which has no scope', async () => {
      const idToken = sign(accessClaims({ token_use: 'id', aud: CLIENT, scope: undefined }));
      expect(refusal(await authorizer({ scopes: ['orders/read'] })(request({ authorization: idToken }))).status).toBe(403);
    });

    it("names the route's scopes in a 401's challenge", async () => {
      expect(refusal(await authorizer({ scopes: ['orders/read'] })(request({}))).challenge).toBe(
        'Bearer scope="orders/read" error="invalid_token" error_description="the token is missing"',
      );
    });
  });

  it('verifies a token once, yet refuses it once the local clock moves past its exp', async () => {
    const clock = new OffsetClock(() => NOW * 1000);
    const authorize = authorizer({ clock });
    const token = sign(accessClaims({ exp: NOW + 60 }));
    getSigningKey.mockClear();
    expect((await authorize(request({ authorization: token }))).allow).toBe(true);
    expect((await authorize(request({ authorization: token }))).allow).toBe(true);
    expect(getSigningKey).toHaveBeenCalledTimes(1);
    clock.advance(59_999);
    expect((await authorize(request({ authorization: token }))).allow).toBe(true);
    clock.advance(1);
    expect(refusal(await authorize(request({ authorization: token }))).challenge).toContain('the token has expired');
  });

  it("answers 500 when the issuer's keys cannot be read, and logs why", async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const authorize = jwtAuthorizer({
      header: 'authorization',
      audiences: [CLIENT],
      scopes: [],
      verify: createJwtVerifier({
        issuer: ISSUER,
        jwksUri: `${ISSUER}/.well-known/jwks.json`,
        getSigningKey: async () => {
          throw new JwksUnavailableError('connection refused');
        },
      }),
    });
    const decision = await authorize(request({ authorization: sign() }));
    expect(decision).toMatchObject({ allow: false, response: { statusCode: 500, body: '{"message":"Internal Server Error"}' } });
    expect(error).toHaveBeenCalled();
  });

  it('answers in JSON with a request id', async () => {
    const decision = await authorizer()(request({}));
    expect(decision.allow || decision.response.headers).toMatchObject({
      'content-type': 'application/json',
      'apigw-requestid': expect.stringMatching(/^[A-Za-z0-9+/]{15}=$/),
    });
  });
});
