import { describe, expect, it } from 'vitest';
import { secretHash } from '../secrets/secret-hash.ts';
import { appClient } from '../testing/fake-cognito.ts';
import { refuseWrongClientSecret, refuseWrongSecretHash } from './client-secret-rules.ts';

// The operations' own tests check that each calls these with its hash and names (SignUp's
// SecretHash over Username, sign-in's AuthParameters.SECRET_HASH over USERNAME or the refresh
// token's user: operations/sign-in-gates.test.ts).
const SECRET = 'the-client-secret';
const withSecret = appClient('secret-client', { ClientSecret: SECRET });
const withoutSecret = appClient('public-client');
const hashOf = (username: string, clientId = 'secret-client') => secretHash(SECRET, username, clientId);
const thrown = (check: () => void) => {
  try {
    check();
  } catch (error) {
    return error as { code: string; message: string };
  }
  throw new Error('expected the check to refuse');
};

describe('refuseWrongSecretHash', () => {
  it('tells a client with a secret that no hash (or an empty one) was received', () => {
    for (const hash of [undefined, '']) {
      const error = thrown(() => refuseWrongSecretHash(withSecret, hash, ['ada@example.com']));
      expect([error.code, error.message]).toEqual([
        'NotAuthorizedException',
        'Client secret-client is configured with secret but SECRET_HASH was not received',
      ]);
    }
  });

  it("cannot verify the hash of another name, or another client's", () => {
    for (const hash of [hashOf('bob@example.com'), hashOf('ada@example.com', 'public-client')]) {
      const error = thrown(() => refuseWrongSecretHash(withSecret, hash, ['ada@example.com']));
      expect([error.code, error.message]).toEqual(['NotAuthorizedException', 'Unable to verify secret hash for client secret-client']);
    }
  });

  it('takes the hash of any of the names given (a refresh: the username or the sub), and only checks presence without names', () => {
    expect(() => refuseWrongSecretHash(withSecret, hashOf('the-sub'), ['ada', 'the-sub'])).not.toThrow();
    expect(() => refuseWrongSecretHash(withSecret, 'anything', [])).not.toThrow();
  });

  it('refuses a hash sent for a client without a secret, and lets it through without one', () => {
    const error = thrown(() => refuseWrongSecretHash(withoutSecret, hashOf('ada@example.com', 'public-client'), ['ada@example.com']));
    expect([error.code, error.message]).toEqual([
      'InvalidParameterException',
      'App client public-client is not configured for secret but secret hash was received',
    ]);
    expect(() => refuseWrongSecretHash(withoutSecret, undefined, ['ada@example.com'])).not.toThrow();
  });
});

describe('refuseWrongClientSecret', () => {
  it("GetTokensFromRefreshToken needs the client's secret itself", () => {
    expect(thrown(() => refuseWrongClientSecret(withSecret, undefined)).message).toBe(
      'Client secret-client is configured with secret but SECRET_HASH was not received',
    );
    expect(thrown(() => refuseWrongClientSecret(withSecret, 'not-it')).message).toBe(
      'Unable to verify secret hash for client secret-client',
    );
    expect(thrown(() => refuseWrongClientSecret(withoutSecret, 'a-secret')).code).toBe('InvalidParameterException');
    expect(() => refuseWrongClientSecret(withSecret, SECRET)).not.toThrow();
    expect(() => refuseWrongClientSecret(withoutSecret, undefined)).not.toThrow();
  });
});
