import type { AuthorizationCodes } from './authorization-codes.ts';
import type { ManagedLoginDeps } from './managed-login-deps.ts';
import type { PageHandler } from './page-types.ts';
import { revokeEndpoint } from './revoke-endpoint.ts';
import { tokenEndpoint } from './token-endpoint.ts';
import { userInfoEndpoint } from './userinfo-endpoint.ts';

/**
 * The OAuth 2.0 endpoints of the managed login, by path: token, revoke and userInfo. The
 * authorize endpoint gives out the codes `codes` holds; the token endpoint redeems them.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-userpools-server-contract-reference.html
 */
export function oauthEndpoints(deps: ManagedLoginDeps, codes: AuthorizationCodes): Record<string, PageHandler> {
  return {
    '/oauth2/token': tokenEndpoint(deps, codes),
    '/oauth2/revoke': revokeEndpoint(deps),
    '/oauth2/userInfo': userInfoEndpoint(deps),
  };
}
