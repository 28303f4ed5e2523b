import type { Route, Router, Services, Wrapper } from './cognito-local.ts';
import { confirmForgotPassword } from './operations/confirm-forgot-password.ts';
import { confirmSignUp } from './operations/confirm-sign-up.ts';
import { forgotPassword } from './operations/forgot-password.ts';
import { resendConfirmationCode } from './operations/resend-confirmation-code.ts';
import { signUp } from './operations/sign-up.ts';
import { adminCreateUser } from './operations/admin-create-user.ts';
import { getUser } from './operations/get-user.ts';
import { updateUserAttributes } from './operations/update-user-attributes.ts';
import { withSignIn } from './sign-in/sign-in-router.ts';
import { refuseRevokedAccessTokens } from './targets/access-tokens.ts';
import { enforceExplicitAuthFlows, refuseMixedExplicitAuthFlows } from './targets/auth-flow-rules.ts';
import { AddCustomAttributes, refuseRequiredCustomSchema } from './targets/add-custom-attributes.ts';
import { AdminUserGlobalSignOut } from './targets/admin-user-global-sign-out.ts';
import { adminUserAsCognito } from './targets/admin-users.ts';
import { enforceSchemaOnUpdate } from './targets/attribute-rules.ts';
import { ChangePassword } from './targets/change-password.ts';
import { CreateUserPool } from './targets/create-user-pool.ts';
import { requireClientSecret, requireSecretHash } from './targets/client-secret-rules.ts';
import { refuseDisabledUsersOnRefresh } from './targets/disabled-users.ts';
import { AdminDisableUser } from './targets/admin-disable-user.ts';
import { AdminEnableUser } from './targets/admin-enable-user.ts';
import { enforcePasswordPolicy } from './targets/cognito-rules.ts';
import { deviceOperations, refuseDeviceTracking } from './targets/devices.ts';
import { GetTokensFromRefreshToken } from './targets/get-tokens-from-refresh-token.ts';
import { GetUserAttributeVerificationCode } from './targets/get-user-attribute-verification-code.ts';
import { GlobalSignOut } from './targets/global-sign-out.ts';
import { maskDestinations } from './targets/masked-destinations.ts';
import { keepRefreshTokenRotation } from './targets/refresh-token-rotation-setting.ts';
import { RevokeToken } from './targets/revoke-token.ts';
import { refuseTotpSetupWithoutPoolTotp, requireVerifiedSoftwareToken } from './targets/totp-setup-rules.ts';
import { runPreAuthentication } from './triggers/authentication-triggers.ts';
import { withCustomAuth } from './sign-in/custom-auth.ts';
import type { PoolTriggers } from './triggers/pool-triggers.ts';
import { refuseUnemulatedTriggers } from './triggers/refuse-unemulated-triggers.ts';
import { migrateOnSignIn } from './triggers/user-migration-targets.ts';

/**
 * cognito-local's router with what this project adds: the operations it lacks and Amplify
 * calls (sign-in and its challenges, token refresh, resend code, global sign-out), Cognito's rules where
 * cognito-local is laxer, and the pool's triggers where cognito-local runs none.
 */
export function withLocalTargets(router: Router, services: Services, triggers: PoolTriggers): Router {
  // The operations we own (operations/): their rules are inside them.
  const deps = { ...services, triggers };
  const added: Record<string, Route> = {
    SignUp: (ctx, req) => signUp(deps, ctx, req),
    ConfirmSignUp: (ctx, req) => confirmSignUp(deps, ctx, req),
    ForgotPassword: (ctx, req) => forgotPassword(deps, ctx, req),
    ConfirmForgotPassword: (ctx, req) => confirmForgotPassword(deps, ctx, req),
    ResendConfirmationCode: (ctx, req) => resendConfirmationCode(deps, ctx, req),
    AdminCreateUser: (ctx, req) => adminCreateUser(deps, ctx, req),
    GetUser: (ctx, req) => getUser(deps, ctx, req),
    UpdateUserAttributes: (ctx, req) => updateUserAttributes(deps, ctx, req),
    AddCustomAttributes: AddCustomAttributes(services) as Route,
    CreateUserPool: CreateUserPool(services) as Route,
    GetTokensFromRefreshToken: GetTokensFromRefreshToken(services) as Route,
    GlobalSignOut: GlobalSignOut(services) as Route,
    AdminUserGlobalSignOut: AdminUserGlobalSignOut(services) as Route,
    AdminDisableUser: AdminDisableUser(services) as Route,
    AdminEnableUser: AdminEnableUser(services) as Route,
    ChangePassword: ChangePassword(services) as Route,
    GetUserAttributeVerificationCode: GetUserAttributeVerificationCode(services) as Route,
    RevokeToken: RevokeToken(services) as Route,
    ...deviceOperations(services),
  };
  // Each operation's rules, checked in this order (the first rule broken answers).
  const secretHash = (target: string) => requireSecretHash(services, target);
  // The gates in front of sign-in: the client's flows, its secret, a disabled user's refresh.
  const signInGates = (target: string, secret = secretHash(target)): Wrapper[] => [
    enforceExplicitAuthFlows(services, target),
    secret,
    refuseDisabledUsersOnRefresh(services, target),
  ];
  const adminUser = adminUserAsCognito(services);
  const stricter: Record<string, readonly Wrapper[]> = {
    CreateUserPool: [refuseRequiredCustomSchema(), refuseUnemulatedTriggers(), refuseDeviceTracking()],
    UpdateUserPool: [refuseUnemulatedTriggers(), refuseDeviceTracking()],
    CreateUserPoolClient: [refuseMixedExplicitAuthFlows(), keepRefreshTokenRotation(services, 'CreateUserPoolClient')],
    UpdateUserPoolClient: [refuseMixedExplicitAuthFlows(), keepRefreshTokenRotation(services, 'UpdateUserPoolClient')],
    DescribeUserPoolClient: [keepRefreshTokenRotation(services, 'DescribeUserPoolClient')],
    AdminSetUserPassword: [enforcePasswordPolicy(services), adminUser],
    ChangePassword: [enforcePasswordPolicy(services, 'ProposedPassword')],
    AdminListGroupsForUser: [adminUser],
    AdminGetUser: [adminUser],
    AdminDeleteUser: [adminUser],
    AdminConfirmSignUp: [adminUser],
    AssociateSoftwareToken: [refuseTotpSetupWithoutPoolTotp(services)],
    VerifySoftwareToken: [refuseTotpSetupWithoutPoolTotp(services)],
    SetUserMFAPreference: [requireVerifiedSoftwareToken(services)],
    AdminUpdateUserAttributes: [enforceSchemaOnUpdate(services), adminUser],
    InitiateAuth: [...signInGates('InitiateAuth'), migrateOnSignIn(services, triggers), runPreAuthentication(services, triggers)],
    AdminInitiateAuth: [...signInGates('AdminInitiateAuth'), migrateOnSignIn(services, triggers), runPreAuthentication(services, triggers)],
    RespondToAuthChallenge: signInGates('RespondToAuthChallenge'),
    AdminRespondToAuthChallenge: signInGates('AdminRespondToAuthChallenge'),
    GetTokensFromRefreshToken: signInGates('GetTokensFromRefreshToken', requireClientSecret(services)),
  };
  const signIn = withCustomAuth(withSignIn(router, services), services, triggers);
  const revocation = refuseRevokedAccessTokens(services);
  return (target) => {
    const rules = stricter[target] ?? [];
    const own = added[target];
    return maskDestinations(own ? withRules(own, rules) : revocation(withRules(signIn(target), rules)));
  };
}

/** `route` behind `rules`, the first of them checked first. */
function withRules(route: Route, rules: readonly Wrapper[]): Route {
  return rules.reduceRight((inner, rule) => rule(inner), route);
}
