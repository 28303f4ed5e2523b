import { describe, expect, it } from 'vitest';
import { passwordPolicyViolation } from './password-policy.ts';

const AWS_DEFAULT = { MinimumLength: 8, RequireUppercase: true, RequireLowercase: true, RequireNumbers: true, RequireSymbols: true };

describe('passwordPolicyViolation', () => {
  it("accepts a password that meets AWS's default policy", () => {
    expect(passwordPolicyViolation('Correct-Horse-1', AWS_DEFAULT)).toBeUndefined();
  });

  it.each([
    ['Sh0rt!', 'Password not long enough'],
    ['lower-only-1!', 'Password must have uppercase characters'],
    ['UPPER-ONLY-1!', 'Password must have lowercase characters'],
    ['No-Digits-Here!', 'Password must have numeric characters'],
    ['NoSymbols123', 'Password must have symbol characters'],
  ])('refuses %s: %s', (password, reason) => {
    expect(passwordPolicyViolation(password, AWS_DEFAULT)).toBe(`Password did not conform with policy: ${reason}`);
  });

  it('reports the length first, as Cognito does', () => {
    expect(passwordPolicyViolation('abc', AWS_DEFAULT)).toBe('Password did not conform with policy: Password not long enough');
  });

  it("counts a space and Cognito's other symbols as symbols", () => {
    for (const symbol of [' ', '^', '$', '=', '+', '-', '`', '~']) {
      expect(passwordPolicyViolation(`Abcdefg1${symbol}`, AWS_DEFAULT)).toBeUndefined();
    }
  });

  it('applies only the rules the pool sets', () => {
    expect(passwordPolicyViolation('abcdef', { MinimumLength: 6 })).toBeUndefined();
    expect(passwordPolicyViolation('abc', undefined)).toBeUndefined();
  });
});
