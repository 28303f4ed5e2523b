import { createHash, timingSafeEqual } from 'node:crypto';
import { CognitoError, type AppClient, type Context } from '../cognito-local.ts';
import { rotates } from '../refresh-token-rotation.ts';
import { flowAllowed } from '../rules/auth-flow-rules.ts';
import { refreshedTokens } from '../sign-in/refresh-token-auth.ts';
import { clientCredentialsOverrides } from '../triggers/pre-token-generation.ts';
import type { AuthorizationCodes, AuthorizationGrant } from './authorization-codes.ts';
import { clientEndpoint } from './client-authentication.ts';
import { clientCredentialsScopes, clientCredentialsToken } from './client-credentials.ts';
import type { ManagedLoginDeps } from './managed-login-deps.ts';
import { invalidClient, invalidGrant, invalidRequest, jsonAnswer, unauthorizedClient, unsupportedGrantType } from './oauth-errors.ts';
import { oauthTokens, type OAuthTokenResponse } from './oauth-tokens.ts';
import type { PageHandler } from './page-types.ts';

/** Whether the client may use OAuth flow `flow` (AllowedOAuthFlowsUserPoolClient and AllowedOAuthFlows). */
const oauthFlowAllowed = (client: AppClient, flow: 'code' | 'implicit' | 'client_credentials') =>
  client.AllowedOAuthFlowsUserPoolClient === true && (client.AllowedOAuthFlows ?? []).includes(flow);

/**
 * `/oauth2/token`: the authorization code grant (with PKCE), refresh tokens, and client
 * credentials. POST with a form body only; CORS for browsers (Amplify redeems its code from the
 * page); client authentication by HTTP Basic or in the body (client-authentication.ts); each
 * refusal is an OAuth 2.0 error of oauth-errors.ts.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/token-endpoint.html
 */
export function tokenEndpoint(deps: ManagedLoginDeps, codes: AuthorizationCodes): PageHandler {
  return clientEndpoint(deps, invalidClient, async (ctx, client, form) => {
    const clientMetadata = clientMetadataOf(form.get('aws_client_metadata'));
    switch (form.get('grant_type')) {
      case 'authorization_code':
        return jsonAnswer(await redeemCode(deps, ctx, codes, client, form, clientMetadata));
      case 'refresh_token':
        return jsonAnswer(await refresh(deps, ctx, client, form.get('refresh_token'), clientMetadata));
      case 'client_credentials':
        return jsonAnswer(await clientCredentials(deps, ctx, client, form.get('scope'), clientMetadata));
      case null:
      case '':
        throw invalidRequest('grant_type is missing.');
      default:
        throw unsupportedGrantType();
    }
  });
}

/** `aws_client_metadata`: a JSON object of strings, for PreTokenGeneration ([D] token-endpoint.html). */
function clientMetadataOf(value: string | null): Record<string, string> | undefined {
  if (value === null) return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    if (
      typeof parsed === 'object' &&
      parsed !== null &&
      !Array.isArray(parsed) &&
      Object.values(parsed).every((v) => typeof v === 'string')
    ) {
      return parsed as Record<string, string>;
    }
  } catch {
    // Answered below.
  }
  throw invalidRequest('aws_client_metadata must be a JSON object of strings.');
}

/**
 * The authorization code grant: the code once, within five minutes, by the client it was given
 * to, with the same redirect_uri, and with the PKCE verifier of its challenge. Every failure of
 * the code itself is invalid_grant, and the code is used up by it (RFC 6749 4.1.2).
 * https://docs.aws.amazon.com/cognito/latest/developerguide/using-pkce-in-authorization-code.html
 */
async function redeemCode(
  deps: ManagedLoginDeps,
  ctx: Context,
  codes: AuthorizationCodes,
  client: AppClient,
  form: URLSearchParams,
  clientMetadata: Record<string, string> | undefined,
): Promise<OAuthTokenResponse> {
  const code = form.get('code');
  const redirectUri = form.get('redirect_uri');
  if (!code) throw invalidRequest('code is missing.');
  if (!redirectUri) throw invalidRequest('redirect_uri is missing.');
  if (!oauthFlowAllowed(client, 'code')) throw unauthorizedClient();
  const grant = codes.redeem(code);
  if (grant === undefined || grant.clientId !== client.ClientId || grant.redirectUri !== redirectUri) throw invalidGrant();
  if (grant.codeChallenge !== undefined) {
    const verifier = form.get('code_verifier');
    if (!verifier) throw invalidRequest('code_verifier is missing.');
    if (!verifierMatches(grant, verifier)) throw invalidGrant();
  }
  const pool = await deps.services.cognito.getUserPool(ctx, grant.userPoolId);
  const user = await pool.getUserByUsername(ctx, grant.username);
  if (!user || user.Enabled === false) throw invalidGrant();
  const { scopes, nonce, authTime } = grant;
  return oauthTokens(deps, ctx, { pool, client, user, scopes, nonce, authTime, refreshToken: true, clientMetadata });
}

/**
 * PKCE (RFC 7636 4.6): S256 compares BASE64URL(SHA256(verifier)) with the challenge, plain the
 * verifier itself; a verifier is 43 to 128 unreserved characters.
 */
export function verifierMatches(grant: Pick<AuthorizationGrant, 'codeChallenge' | 'codeChallengeMethod'>, verifier: string): boolean {
  if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier) || grant.codeChallenge === undefined) return false;
  const expected = grant.codeChallengeMethod === 'plain' ? verifier : createHash('sha256').update(verifier).digest('base64url');
  const [a, b] = [Buffer.from(expected), Buffer.from(grant.codeChallenge)];
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The refresh token grant: new ID and access tokens of the refresh token's origin, its scopes
 * kept (the ID token only with `openid`), as GetTokensFromRefreshToken gives them, a new refresh
 * token too when the client rotates them. A client that may not refresh (ALLOW_REFRESH_TOKEN_AUTH)
 * is unauthorized_client; a revoked, unknown, disabled user's or another client's token is invalid_grant.
 */
async function refresh(
  deps: ManagedLoginDeps,
  ctx: Context,
  client: AppClient,
  refreshToken: string | null,
  clientMetadata: Record<string, string> | undefined,
): Promise<OAuthTokenResponse> {
  if (!refreshToken) throw invalidRequest('refresh_token is missing.');
  if (!rotates(client) && !flowAllowed(client, 'REFRESH_TOKEN_AUTH')) throw unauthorizedClient();
  const { cognito, tokenGenerator, clock } = deps.services;
  const pool = await cognito.getUserPool(ctx, client.UserPoolId);
  const holder = await pool.getUserByRefreshToken(ctx, refreshToken);
  if (holder?.Enabled === false) throw invalidGrant('User is disabled.');
  try {
    const result: { IdToken?: string; AccessToken: string; RefreshToken?: string; ExpiresIn: number } = await refreshedTokens(
      ctx,
      tokenGenerator,
      { pool, client, clientMetadata },
      refreshToken,
      holder,
      clock.now(),
    );
    return {
      ...(result.IdToken !== undefined && { id_token: result.IdToken }),
      access_token: result.AccessToken,
      ...(result.RefreshToken !== undefined && { refresh_token: result.RefreshToken }),
      expires_in: result.ExpiresIn,
      token_type: 'Bearer',
    };
  } catch (error) {
    // The JSON API's NotAuthorizedException ("Refresh Token has been revoked", "Invalid Refresh Token", …).
    if (error instanceof CognitoError) throw invalidGrant(error.message);
    throw error;
  }
}

/**
 * The client credentials grant: a confidential client allowed the flow, the scopes of
 * clientCredentialsScopes, what a V3_0 PreTokenGeneration trigger changes.
 */
async function clientCredentials(
  deps: ManagedLoginDeps,
  ctx: Context,
  client: AppClient,
  scope: string | null,
  clientMetadata: Record<string, string> | undefined,
): Promise<OAuthTokenResponse> {
  if (!client.ClientSecret || !oauthFlowAllowed(client, 'client_credentials')) throw unauthorizedClient();
  const { resourceServers } = await deps.configs.settingsOf(ctx, client.UserPoolId);
  const scopes = clientCredentialsScopes(client, resourceServers, scope);
  const changes = await clientCredentialsOverrides(deps.triggers, client, scopes, clientMetadata);
  return clientCredentialsToken(deps.services, client, scopes, changes, (claim) =>
    deps.log(`[cognito] PreTokenGeneration: Cognito does not let a trigger change ${claim}; it keeps its value.`),
  );
}
