import { notEmulated } from './cognito-answers.ts';
import { CognitoError, type Router, UnsupportedError } from './cognito-local.ts';

/**
 * Cognito's answer to a failure of its own: 500 `{"__type":"InternalErrorException",…}`.
 * cognito-local sends an unexpected error as `res.status(500).json(error)`, which for an Error
 * is `{}`; this one serialises as Cognito's body.
 */
export class InternalErrorException extends Error {
  override name = 'InternalErrorException';

  toJSON(): Record<string, string> {
    return { __type: 'InternalErrorException', message: 'Internal server error.' };
  }
}

/** What the emulator answers for what it cannot do (cognito-local's "unsupported feature"). */
export { UNSUPPORTED } from './cognito-answers.ts';

/**
 * The emulator's own limits and failures, answered so that no client input gets a 5xx:
 * - what cognito-local does not emulate (an operation, `AuthFlow=USER_AUTH`, ForgotPassword
 *   for a user without an email…) is a 400 `CognitoLocal#Unsupported` rather than its 500,
 *   which the AWS SDKs retry three times for nothing; the terminal says what was missing;
 * - any other failure is a bug of the emulator (malformed input is refused before, by
 *   aws-json-protocol.ts): Cognito's InternalErrorException, with the real error in the terminal.
 */
export function withEmulatorErrors(router: Router, log: (message: string) => void = console.error): Router {
  return translateRouteErrors(router, (target, error) => {
    if (error instanceof CognitoError) return error;
    if (error instanceof UnsupportedError) {
      log(`[cognito] ${target}: not emulated: ${error.message}`);
      return notEmulated(error.message);
    }
    log(`[cognito] ${target} failed: ${(error as Error)?.stack ?? String(error)}`);
    return new InternalErrorException((error as Error)?.message, { cause: error });
  });
}

/** A router whose routes' failures are what `translate` makes of them (given the operation). */
export function translateRouteErrors(router: Router, translate: (target: string, error: unknown) => unknown): Router {
  return (target) => {
    const route = router(target);
    return async (ctx, req) => {
      try {
        return await route(ctx, req);
      } catch (error) {
        throw translate(target, error);
      }
    };
  };
}
