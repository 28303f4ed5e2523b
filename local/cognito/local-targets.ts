import type { Route, Router } from 'cognito-local/lib/server/Router.js';
import type { Services } from 'cognito-local/lib/services/index.js';
import { withUserSrpAuth } from './srp/user-srp-auth.ts';
import { refuseRevokedAccessTokens } from './targets/access-tokens.ts';
import { confirmSignUpAsCognito, enforcePasswordPolicy, unknownUserAsConfigured } from './targets/cognito-rules.ts';
import { GetTokensFromRefreshToken } from './targets/get-tokens-from-refresh-token.ts';
import { GlobalSignOut } from './targets/global-sign-out.ts';
import { ResendConfirmationCode } from './targets/resend-confirmation-code.ts';

/**
 * cognito-local's router with what this project adds: the operations it lacks and Amplify
 * calls (SRP sign-in, token refresh, resend code, global sign-out), and Cognito's rules where
 * cognito-local is laxer.
 */
export function withLocalTargets(router: Router, services: Services): Router {
  const added: Record<string, Route> = {
    GetTokensFromRefreshToken: GetTokensFromRefreshToken(services) as Route,
    ResendConfirmationCode: ResendConfirmationCode(services) as Route,
    GlobalSignOut: GlobalSignOut(services) as Route,
  };
  const stricter: Record<string, (route: Route) => Route> = {
    SignUp: enforcePasswordPolicy(services),
    ConfirmForgotPassword: enforcePasswordPolicy(services),
    AdminSetUserPassword: enforcePasswordPolicy(services),
    AdminCreateUser: enforcePasswordPolicy(services, 'TemporaryPassword'),
    ConfirmSignUp: confirmSignUpAsCognito(services),
    InitiateAuth: unknownUserAsConfigured(services),
  };
  const srp = withUserSrpAuth(router, services);
  const revocation = refuseRevokedAccessTokens(services);
  return (target) => added[target] ?? revocation(stricter[target]?.(srp(target)) ?? srp(target));
}
