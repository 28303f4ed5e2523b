import type { Context, Services, User, UserPoolService } from '../cognito-local.ts';
import { afterRotation, graceIsOver, rotatedAt, rotates } from '../refresh-token-rotation.ts';
import { isOpaqueRefreshToken, refreshTokenClient, refreshTokenOrigin } from '../refresh-tokens.ts';
import { authenticationResult, grantsIdToken, type TokenIssuer } from '../token-generator.ts';
import type { SignInContext } from './sign-in-state.ts';
import {
  invalidRefreshToken,
  missingParameter,
  refreshTokenAuthWithRotation,
  refreshTokenOfAnotherClient,
  refreshTokenReused,
  refreshTokenRevoked,
} from '../cognito-answers.ts';

/**
 * REFRESH_TOKEN_AUTH (and its alias REFRESH_TOKEN) through InitiateAuth or AdminInitiateAuth:
 * new ID and access tokens, no new refresh token; refused on an app client that rotates refresh
 * tokens, which only GetTokensFromRefreshToken refreshes. A token the pool no longer holds was
 * revoked (GlobalSignOut, or dropped as the oldest of the user's); one the emulator cannot have
 * issued is invalid
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-refresh-token.html).
 */
export async function refreshTokenAuth(
  ctx: Context,
  { tokenGenerator }: Pick<Services, 'tokenGenerator'>,
  { pool, client, clientMetadata }: SignInContext,
  parameters: Readonly<Record<string, string>>,
  /** Who holds the token (the operation looked them up for its gates). */
  holder: User | null,
) {
  const token = parameters.REFRESH_TOKEN;
  if (!token) throw missingParameter('REFRESH_TOKEN');
  if (rotates(client)) throw refreshTokenAuthWithRotation();
  return {
    ChallengeParameters: {},
    AuthenticationResult: await refreshedTokens(ctx, tokenGenerator, { pool, client, clientMetadata }, token, holder),
  };
}

/**
 * Cognito's refusal of a refresh token no one holds: a token of the emulator's shape was
 * revoked, or, when rotation replaced it and its origin is still live, reused.
 */
async function refusal(ctx: Context, pool: UserPoolService, refreshToken: string): Promise<never> {
  if (!isOpaqueRefreshToken(refreshToken)) throw invalidRefreshToken();
  // Only on this failing path: which user rotation took the token from, if any.
  const origin = refreshTokenOrigin(refreshToken)?.jti;
  const replaced = (await pool.listUsers(ctx)).some(
    (candidate) =>
      rotatedAt(candidate, refreshToken) !== undefined &&
      candidate.RefreshTokens.some((held) => origin !== undefined && refreshTokenOrigin(held)?.jti === origin),
  );
  throw replaced ? refreshTokenReused() : refreshTokenRevoked();
}

/**
 * New ID and access tokens for `refreshToken` (PreTokenGeneration's TokenGeneration_RefreshTokens),
 * for REFRESH_TOKEN_AUTH and GetTokensFromRefreshToken alike. Given `now` (GetTokensFromRefreshToken),
 * a rotating client also gets a new refresh token, and a token rotation replaced works until its
 * grace period is over; without it (REFRESH_TOKEN_AUTH), a replaced token never works.
 */
export async function refreshedTokens(
  ctx: Context,
  tokenGenerator: TokenIssuer,
  { pool, client, clientMetadata }: Pick<SignInContext, 'pool' | 'client' | 'clientMetadata'>,
  refreshToken: string,
  /** The user holding `refreshToken` (`pool.getUserByRefreshToken`), null when no one does. */
  holder: User | null,
  now?: number,
) {
  // A refresh token works only with the app client it was issued to ([C]).
  const issuedTo = refreshTokenClient(refreshToken);
  if (issuedTo !== undefined && issuedTo !== client.ClientId) throw refreshTokenOfAnotherClient();
  const user = holder ?? (await refusal(ctx, pool, refreshToken));
  const rotated = rotatedAt(user, refreshToken);
  if (rotated !== undefined && (now === undefined || graceIsOver(client, rotated, now))) throw refreshTokenReused();
  const groups = await pool.listUserGroupMembership(ctx, user);
  // The new tokens keep the refresh token's origin_jti and auth_time, so that revoking it revokes them too.
  const origin = refreshTokenOrigin(refreshToken);
  const tokens = await tokenGenerator.generate(ctx, user, groups, client, clientMetadata, 'RefreshTokens', origin);
  const { AccessToken, RefreshToken } = tokens;
  // An OAuth grant without `openid` never had an ID token, and a refresh of it gets none either.
  const idToken = grantsIdToken(origin) ? { IdToken: tokens.IdToken } : {};
  if (now === undefined || !rotates(client)) return authenticationResult({ AccessToken, ...idToken }, client);
  // The user as they are now: a concurrent refresh with the same token may have rotated it meanwhile.
  await pool.updateUser(ctx, user.Username, (current) => {
    const rotatedMeanwhile = rotatedAt(current, refreshToken);
    if (rotatedMeanwhile !== undefined && graceIsOver(client, rotatedMeanwhile, now)) throw refreshTokenReused();
    if (rotatedMeanwhile === undefined && !current.RefreshTokens.includes(refreshToken)) throw refreshTokenRevoked();
    return afterRotation(current, client, refreshToken, RefreshToken, now);
  });
  return authenticationResult({ AccessToken, ...idToken, RefreshToken }, client);
}
