import { randomUUID } from 'node:crypto';
import type { ResourceServerType } from '@aws-sdk/client-cognito-identity-provider';
import { epochSeconds } from '../../clock.ts';
import type { AppClient, Services } from '../cognito-local.ts';
import { accessTokenSeconds, emulatorSignedJwt } from '../token-generator.ts';
import { applyClaimChanges, type TokenClaimChanges } from '../triggers/token-claims.ts';
import { userPoolIssuer } from '../user-pool-ids.ts';
import { invalidScope } from './oauth-errors.ts';
import type { OAuthTokenResponse } from './oauth-tokens.ts';

/**
 * The custom scopes (`<resource server identifier>/<scope name>`) that exist on the pool's
 * resource servers. A scope deleted from its resource server stays on the client but "is marked
 * inactive": asked for, it is left out of the token ([D] cognito-user-pools-define-resource-servers.html).
 */
export function customScopes(resourceServers: readonly ResourceServerType[]): ReadonlySet<string> {
  return new Set(resourceServers.flatMap((server) => (server.Scopes ?? []).map((scope) => `${server.Identifier}/${scope.ScopeName}`)));
}

/**
 * The scopes a client credentials grant gives: those `requested` (space-separated), each one of
 * the client's AllowedOAuthScopes and a custom scope (the OIDC and Cognito scopes authorize a
 * user, and an M2M token has none); without `scope`, every custom scope the client is allowed
 * ([D] token-endpoint.html: "If the client doesn't request any scopes, the authentication server
 * uses all custom scopes associated with the client"). A scope the client may not ask for is
 * invalid_scope ([D] the scopes page); one whose resource server dropped it is left out, and a
 * grant left with no scope at all is invalid_scope too ([U]).
 * https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-define-resource-servers.html
 */
export function clientCredentialsScopes(
  client: AppClient,
  resourceServers: readonly ResourceServerType[],
  requested: string | null,
): string[] {
  const allowed = new Set(client.AllowedOAuthScopes ?? []);
  const existing = customScopes(resourceServers);
  const isCustom = (scope: string) => scope.includes('/');
  const asked = requested === null || requested.trim() === '' ? undefined : [...new Set(requested.trim().split(/\s+/))];
  if (asked?.some((scope) => !allowed.has(scope) || !isCustom(scope))) throw invalidScope();
  const granted = (asked ?? [...allowed].filter(isCustom)).filter((scope) => existing.has(scope));
  if (granted.length === 0) throw invalidScope();
  return granted;
}

/**
 * The access token of a client credentials grant, with the claims Cognito's M2M tokens carry:
 * `sub` and `client_id` the app client, no user, `scope`, `token_use` access, `version` 2,
 * `auth_time`, `iat`, `exp` (the client's AccessTokenValidity), `jti`, and the pool's `iss`, with
 * what a V3_0 PreTokenGeneration answer changes (`changes`: claims, scopes; never those Cognito
 * protects). No ID or refresh token ([D] token-endpoint.html: "Successful authorization with the
 * client secret returns an access token").
 * https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-access-token.html
 */
export async function clientCredentialsToken(
  { clock }: Pick<Services, 'clock'>,
  client: AppClient,
  scopes: readonly string[],
  changes?: TokenClaimChanges,
  /** Told of each claim the trigger's answer may not change. */
  ignoredClaim?: (claim: string) => void,
): Promise<OAuthTokenResponse> {
  const now = epochSeconds(clock);
  const seconds = accessTokenSeconds(client);
  const claims = {
    sub: client.ClientId,
    token_use: 'access',
    scope: scopes.join(' '),
    auth_time: now,
    iss: userPoolIssuer(client.UserPoolId),
    exp: now + seconds,
    iat: now,
    version: 2,
    jti: randomUUID(),
    client_id: client.ClientId,
  };
  const access_token = await emulatorSignedJwt(changes ? applyClaimChanges(claims, changes, ignoredClaim) : claims);
  return { access_token, expires_in: seconds, token_type: 'Bearer' };
}
