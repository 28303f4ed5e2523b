import { CognitoError, type UserPool } from '../cognito-local.ts';
import { describe, expect, it } from 'vitest';
import { refuseSelfSignUp, refuseWeakPassword } from './cognito-rules.ts';

type PasswordPolicy = NonNullable<UserPool['Policies']>['PasswordPolicy'];

const AWS_DEFAULT_POLICY = { MinimumLength: 8, RequireUppercase: true, RequireLowercase: true, RequireNumbers: true, RequireSymbols: true };
const poolWith = (policy?: PasswordPolicy): UserPool => ({ Id: 'local_Pool1', ...(policy && { Policies: { PasswordPolicy: policy } }) });

/** What `check` throws, or undefined. */
function thrown(check: () => void): CognitoError | undefined {
  try {
    check();
  } catch (error) {
    return error as CognitoError;
  }
  return undefined;
}

describe('refuseWeakPassword', () => {
  it.each([
    ['Sh0rt!', 'Password did not conform with policy: Password not long enough'],
    ['lower-only-1!', 'Password did not conform with policy: Password must have uppercase characters'],
    ['NoSymbols123', 'Password did not conform with policy: Password must have symbol characters'],
    ['', 'Password did not conform with policy: Password not long enough'],
  ])("refuses %j with Cognito's InvalidPasswordException and message", (password, message) => {
    const error = thrown(() => refuseWeakPassword(poolWith(AWS_DEFAULT_POLICY), password));
    expect([error?.code, error?.message]).toEqual(['InvalidPasswordException', message]);
  });

  it('takes a password that meets the policy, and any password in a pool without one', () => {
    expect(thrown(() => refuseWeakPassword(poolWith(AWS_DEFAULT_POLICY), 'Correct-Horse-1'))).toBeUndefined();
    expect(thrown(() => refuseWeakPassword(poolWith(), 'abc'))).toBeUndefined();
  });
});

describe('refuseSelfSignUp', () => {
  it('refuses SignUp on a pool where only administrators create users, as Cognito does', () => {
    let error: unknown;
    try {
      refuseSelfSignUp({ Id: 'local_Pool1', AdminCreateUserConfig: { AllowAdminCreateUserOnly: true } });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CognitoError);
    expect((error as CognitoError).code).toBe('NotAuthorizedException');
    expect((error as CognitoError).message).toBe('SignUp is not permitted for this user pool');
  });

  it('lets SignUp through on a pool that allows it', () => {
    expect(() => refuseSelfSignUp({ Id: 'local_Pool1', AdminCreateUserConfig: { AllowAdminCreateUserOnly: false } })).not.toThrow();
  });
});
