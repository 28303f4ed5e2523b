import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import jwt from 'jsonwebtoken';
import { describe, expect, it } from 'vitest';
import { OffsetClock } from '../clock.ts';
import { createCognitoTokenVerifier, TokenExpiredError, TokenRejectedError } from './verify-cognito-token.ts';

const ISSUER = 'http://127.0.0.1:9229/local_AbCdEf12';
const KID = 'test-kid';

function pemKeyPair() {
  return generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
}

const poolKeys = pemKeyPair();
const otherKeys = pemKeyPair();

const verifyIdToken = createCognitoTokenVerifier({
  issuer: ISSUER,
  jwksUri: `${ISSUER}/.well-known/jwks.json`,
  getSigningKey: async (kid) => {
    if (kid === KID) return poolKeys.publicKey;
    throw new Error(`no key ${kid}`);
  },
});

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** The claims Cognito puts in an ID token, overridable one by one (undefined removes a claim). */
function idClaims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const claims: Record<string, unknown> = {
    sub: '4f1c2a4e-0000-4000-8000-000000000001',
    email: 'ada@example.com',
    email_verified: true,
    token_use: 'id',
    aud: 'local-client-id',
    iss: ISSUER,
    iat: nowSeconds(),
    exp: nowSeconds() + 3600,
    ...overrides,
  };
  for (const [name, value] of Object.entries(claims)) {
    if (value === undefined) delete claims[name];
  }
  return claims;
}

function signIdToken(claims = idClaims(), options: { key?: string; kid?: string | undefined } = {}): string {
  const kid = 'kid' in options ? options.kid : KID;
  return jwt.sign(claims, options.key ?? poolKeys.privateKey, {
    algorithm: 'RS256',
    ...(kid === undefined ? {} : { keyid: kid }),
  });
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

async function rejection(token: string): Promise<unknown> {
  return verifyIdToken(token).then(
    () => expect.fail('the token was accepted'),
    (error: unknown) => error,
  );
}

describe('createCognitoTokenVerifier', () => {
  it('accepts a genuine ID token and returns its claims', async () => {
    const claims = await verifyIdToken(signIdToken());

    expect(claims.email).toBe('ada@example.com');
    expect(claims.token_use).toBe('id');
    expect(claims.iss).toBe(ISSUER);
  });

  it('rejects an expired token with a TokenExpiredError', async () => {
    const error = await rejection(signIdToken(idClaims({ iat: nowSeconds() - 7200, exp: nowSeconds() - 60 })));

    expect(error).toBeInstanceOf(TokenExpiredError);
    expect(error).toBeInstanceOf(TokenRejectedError);
  });

  it("checks exp and nbf against the local stack's clock, moved or not", async () => {
    const REAL = Date.parse('2024-06-18T15:00:00Z');
    const issuedAt = REAL / 1000;
    const clock = new OffsetClock(() => REAL);
    const verify = createCognitoTokenVerifier({
      issuer: ISSUER,
      jwksUri: `${ISSUER}/.well-known/jwks.json`,
      getSigningKey: async () => poolKeys.publicKey,
      clock,
    });
    const token = signIdToken(idClaims({ iat: issuedAt, exp: issuedAt + 3600 }));
    const later = signIdToken(idClaims({ iat: issuedAt, nbf: issuedAt + 60, exp: issuedAt + 3600 }));

    expect((await verify(token)).email).toBe('ada@example.com');
    await expect(verify(later)).rejects.toThrow('jwt not active');
    clock.advance(60_000);
    expect((await verify(later)).email).toBe('ada@example.com');
    clock.advance(3_540_000);
    await expect(verify(token)).rejects.toBeInstanceOf(TokenExpiredError);
  });

  it.each([
    ['another pool', 'http://127.0.0.1:9229/local_ZzZzZz99'],
    ['the issuer with a trailing slash', `${ISSUER}/`],
    ['another host', 'https://cognito-idp.eu-west-1.amazonaws.com/local_AbCdEf12'],
  ])('rejects a token from %s', async (_, iss) => {
    const error = await rejection(signIdToken(idClaims({ iss })));

    expect(error).toBeInstanceOf(TokenRejectedError);
    expect(error).not.toBeInstanceOf(TokenExpiredError);
  });

  it('rejects an access token', async () => {
    const error = await rejection(signIdToken(idClaims({ token_use: 'access' })));

    expect(error).toBeInstanceOf(TokenRejectedError);
    expect((error as Error).message).toMatch(/token_use is access/);
  });

  it('rejects a token without token_use', async () => {
    const error = await rejection(signIdToken(idClaims({ token_use: undefined })));

    expect(error).toBeInstanceOf(TokenRejectedError);
    expect((error as Error).message).toMatch(/token_use is missing/);
  });

  it('rejects an HS256 token signed with the public key as its secret', async () => {
    // The classic key-confusion attack: a verifier that lets the token pick its algorithm
    // would check this HMAC with the (public) PEM text and accept it.
    const token = jwt.sign(idClaims(), Buffer.from(poolKeys.publicKey), { algorithm: 'HS256', keyid: KID });

    const error = await rejection(token);

    expect(error).toBeInstanceOf(TokenRejectedError);
    expect((error as Error).message).toMatch(/HS256/);
  });

  it('rejects an unsigned token with alg none', async () => {
    // jsonwebtoken refuses to sign with alg none, so the token is put together by hand.
    const token = `${base64url({ alg: 'none', typ: 'JWT', kid: KID })}.${base64url(idClaims())}.`;

    const error = await rejection(token);

    expect(error).toBeInstanceOf(TokenRejectedError);
  });

  it("says in a few words which scope an access token lacks (the request log's reason)", async () => {
    const access = signIdToken(idClaims({ token_use: 'access', scope: 'aws.cognito.signin.user.admin', aud: undefined }));
    const error = await verifyIdToken(access, ['orders/read']).then(
      () => expect.fail('the token was accepted'),
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(TokenRejectedError);
    expect((error as TokenRejectedError).words).toBe('scope orders/read missing');
    expect((error as Error).message).toMatch(/include none of orders\/read/);
  });

  it('rejects a token whose header has no kid', async () => {
    const error = await rejection(signIdToken(idClaims(), { kid: undefined }));

    expect(error).toBeInstanceOf(TokenRejectedError);
    expect((error as Error).message).toMatch(/no kid/);
  });

  it('rejects a token whose kid is not in the pool', async () => {
    const error = await rejection(signIdToken(idClaims(), { kid: 'unknown-kid' }));

    expect(error).toBeInstanceOf(TokenRejectedError);
    expect((error as Error).message).toMatch(/unknown-kid/);
  });

  it('rejects a token whose payload was changed after signing', async () => {
    const [header, , signature] = signIdToken().split('.');
    const forged = `${header}.${base64url(idClaims({ email: 'mallory@example.com' }))}.${signature}`;

    const error = await rejection(forged);

    expect(error).toBeInstanceOf(TokenRejectedError);
    expect((error as Error).message).toMatch(/signature/);
  });

  it('rejects a token signed by another key under the same kid', async () => {
    const error = await rejection(signIdToken(idClaims(), { key: otherKeys.privateKey }));

    expect(error).toBeInstanceOf(TokenRejectedError);
    expect((error as Error).message).toMatch(/signature/);
  });

  it('rejects a token without exp', async () => {
    const error = await rejection(signIdToken(idClaims({ exp: undefined })));

    expect(error).toBeInstanceOf(TokenRejectedError);
    expect((error as Error).message).toMatch(/no exp/);
  });

  it('rejects a string that is not a JWT', async () => {
    const error = await rejection('abc.def');

    expect(error).toBeInstanceOf(TokenRejectedError);
  });

  it('a token with an unknown kid that comes first does not shut out valid tokens that arrive with it', async () => {
    const jwk = { ...createPublicKey(poolKeys.publicKey).export({ format: 'jwk' }), kid: KID, alg: 'RS256', use: 'sig' };
    const server = http.createServer((_request, response) => response.end(JSON.stringify({ keys: [jwk] })));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const verify = createCognitoTokenVerifier({
        issuer: ISSUER,
        jwksUri: `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`,
      });
      const [stranger, valid] = await Promise.allSettled([verify(signIdToken(idClaims(), { kid: 'unknown-kid' })), verify(signIdToken())]);

      expect(stranger.status).toBe('rejected');
      expect(valid).toMatchObject({ status: 'fulfilled', value: { email: 'ada@example.com' } });
    } finally {
      server.close();
    }
  });
});
