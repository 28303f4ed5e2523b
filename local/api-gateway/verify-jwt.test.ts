import { generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { describe, expect, it, vi } from 'vitest';
import { JwtRejectedError } from './jwt-refusals.ts';
import { createJwtVerifier } from './verify-jwt.ts';

const ISSUER = 'http://127.0.0.1:9229/local_AbCdEf12';
const { publicKey, privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});
const nowSeconds = () => Math.floor(Date.now() / 1000);
const sign = (claims: object) => jwt.sign(claims, privateKey, { algorithm: 'RS256', keyid: 'k1' });

function verifier() {
  const getSigningKey = vi.fn(async () => publicKey);
  return { verify: createJwtVerifier({ issuer: ISSUER, jwksUri: `${ISSUER}/.well-known/jwks.json`, getSigningKey }), getSigningKey };
}

describe('createJwtVerifier', () => {
  it('gives the payload, the claims as strings and the scopes of a genuine token', async () => {
    const exp = nowSeconds() + 600;
    const { verify } = verifier();
    await expect(verify(sign({ iss: ISSUER, exp, scope: 'a b', 'cognito:groups': ['g'] }))).resolves.toEqual({
      payload: expect.objectContaining({ iss: ISSUER, exp }),
      claims: expect.objectContaining({ exp: String(exp), 'cognito:groups': '[g]' }),
      scopes: ['a', 'b'],
    });
  });

  it('leaves times to the route: an expired token still verifies here', async () => {
    await expect(verifier().verify(sign({ iss: ISSUER, exp: nowSeconds() - 60, nbf: nowSeconds() + 60 }))).resolves.toBeDefined();
  });

  it('remembers a verified token, and not a refused one', async () => {
    const { verify, getSigningKey } = verifier();
    const token = sign({ iss: ISSUER, exp: nowSeconds() + 600 });
    await verify(token);
    await verify(token);
    expect(getSigningKey).toHaveBeenCalledTimes(1);
    const stranger = sign({ iss: 'https://elsewhere', exp: nowSeconds() + 600 });
    await expect(verify(stranger)).rejects.toBeInstanceOf(JwtRejectedError);
    await expect(verify(stranger)).rejects.toBeInstanceOf(JwtRejectedError);
    expect(getSigningKey).toHaveBeenCalledTimes(3);
  });

  it('refuses a JSON payload that is not an object', async () => {
    const token = jwt.sign('"just a string"', privateKey, { algorithm: 'RS256', keyid: 'k1' });
    await expect(verifier().verify(token)).rejects.toMatchObject({ description: 'the token is malformed' });
  });
});
