import { describe, expect, it } from 'vitest';
import { totpCode } from './totp.ts';

describe('totpCode', () => {
  // RFC 6238 appendix B's SHA-1 vectors: the secret "12345678901234567890" (base32 below), 8 digits
  // there; the last 6 of them here, which is what dynamic truncation modulo 10^6 gives.
  const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
  it.each([
    [59, '287082'],
    [1111111109, '081804'],
    [1234567890, '005924'],
    [2000000000, '279037'],
  ])('at %i s gives %s', (seconds, code) => {
    expect(totpCode(secret, seconds * 1000)).toBe(code);
  });
});
