import { accountAlreadyExists, incorrectUsernameOrPassword, verificationCodeExpired, verificationCodeMismatch } from './cognito-answers.ts';
import { CognitoError, type Router } from './cognito-local.ts';

/** An error cognito-local raises, keyed `<target>:<__type>`, and what Cognito answers instead. */
const COGNITO_ANSWERS: Readonly<Record<string, () => CognitoError>> = {
  // cognito-local tells a wrong password apart; Cognito does not.
  'InitiateAuth:InvalidPasswordException': incorrectUsernameOrPassword,
  'SignUp:UsernameExistsException': accountAlreadyExists,
  'ConfirmSignUp:CodeMismatchException': verificationCodeMismatch,
  'ConfirmSignUp:ExpiredCodeException': verificationCodeExpired,
};

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

/** Rewrites cognito-local's errors that Cognito names or words differently (docs/aws-behaviour.md). */
export function withCognitoErrors(router: Router): Router {
  return translateRouteErrors(router, (target, error) => {
    const answer = error instanceof CognitoError ? COGNITO_ANSWERS[`${target}:${error.code}`] : undefined;
    return answer ? answer() : error;
  });
}
