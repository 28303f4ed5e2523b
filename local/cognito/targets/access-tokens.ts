import jwt from 'jsonwebtoken';
import { type Context, cognitoLocalKeys, type Route, type Services, type User, type UserPoolService } from '../cognito-local.ts';
import type { DisablingUser } from './disabled-users.ts';
import { accessTokenRevoked, invalidAccessToken, userIsDisabled } from '../cognito-answers.ts';

/** A user after GlobalSignOut: access tokens issued up to then are revoked for Cognito's APIs. */
export type SignedOutUser = User & { GlobalSignOutAt?: number };

/**
 * The pool and user an access token speaks for, refusing a disabled user's and the tokens
 * GlobalSignOut or AdminDisableUser revoked.
 */
export async function accessTokenUser(
  { cognito }: Pick<Services, 'cognito'>,
  ctx: Context,
  accessToken: string,
): Promise<{ userPool: UserPoolService; user: SignedOutUser }> {
  let claims: jwt.JwtPayload;
  try {
    // The emulator's signing key: an access token must be one it issued.
    claims = jwt.verify(accessToken, cognitoLocalKeys().publicKeyPem, { algorithms: ['RS256'] }) as jwt.JwtPayload;
  } catch {
    throw invalidAccessToken();
  }
  if (claims.token_use !== 'access' || typeof claims.iss !== 'string') throw invalidAccessToken();
  const userPool = await cognito.getUserPool(ctx, claims.iss.slice(claims.iss.lastIndexOf('/') + 1)).catch(() => {
    throw invalidAccessToken();
  });
  const user: (SignedOutUser & DisablingUser) | null = await userPool.getUserByUsername(ctx, String(claims.sub));
  if (!user) throw invalidAccessToken();
  if (user.Enabled === false) throw userIsDisabled();
  // Second precision on both sides: a token from the second of the sign-out or disabling counts as revoked.
  const revokedAt = Math.max(user.GlobalSignOutAt ?? Number.NEGATIVE_INFINITY, user.DisabledAt ?? Number.NEGATIVE_INFINITY);
  if ((claims.iat ?? 0) <= revokedAt) {
    throw accessTokenRevoked();
  }
  return { userPool, user };
}

/** Any operation called with an access token that GlobalSignOut revoked fails, as on AWS. */
export const refuseRevokedAccessTokens =
  (services: Pick<Services, 'cognito'>) =>
  (route: Route): Route =>
  async (ctx, req) => {
    if (typeof req?.AccessToken === 'string') await accessTokenUser(services, ctx, req.AccessToken);
    return route(ctx, req);
  };
