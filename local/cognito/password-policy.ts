import type { PasswordPolicyType } from '@aws-sdk/client-cognito-identity-provider';

/** Cognito's own definition of a symbol character in a password. */
const SYMBOLS = /[\^$*.[\]{}()?"!@#%&/\\,><':;|_~`=+\- ]/;

/**
 * Why `password` fails the pool's policy, in Cognito's words
 * ("Password did not conform with policy: …"), or undefined when it passes.
 */
export function passwordPolicyViolation(password: string, policy: PasswordPolicyType | undefined): string | undefined {
  if (!policy) return undefined;
  const rules: ReadonlyArray<readonly [broken: boolean, reason: string]> = [
    [password.length < (policy.MinimumLength ?? 8), 'Password not long enough'],
    [Boolean(policy.RequireUppercase) && !/[A-Z]/.test(password), 'Password must have uppercase characters'],
    [Boolean(policy.RequireLowercase) && !/[a-z]/.test(password), 'Password must have lowercase characters'],
    [Boolean(policy.RequireNumbers) && !/[0-9]/.test(password), 'Password must have numeric characters'],
    [Boolean(policy.RequireSymbols) && !SYMBOLS.test(password), 'Password must have symbol characters'],
  ];
  const broken = rules.find(([isBroken]) => isBroken);
  return broken && `Password did not conform with policy: ${broken[1]}`;
}
