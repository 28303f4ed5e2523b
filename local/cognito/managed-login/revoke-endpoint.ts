import { CognitoError } from '../cognito-local.ts';
import { revokeToken } from '../operations/revoke-token.ts';
import { clientEndpoint } from './client-authentication.ts';
import type { ManagedLoginDeps } from './managed-login-deps.ts';
import {
  invalidRequest,
  jsonAnswer,
  type OAuthError,
  revocationDisabled,
  revocationInvalidClient,
  unsupportedTokenType,
} from './oauth-errors.ts';
import type { PageHandler } from './page-types.ts';

/**
 * `/oauth2/revoke` (RFC 7009 as Cognito documents it): the refresh token `token`, and every
 * token of its origin, stop working, through the revocation RevokeToken does
 * (operations/revoke-token.ts), so the three ways to revoke (this, RevokeToken, global sign-out)
 * are one. The client authenticates as at the token endpoint; a failure is 401 invalid_client, a
 * client whose EnableTokenRevocation is false 400 invalid_request, an access or ID token 400
 * unsupported_token_type, a token no one holds (revoked already, or unknown) 200.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/revocation-endpoint.html
 */
export function revokeEndpoint(deps: ManagedLoginDeps): PageHandler {
  return clientEndpoint(deps, revocationInvalidClient, async (ctx, client, form) => {
    const token = form.get('token');
    if (!token) throw invalidRequest();
    // The client authenticated already: RevokeToken is given its secret so that its own check holds.
    await revokeToken(deps.services, ctx, { ClientId: client.ClientId, ClientSecret: client.ClientSecret, Token: token }).catch(
      (error: unknown) => {
        throw error instanceof CognitoError ? revocationRefusal(error) : error;
      },
    );
    // [D] "A successful response contains an empty body".
    return jsonAnswer({});
  });
}

/** RevokeToken's exceptions as the endpoint answers them. */
function revocationRefusal(error: CognitoError): OAuthError {
  switch (error.code) {
    case 'UnsupportedOperationException':
      return revocationDisabled();
    case 'UnsupportedTokenTypeException':
      return unsupportedTokenType();
    default:
      return revocationInvalidClient();
  }
}
