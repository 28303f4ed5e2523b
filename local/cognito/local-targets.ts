import type { Route, Router, Services } from './cognito-local.ts';
import { withSignIn } from './sign-in/sign-in-router.ts';
import { refuseRevokedAccessTokens } from './targets/access-tokens.ts';
import { AddCustomAttributes, refuseRequiredCustomSchema } from './targets/add-custom-attributes.ts';
import {
  enforceClientWriteAttributes,
  enforceSchemaOnCreate,
  enforceSchemaOnUpdate,
  readableUserAttributes,
} from './targets/attribute-rules.ts';
import { requireClientSecret, requireSecretHash } from './targets/client-secret-rules.ts';
import {
  confirmSignUpAsCognito,
  enforcePasswordPolicy,
  refuseSelfSignUpWhenAdminOnly,
  unknownUserAsConfigured,
} from './targets/cognito-rules.ts';
import { GetTokensFromRefreshToken } from './targets/get-tokens-from-refresh-token.ts';
import { GlobalSignOut } from './targets/global-sign-out.ts';
import { ResendConfirmationCode } from './targets/resend-confirmation-code.ts';
import { runPreSignUpForAdminCreateUser } from './triggers/admin-create-user-trigger.ts';
import { runPreAuthentication } from './triggers/authentication-triggers.ts';
import { withCustomAuth } from './triggers/custom-auth.ts';
import type { PoolTriggers } from './triggers/pool-triggers.ts';
import { refuseUnemulatedTriggers } from './triggers/refuse-unemulated-triggers.ts';
import { migrateOnForgotPassword, migrateOnSignIn } from './triggers/user-migration-targets.ts';

type Wrapper = (route: Route) => Route;

/**
 * cognito-local's router with what this project adds: the operations it lacks and Amplify
 * calls (sign-in and its challenges, token refresh, resend code, global sign-out), Cognito's rules where
 * cognito-local is laxer, and the pool's triggers where cognito-local runs none.
 */
export function withLocalTargets(router: Router, services: Services, triggers: PoolTriggers): Router {
  const added: Record<string, Route> = {
    AddCustomAttributes: AddCustomAttributes(services) as Route,
    GetTokensFromRefreshToken: GetTokensFromRefreshToken(services) as Route,
    ResendConfirmationCode: ResendConfirmationCode(services) as Route,
    GlobalSignOut: GlobalSignOut(services) as Route,
  };
  // Each operation's rules, checked in this order (the first rule broken answers).
  const secretHash = (target: string) => requireSecretHash(services, target);
  const stricter: Record<string, readonly Wrapper[]> = {
    CreateUserPool: [refuseRequiredCustomSchema(), refuseUnemulatedTriggers()],
    UpdateUserPool: [refuseUnemulatedTriggers()],
    SignUp: [
      secretHash('SignUp'),
      refuseSelfSignUpWhenAdminOnly(services),
      enforceSchemaOnCreate(services),
      enforceClientWriteAttributes(services),
      enforcePasswordPolicy(services),
    ],
    ResendConfirmationCode: [secretHash('ResendConfirmationCode')],
    ForgotPassword: [secretHash('ForgotPassword'), migrateOnForgotPassword(services, triggers)],
    ConfirmForgotPassword: [secretHash('ConfirmForgotPassword'), enforcePasswordPolicy(services)],
    AdminSetUserPassword: [enforcePasswordPolicy(services)],
    AdminCreateUser: [
      enforceSchemaOnCreate(services),
      enforcePasswordPolicy(services, 'TemporaryPassword'),
      runPreSignUpForAdminCreateUser(services, triggers),
    ],
    UpdateUserAttributes: [enforceSchemaOnUpdate(services), enforceClientWriteAttributes(services)],
    AdminUpdateUserAttributes: [enforceSchemaOnUpdate(services)],
    GetUser: [readableUserAttributes(services)],
    ConfirmSignUp: [secretHash('ConfirmSignUp'), confirmSignUpAsCognito(services)],
    InitiateAuth: [
      secretHash('InitiateAuth'),
      migrateOnSignIn(services, triggers),
      unknownUserAsConfigured(services),
      runPreAuthentication(services, triggers),
    ],
    AdminInitiateAuth: [migrateOnSignIn(services, triggers), runPreAuthentication(services, triggers)],
    RespondToAuthChallenge: [secretHash('RespondToAuthChallenge')],
    GetTokensFromRefreshToken: [requireClientSecret(services)],
  };
  const signIn = withCustomAuth(withSignIn(router, services), services, triggers);
  const revocation = refuseRevokedAccessTokens(services);
  return (target) => {
    const rules = stricter[target] ?? [];
    const own = added[target];
    return own ? withRules(own, rules) : revocation(withRules(signIn(target), rules));
  };
}

/** `route` behind `rules`, the first of them checked first. */
function withRules(route: Route, rules: readonly Wrapper[]): Route {
  return rules.reduceRight((inner, rule) => rule(inner), route);
}
