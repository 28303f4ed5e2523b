import { confirmForgotPasswordHandler, confirmHandler, forgotPasswordHandler, resendCodeHandler } from './code-handlers.ts';
import type { ManagedLoginDeps } from './managed-login-deps.ts';
import type { PageHandler, SignedIn } from './page-types.ts';
import { PAGE_PATHS } from './pages/page-paths.ts';
import { signUpHandler } from './sign-up-handler.ts';

/**
 * The managed login's account pages by Cognito's paths: sign-up, its confirmation and a new code,
 * a forgotten password and its reset. Each calls the JSON API's operation through deps.router, so
 * the pool's rules and triggers hold (password policy, PreSignUp, CustomMessage, PostConfirmation,
 * PreventUserExistenceErrors); the codes are in the dev inbox.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/managed-login-endpoints.html
 */
export function accountPages(deps: ManagedLoginDeps, signedIn: SignedIn): Record<string, PageHandler> {
  const confirmForgotPassword = confirmForgotPasswordHandler(deps);
  return {
    [PAGE_PATHS.signUp]: signUpHandler(deps, signedIn),
    [PAGE_PATHS.confirm]: confirmHandler(deps, signedIn),
    [PAGE_PATHS.resendCode]: resendCodeHandler(deps),
    [PAGE_PATHS.forgotPassword]: forgotPasswordHandler(deps),
    [PAGE_PATHS.confirmForgotPassword]: confirmForgotPassword,
    // The developer guide writes the path /confirmforgotPassword; apps and tests also write it camel-cased.
    '/confirmForgotPassword': confirmForgotPassword,
  };
}
