import { CognitoError, type Router, UnsupportedError } from './cognito-local.ts';
import { describe, expect, it } from 'vitest';
import { withCognitoErrors } from './cognito-errors.ts';

/** A router whose every target fails with `error`. */
const failingWith =
  (error: Error): Router =>
  () =>
  async () => {
    throw error;
  };

async function errorFrom(router: Router, target: string): Promise<CognitoError> {
  try {
    await router(target)({ logger: {} as never }, {});
  } catch (error) {
    return error as CognitoError;
  }
  throw new Error('the route did not fail');
}

describe('withCognitoErrors', () => {
  it('answers a wrong password as Cognito does', async () => {
    const error = await errorFrom(
      withCognitoErrors(failingWith(new CognitoError('InvalidPasswordException', 'Invalid password'))),
      'InitiateAuth',
    );
    expect(error).toBeInstanceOf(CognitoError);
    expect(error.code).toBe('NotAuthorizedException');
    expect(error.message).toBe('Incorrect username or password.');
  });

  it("answers a wrong confirmation code with Cognito's message", async () => {
    const error = await errorFrom(
      withCognitoErrors(failingWith(new CognitoError('CodeMismatchException', 'Incorrect confirmation code'))),
      'ConfirmSignUp',
    );
    expect(error.code).toBe('CodeMismatchException');
    expect(error.message).toBe('Invalid verification code provided, please try again.');
  });

  it('leaves the same error from another operation alone', async () => {
    const original = new CognitoError('InvalidPasswordException', 'Password did not conform with policy');
    expect(await errorFrom(withCognitoErrors(failingWith(original)), 'SignUp')).toBe(original);
  });

  it('passes unsupported operations through untouched', async () => {
    const original = new UnsupportedError('USER_SRP_AUTH');
    expect(await errorFrom(withCognitoErrors(failingWith(original)), 'InitiateAuth')).toBe(original);
  });

  it('returns what the operation returns when it succeeds', async () => {
    const router: Router = () => async () => ({ UserSub: 'abc' });
    expect(await withCognitoErrors(router)('SignUp')({ logger: {} as never }, {})).toEqual({ UserSub: 'abc' });
  });
});
