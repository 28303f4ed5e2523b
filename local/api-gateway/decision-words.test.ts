import { describe, expect, it } from 'vitest';
import { expiredWords, missingScopeWords, spanWords, unverifiedExp } from './decision-words.ts';

describe('decision words', () => {
  it('says a span of time as a person does', () => {
    expect(spanWords(40_000)).toBe('40 s');
    expect(spanWords(3 * 60_000 + 10_000)).toBe('3 min');
    expect(spanWords(2 * 3600_000)).toBe('2 h');
    expect(spanWords(4 * 86_400_000)).toBe('4 days');
  });

  it("tells how long ago a token expired, from its exp and the stack's clock", () => {
    const exp = 1_700_000_000;
    expect(expiredWords(exp, exp * 1000 + 180_000)).toBe('the token expired 3 min ago');
    expect(expiredWords(undefined, Date.now())).toBe('the token expired');
  });

  it("reads a token's exp without verifying it, with or without Bearer", () => {
    const payload = Buffer.from(JSON.stringify({ exp: 42 })).toString('base64url');
    expect(unverifiedExp(`Bearer h.${payload}.s`)).toBe(42);
    expect(unverifiedExp(`h.${payload}.s`)).toBe(42);
    expect(unverifiedExp('not-a-jwt')).toBeUndefined();
    expect(unverifiedExp('h.%%%.s')).toBeUndefined();
  });

  it('names the missing scopes', () => {
    expect(missingScopeWords(['orders/read'])).toBe('scope orders/read missing');
    expect(missingScopeWords(['orders/read', 'orders/write'])).toBe('scopes orders/read or orders/write missing');
  });
});
