import type { Route, Router, Services } from './cognito-local.ts';
import { confirmForgotPassword } from './operations/confirm-forgot-password.ts';
import { confirmSignUp } from './operations/confirm-sign-up.ts';
import { forgotPassword } from './operations/forgot-password.ts';
import { resendConfirmationCode } from './operations/resend-confirmation-code.ts';
import { signUp } from './operations/sign-up.ts';
import { adminCreateUser } from './operations/admin-create-user.ts';
import { adminConfirmSignUp } from './operations/admin-confirm-sign-up.ts';
import { adminDeleteUser } from './operations/admin-delete-user.ts';
import { adminDeleteUserAttributes } from './operations/admin-delete-user-attributes.ts';
import { adminDisableUser } from './operations/admin-disable-user.ts';
import { adminResetUserPassword } from './operations/admin-reset-user-password.ts';
import { adminEnableUser } from './operations/admin-enable-user.ts';
import { adminGetUser } from './operations/admin-get-user.ts';
import { adminSetUserPassword } from './operations/admin-set-user-password.ts';
import { adminUpdateUserAttributes } from './operations/admin-update-user-attributes.ts';
import { adminUserGlobalSignOut } from './operations/admin-user-global-sign-out.ts';
import { getUser } from './operations/get-user.ts';
import { updateUserAttributes } from './operations/update-user-attributes.ts';
import { addCustomAttributes } from './operations/add-custom-attributes.ts';
import { createUserPool } from './operations/create-user-pool.ts';
import { createUserPoolClient } from './operations/create-user-pool-client.ts';
import { describeUserPoolClient } from './operations/describe-user-pool-client.ts';
import { updateUserPool } from './operations/update-user-pool.ts';
import { updateUserPoolClient } from './operations/update-user-pool-client.ts';
import { getTokensFromRefreshToken } from './operations/get-tokens-from-refresh-token.ts';
import { initiateAuth } from './operations/initiate-auth.ts';
import { respondToAuthChallenge } from './operations/respond-to-auth-challenge.ts';
import { type SignInDeps, signInDeps } from './operations/sign-in-deps.ts';
import {
  associateSoftwareToken as associateWithSession,
  verifySoftwareToken as verifyWithSession,
} from './sign-in/software-token-setup.ts';
import { associateSoftwareToken } from './operations/associate-software-token.ts';
import { changePassword } from './operations/change-password.ts';
import { deleteUser } from './operations/delete-user.ts';
import { deleteUserAttributes } from './operations/delete-user-attributes.ts';
import { getUserAttributeVerificationCode } from './operations/get-user-attribute-verification-code.ts';
import { globalSignOut } from './operations/global-sign-out.ts';
import { revokeToken } from './operations/revoke-token.ts';
import { setUserMfaPreference } from './operations/set-user-mfa-preference.ts';
import { verifySoftwareToken } from './operations/verify-software-token.ts';
import { verifyUserAttribute } from './operations/verify-user-attribute.ts';
import { adminUserAsCognito } from './rules/admin-users.ts';
import { deviceOperations } from './operations/devices.ts';
import { maskDestinations } from './rules/masked-destinations.ts';
import type { PoolTriggers } from './triggers/pool-triggers.ts';
import type { PoolOAuthStore } from './pool-oauth-store.ts';
import { adminDisableProviderForUser, adminLinkProviderForUser } from './operations/provider-links.ts';
import {
  createIdentityProvider,
  deleteIdentityProvider,
  describeIdentityProvider,
  getIdentityProviderByIdentifier,
  listIdentityProviders,
  updateIdentityProvider,
} from './operations/identity-providers.ts';
import { deleteUserPoolWithOAuth, describeUserPoolWithDomain } from './operations/pool-oauth-views.ts';
import {
  createResourceServer,
  deleteResourceServer,
  describeResourceServer,
  listResourceServers,
  updateResourceServer,
} from './operations/resource-servers.ts';
import { createUserPoolDomain, deleteUserPoolDomain, describeUserPoolDomain, updateUserPoolDomain } from './operations/user-pool-domain.ts';

/**
 * The route of each Cognito operation: ours (operations/, one file each, its rules inside it), or,
 * for the ones we do not own (groups, lists, describes, deletes, the pool's MFA config), cognito-local's
 * own code as a guest over the same store (`guest`). Every answer that says where a code went masks it.
 */
export function cognitoRoutes(
  guest: Router,
  services: Services,
  triggers: PoolTriggers,
  oauth: PoolOAuthStore,
  /** The sign-ins under way, shared with the managed login's sign-in page (managed-login/hosted-sign-in.ts). */
  signIn: SignInDeps = signInDeps(services, triggers),
): Router {
  // The operations we own (operations/): their rules are inside them.
  const deps = { ...services, triggers, oauth };
  const associate = associateWithSession(signIn);
  const verify = verifyWithSession(signIn);
  const ours: Record<string, Route> = {
    InitiateAuth: (ctx, req) => initiateAuth(signIn, ctx, req),
    AdminInitiateAuth: (ctx, req) => initiateAuth(signIn, ctx, req, true),
    RespondToAuthChallenge: (ctx, req) => respondToAuthChallenge(signIn, ctx, req),
    AdminRespondToAuthChallenge: (ctx, req) => respondToAuthChallenge(signIn, ctx, req, true),
    GetTokensFromRefreshToken: (ctx, req) => getTokensFromRefreshToken(services, ctx, req),
    SignUp: (ctx, req) => signUp(deps, ctx, req),
    ConfirmSignUp: (ctx, req) => confirmSignUp(deps, ctx, req),
    ForgotPassword: (ctx, req) => forgotPassword(deps, ctx, req),
    ConfirmForgotPassword: (ctx, req) => confirmForgotPassword(deps, ctx, req),
    ResendConfirmationCode: (ctx, req) => resendConfirmationCode(deps, ctx, req),
    AdminCreateUser: (ctx, req) => adminCreateUser(deps, ctx, req),
    AdminGetUser: (ctx, req) => adminGetUser(deps, ctx, req),
    AdminUpdateUserAttributes: (ctx, req) => adminUpdateUserAttributes(deps, ctx, req),
    AdminSetUserPassword: (ctx, req) => adminSetUserPassword(deps, ctx, req),
    AdminConfirmSignUp: (ctx, req) => adminConfirmSignUp(deps, ctx, req),
    AdminDeleteUser: (ctx, req) => adminDeleteUser(deps, ctx, req),
    AdminDeleteUserAttributes: (ctx, req) => adminDeleteUserAttributes(deps, ctx, req),
    AdminDisableUser: (ctx, req) => adminDisableUser(deps, ctx, req),
    AdminResetUserPassword: (ctx, req) => adminResetUserPassword(deps, ctx, req),
    AdminEnableUser: (ctx, req) => adminEnableUser(deps, ctx, req),
    AdminUserGlobalSignOut: (ctx, req) => adminUserGlobalSignOut(deps, ctx, req),
    GetUser: (ctx, req) => getUser(deps, ctx, req),
    UpdateUserAttributes: (ctx, req) => updateUserAttributes(deps, ctx, req),
    CreateUserPool: (ctx, req) => createUserPool(deps, ctx, req),
    UpdateUserPool: (ctx, req) => updateUserPool(deps, ctx, req),
    AddCustomAttributes: (ctx, req) => addCustomAttributes(deps, ctx, req),
    CreateUserPoolClient: (ctx, req) => createUserPoolClient(deps, ctx, req),
    UpdateUserPoolClient: (ctx, req) => updateUserPoolClient(deps, ctx, req),
    DescribeUserPoolClient: (ctx, req) => describeUserPoolClient(deps, ctx, req),
    ChangePassword: (ctx, req) => changePassword(deps, ctx, req),
    GlobalSignOut: (ctx, req) => globalSignOut(deps, ctx, req),
    RevokeToken: (ctx, req) => revokeToken(deps, ctx, req),
    GetUserAttributeVerificationCode: (ctx, req) => getUserAttributeVerificationCode(deps, ctx, req),
    VerifyUserAttribute: (ctx, req) => verifyUserAttribute(deps, ctx, req),
    DeleteUserAttributes: (ctx, req) => deleteUserAttributes(deps, ctx, req),
    DeleteUser: (ctx, req) => deleteUser(deps, ctx, req),
    SetUserMFAPreference: (ctx, req) => setUserMfaPreference(deps, ctx, req),
    // With an access token; their Session form (MFA_SETUP) is sign-in's (withSession below).
    AssociateSoftwareToken: (ctx, req) => associateSoftwareToken(deps, ctx, req),
    VerifySoftwareToken: (ctx, req) => verifySoftwareToken(deps, ctx, req),
    ...deviceOperations(services),
    // The pool's OAuth 2.0 side: its domain, resource servers and identity providers (pool-oauth-store.ts),
    // each change after the one before (a check, then a save).
    CreateUserPoolDomain: (ctx, req) => oauth.exclusively(() => createUserPoolDomain(deps, ctx, req)),
    DescribeUserPoolDomain: (ctx, req) => describeUserPoolDomain(deps, ctx, req),
    UpdateUserPoolDomain: (ctx, req) => oauth.exclusively(() => updateUserPoolDomain(deps, ctx, req)),
    DeleteUserPoolDomain: (ctx, req) => oauth.exclusively(() => deleteUserPoolDomain(deps, ctx, req)),
    CreateResourceServer: (ctx, req) => oauth.exclusively(() => createResourceServer(deps, ctx, req)),
    DescribeResourceServer: (ctx, req) => describeResourceServer(deps, ctx, req),
    ListResourceServers: (ctx, req) => listResourceServers(deps, ctx, req),
    UpdateResourceServer: (ctx, req) => oauth.exclusively(() => updateResourceServer(deps, ctx, req)),
    DeleteResourceServer: (ctx, req) => oauth.exclusively(() => deleteResourceServer(deps, ctx, req)),
    CreateIdentityProvider: (ctx, req) => oauth.exclusively(() => createIdentityProvider(deps, ctx, req)),
    DescribeIdentityProvider: (ctx, req) => describeIdentityProvider(deps, ctx, req),
    ListIdentityProviders: (ctx, req) => listIdentityProviders(deps, ctx, req),
    UpdateIdentityProvider: (ctx, req) => oauth.exclusively(() => updateIdentityProvider(deps, ctx, req)),
    DeleteIdentityProvider: (ctx, req) => oauth.exclusively(() => deleteIdentityProvider(deps, ctx, req)),
    GetIdentityProviderByIdentifier: (ctx, req) => getIdentityProviderByIdentifier(deps, ctx, req),
    AdminLinkProviderForUser: (ctx, req) => oauth.exclusively(() => adminLinkProviderForUser(deps, ctx, req)),
    AdminDisableProviderForUser: (ctx, req) => oauth.exclusively(() => adminDisableProviderForUser(deps, ctx, req)),
  };
  // cognito-local's AdminListGroupsForUser, given the user's own username for an alias (rules/admin-users.ts).
  const guests: Record<string, Route> = {
    AdminListGroupsForUser: adminUserAsCognito(services)(guest('AdminListGroupsForUser')),
    DescribeUserPool: describeUserPoolWithDomain(oauth, guest('DescribeUserPool')),
    DeleteUserPool: deleteUserPoolWithOAuth(oauth, guest('DeleteUserPool')),
  };
  // AssociateSoftwareToken and VerifySoftwareToken with a sign-in's Session (MFA_SETUP) rather than an access token.
  const withSession =
    (session: Route, route: Route): Route =>
    (ctx, req) =>
      req?.AccessToken === undefined && req?.Session !== undefined ? session(ctx, req) : route(ctx, req);
  return (target) => {
    const route = ours[target] ?? guests[target] ?? guest(target);
    if (target === 'AssociateSoftwareToken') return maskDestinations(withSession(associate, route));
    if (target === 'VerifySoftwareToken') return maskDestinations(withSession(verify, route));
    return maskDestinations(route);
  };
}
