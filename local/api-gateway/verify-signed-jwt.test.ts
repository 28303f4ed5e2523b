import { generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { describe, expect, it } from 'vitest';
import { JwksUnavailableError, UnknownKidError } from './jwks-key-source.ts';
import { type JwtFault, JwtFaultError, type SignaturePolicy, verifySignedJwt } from './verify-signed-jwt.ts';

const pem = () =>
  generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
const issuerKey = pem();
const strangerKey = pem();
const ISSUER = 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Pool12345';
const NOW = 1_796_000_000;

const policy = (extra: Partial<SignaturePolicy> = {}): SignaturePolicy => ({
  algorithms: ['RS256'],
  issuer: ISSUER,
  jwksUri: `${ISSUER}/.well-known/jwks.json`,
  signingKey: async (kid) => {
    if (kid !== 'k1') throw new UnknownKidError(`no key ${kid}`);
    return issuerKey.publicKey;
  },
  at: () => NOW,
  ...extra,
});

interface Signing {
  readonly key?: string;
  /** null: no kid in the header. */
  readonly kid?: string | null;
  readonly algorithm?: jwt.Algorithm;
}

/** A token of the issuer's, with `claims` over the usual ones (an `exp` of null: none). */
function token(
  claims: Record<string, unknown> = {},
  { key = issuerKey.privateKey, kid = 'k1', algorithm = 'RS256' }: Signing = {},
): string {
  const payload: Record<string, unknown> = { iss: ISSUER, iat: NOW - 10, exp: NOW + 3600, ...claims };
  if (payload.exp === null) delete payload.exp;
  return jwt.sign(payload, key, { algorithm, ...(kid !== null && { keyid: kid }) });
}

async function faultOf(tokenText: string, used = policy()): Promise<JwtFault | undefined> {
  try {
    await verifySignedJwt(tokenText, used);
    return undefined;
  } catch (error) {
    if (!(error instanceof JwtFaultError)) throw error;
    return error.fault;
  }
}

describe('verifySignedJwt, the core of both JWT authorizers', () => {
  it('gives back the payload of a token the issuer signed, with its exp', async () => {
    expect(await verifySignedJwt(token({ sub: 'ada' }), policy())).toMatchObject({ sub: 'ada', iss: ISSUER, exp: NOW + 3600 });
  });

  const refused: Array<[string, () => string, JwtFault]> = [
    ['not a JWT', () => 'not-a-jwt', 'malformed'],
    ['an algorithm the policy does not take', () => token({}, { key: 'a shared secret', algorithm: 'HS256' }), 'algorithm'],
    ['no kid', () => token({}, { kid: null }), 'kid'],
    ['a kid the JWKS does not have', () => token({}, { kid: 'k9' }), 'kid'],
    ['a signature by another key', () => token({}, { key: strangerKey.privateKey }), 'signature'],
    ['another issuer', () => token({ iss: 'https://example.com/other' }), 'issuer'],
    ['no exp', () => token({ exp: null }), 'no-exp'],
    ['an exp past, when the policy gives the time', () => token({ exp: NOW - 1 }), 'expired'],
  ];
  it.each(refused)('refuses %s', async (_case, make, fault) => {
    expect(await faultOf(make())).toBe(fault);
  });

  it("leaves the times to the caller when the policy gives none (the HTTP API's authorizer checks them per request)", async () => {
    expect(await faultOf(token({ exp: NOW - 1 }), policy({ at: undefined }))).toBeUndefined();
  });

  it('tells a JWKS that cannot be read apart from an unknown kid, keeping its error', async () => {
    const unavailable = new JwksUnavailableError('the JWKS answered 503');
    const error = await verifySignedJwt(token(), policy({ signingKey: () => Promise.reject(unavailable) })).catch((caught) => caught);
    expect(error).toMatchObject({ fault: 'jwks', cause: unavailable });
  });
});
