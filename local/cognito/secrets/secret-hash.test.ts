import { describe, expect, it } from 'vitest';
import { isSecretHashOf, secretHash } from './secret-hash.ts';

describe('secretHash', () => {
  it('is Base64 of HMAC-SHA256 keyed by the secret over username + client id', () => {
    // openssl: printf 'ada@example.comclient-1' | openssl sha256 -binary -mac HMAC -macopt key:s3cret | base64
    expect(secretHash('s3cret', 'ada@example.com', 'client-1')).toBe('0e+o99mUuwPBKwRSYu13pOzpR1IMEKaAUbWBOGSyLHE=');
  });
});

describe('isSecretHashOf', () => {
  const hash = secretHash('s3cret', 'ada@example.com', 'client-1');
  it('accepts the hash of any of the names', () => {
    expect(isSecretHashOf(hash, 's3cret', 'client-1', ['0a1b', 'ada@example.com'])).toBe(true);
  });
  it('refuses a hash made with another secret, client or name', () => {
    expect(isSecretHashOf(hash, 'other', 'client-1', ['ada@example.com'])).toBe(false);
    expect(isSecretHashOf(hash, 's3cret', 'client-2', ['ada@example.com'])).toBe(false);
    expect(isSecretHashOf(hash, 's3cret', 'client-1', ['bob@example.com'])).toBe(false);
    expect(isSecretHashOf('short', 's3cret', 'client-1', ['ada@example.com'])).toBe(false);
  });
});
