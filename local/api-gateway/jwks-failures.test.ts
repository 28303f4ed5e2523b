// The authorizer's key fetching against a misbehaving JWKS endpoint on loopback: it fails closed,
// quickly, and refetches keys sparingly.
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import jwt from 'jsonwebtoken';
import { describe, expect, test } from 'vitest';
import { createCognitoTokenVerifier, TokenRejectedError } from './verify-cognito-token.ts';

const ISSUER = 'http://127.0.0.1:9/local_TestPool';

function keyPair(kid: string) {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...(publicKey as KeyObject).export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' };
  const token = () =>
    jwt.sign({ token_use: 'id', email: 'ada@example.com', iss: ISSUER, exp: Math.floor(Date.now() / 1000) + 600 }, privateKey, {
      algorithm: 'RS256',
      keyid: kid,
    });
  return { jwk, token };
}

/** A JWKS endpoint on loopback whose answer the test decides; counts the requests. */
async function jwksServer(answer: (response: http.ServerResponse) => void) {
  let requests = 0;
  const server = http.createServer((_request, response) => {
    requests += 1;
    answer(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    uri: `http://127.0.0.1:${port}/local_TestPool/.well-known/jwks.json`,
    requests: () => requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function rejectionOf(promise: Promise<unknown>): Promise<{ error: unknown; ms: number }> {
  const started = Date.now();
  try {
    await promise;
  } catch (error) {
    return { error, ms: Date.now() - started };
  }
  throw new Error('the token was accepted');
}

// A JWKS endpoint that never answers costs the verifier its 3 s timeout.
describe('the verifier against a misbehaving JWKS endpoint', { timeout: 15_000 }, () => {
  test('a JWKS endpoint that refuses connections: refused, fast', async () => {
    const verify = createCognitoTokenVerifier({ issuer: ISSUER, jwksUri: 'http://127.0.0.1:9/local_TestPool/.well-known/jwks.json' });
    const { error, ms } = await rejectionOf(verify(keyPair('k1').token()));
    expect(error).toBeInstanceOf(TokenRejectedError);
    expect(ms).toBeLessThan(4000);
  });

  test('a JWKS endpoint that never answers: refused within the 3 s timeout', async () => {
    const server = await jwksServer(() => {});
    try {
      const verify = createCognitoTokenVerifier({ issuer: ISSUER, jwksUri: server.uri });
      const { error, ms } = await rejectionOf(verify(keyPair('k1').token()));
      expect(error).toBeInstanceOf(TokenRejectedError);
      expect(ms).toBeLessThan(5000);
    } finally {
      await server.close();
    }
  });

  test('a malformed JWKS: refused', async () => {
    const server = await jwksServer((response) => response.end('{"keys": "not a list"'));
    try {
      const verify = createCognitoTokenVerifier({ issuer: ISSUER, jwksUri: server.uri });
      const { error } = await rejectionOf(verify(keyPair('k1').token()));
      expect(error).toBeInstanceOf(TokenRejectedError);
    } finally {
      await server.close();
    }
  });

  test('keys are fetched once, even by concurrent requests, and unknown kids refetch the JWKS at most once per 10 s', async () => {
    const first = keyPair('k1');
    const server = await jwksServer((response) => response.end(JSON.stringify({ keys: [first.jwk] })));
    try {
      const verify = createCognitoTokenVerifier({ issuer: ISSUER, jwksUri: server.uri });
      await Promise.all([verify(first.token()), verify(first.token()), verify(first.token())]);
      await verify(first.token());
      expect(server.requests()).toBe(1);

      const stranger = keyPair('k3');
      for (let attempt = 0; attempt < 20; attempt += 1) {
        await expect(verify(stranger.token())).rejects.toBeInstanceOf(TokenRejectedError);
      }
      expect(server.requests()).toBe(1);
      await expect(verify(first.token())).resolves.toMatchObject({ email: 'ada@example.com' });
    } finally {
      await server.close();
    }
  });

  test('a key rotated into the JWKS is picked up by the next refetch', async () => {
    const first = keyPair('k1');
    const second = keyPair('k2');
    let published = [first.jwk];
    const server = await jwksServer((response) => response.end(JSON.stringify({ keys: published })));
    try {
      // No wait between refetches, so that the test need not sleep 10 s.
      const verify = createCognitoTokenVerifier({ issuer: ISSUER, jwksUri: server.uri, jwksRefetchIntervalMs: 0 });
      await verify(first.token());
      published = [first.jwk, second.jwk];
      await expect(verify(second.token())).resolves.toMatchObject({ email: 'ada@example.com' });
      expect(server.requests()).toBe(2);
      await expect(verify(first.token())).resolves.toMatchObject({ email: 'ada@example.com' });
      expect(server.requests()).toBe(2);
    } finally {
      await server.close();
    }
  });
});
