import type { Context, Services } from '../cognito-local.ts';
import { isOpaqueRefreshToken, refreshTokenOrigin } from '../refresh-tokens.ts';
import { authenticationResult, type TokenIssuer } from '../token-generator.ts';
import type { SignInContext } from './sign-in-state.ts';
import { invalidRefreshToken, missingParameter, refreshTokenRevoked } from '../cognito-answers.ts';

/**
 * REFRESH_TOKEN_AUTH (and its alias REFRESH_TOKEN) through InitiateAuth or AdminInitiateAuth:
 * new ID and access tokens, no new refresh token (no rotation, as Cognito when rotation is off).
 * A token the pool no longer holds was revoked (GlobalSignOut, or dropped as the oldest of the
 * user's); one the emulator cannot have issued is invalid
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-refresh-token.html).
 */
export async function refreshTokenAuth(
  ctx: Context,
  { tokenGenerator }: Pick<Services, 'tokenGenerator'>,
  { pool, client, clientMetadata }: SignInContext,
  parameters: Readonly<Record<string, string>>,
) {
  const token = parameters.REFRESH_TOKEN;
  if (!token) throw missingParameter('REFRESH_TOKEN');
  return {
    ChallengeParameters: {},
    AuthenticationResult: await refreshedTokens(ctx, tokenGenerator, { pool, client, clientMetadata }, token),
  };
}

/**
 * New ID and access tokens for `refreshToken` (PreTokenGeneration's TokenGeneration_RefreshTokens),
 * for REFRESH_TOKEN_AUTH and GetTokensFromRefreshToken alike.
 */
export async function refreshedTokens(
  ctx: Context,
  tokenGenerator: TokenIssuer,
  { pool, client, clientMetadata }: Pick<SignInContext, 'pool' | 'client' | 'clientMetadata'>,
  refreshToken: string,
) {
  const user = await pool.getUserByRefreshToken(ctx, refreshToken);
  if (!user) throw isOpaqueRefreshToken(refreshToken) ? refreshTokenRevoked() : invalidRefreshToken();
  const groups = await pool.listUserGroupMembership(ctx, user);
  // The new tokens keep the refresh token's origin_jti and auth_time, so that revoking it revokes them too.
  const origin = refreshTokenOrigin(refreshToken);
  const { AccessToken, IdToken } = await tokenGenerator.generate(ctx, user, groups, client, clientMetadata, 'RefreshTokens', origin);
  return authenticationResult({ AccessToken, IdToken }, client);
}
