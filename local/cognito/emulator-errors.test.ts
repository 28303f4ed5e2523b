import { CognitoError, type Router, UnsupportedError } from './cognito-local.ts';
import { describe, expect, it } from 'vitest';
import { InternalErrorException, UNSUPPORTED, withEmulatorErrors } from './emulator-errors.ts';

/** A router whose every target fails with `error`. */
const failingWith =
  (error: unknown): Router =>
  () =>
  async () => {
    throw error;
  };

async function errorFrom(router: Router): Promise<unknown> {
  try {
    await router('InitiateAuth')({ logger: {} as never }, {});
  } catch (error) {
    return error;
  }
  throw new Error('the route did not fail');
}

describe('withEmulatorErrors', () => {
  it("passes Cognito's errors through untouched", async () => {
    const original = new CognitoError('NotAuthorizedException', 'Incorrect username or password.');
    expect(await errorFrom(withEmulatorErrors(failingWith(original), () => {}))).toBe(original);
  });

  it('answers what cognito-local does not emulate as a Cognito error (a 400), saying what was missing', async () => {
    const logged: string[] = [];
    const error = await errorFrom(
      withEmulatorErrors(failingWith(new UnsupportedError('InitAuth with AuthFlow=USER_AUTH')), (line) => logged.push(line)),
    );
    expect(error).toBeInstanceOf(CognitoError);
    expect(error).toMatchObject({ code: UNSUPPORTED, message: 'Cognito Local unsupported feature: InitAuth with AuthFlow=USER_AUTH' });
    expect(logged).toEqual(['[cognito] InitiateAuth: not emulated: InitAuth with AuthFlow=USER_AUTH']);
  });

  it("answers any other failure as Cognito's InternalErrorException, and logs the real error", async () => {
    const logged: string[] = [];
    const error = await errorFrom(
      withEmulatorErrors(failingWith(new TypeError("Cannot read properties of undefined (reading 'x')")), (line) => logged.push(line)),
    );
    expect(error).toBeInstanceOf(InternalErrorException);
    // cognito-local answers such errors with res.status(500).json(error).
    expect(JSON.parse(JSON.stringify(error))).toEqual({ __type: 'InternalErrorException', message: 'Internal server error.' });
    expect(logged[0]).toContain("TypeError: Cannot read properties of undefined (reading 'x')");
  });
});
