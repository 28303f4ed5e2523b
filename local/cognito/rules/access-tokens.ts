import { createPublicKey } from 'node:crypto';
import { errors, type JWTPayload, jwtVerify } from 'jose';
import { type Context, cognitoLocalKeys, type Services, type User, type UserPoolService } from '../cognito-local.ts';
import { accessTokenExpired, accessTokenMissingScope, accessTokenRevoked, invalidAccessToken, userIsDisabled } from '../cognito-answers.ts';
import { lookedUpOnce } from '../request-context.ts';
import { refreshTokenOrigin } from '../refresh-tokens.ts';

/** The emulator's signing key: an access token must be one it issued. */
const publicKey = createPublicKey(cognitoLocalKeys().publicKeyPem);

/**
 * Whether an access token's origin is still live: the refresh token it was issued with (or from)
 * is one the user holds. GlobalSignOut, AdminUserGlobalSignOut, RevokeToken and AdminEnableUser
 * after AdminDisableUser drop refresh tokens, and with them the access tokens of their origin;
 * tokens from a sign-in afterwards have a new origin and work at once, as on AWS, which revokes
 * by `origin_jti` rather than by time.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-refresh-token.html#amazon-cognito-identity-user-pools-revoking-all-tokens-for-user
 */
function originIsLive(user: User, origin: unknown): boolean {
  return typeof origin === 'string' && (user.RefreshTokens ?? []).some((token) => refreshTokenOrigin(token)?.jti === origin);
}

/** Whom a verified access token speaks for, and through which app client. */
export interface TokenUser {
  readonly userPool: UserPoolService;
  readonly user: User;
  readonly clientId: string;
  /** The token's `scope`, split. */
  readonly scopes: readonly string[];
}

/** The scope Cognito's operations called with an access token need. */
const OPERATIONS_SCOPE = 'aws.cognito.signin.user.admin';

/**
 * The pool and user an access token speaks for, refusing a disabled user's and the tokens whose
 * origin was revoked (GlobalSignOut, AdminUserGlobalSignOut, RevokeToken, AdminDisableUser), and
 * those expired by the local clock. Verified once per call, however many rules ask. The
 * operations need the token to have `aws.cognito.signin.user.admin` ("grants access to Amazon
 * Cognito User Pool API operations that require access tokens", cognito-user-pools-app-idp-settings.html):
 * every sign-in through the API has it, a managed login grant only when asked for; `userInfo`
 * (which needs `openid` instead) passes `requiredScope` null.
 */
export async function accessTokenUser(
  services: Pick<Services, 'cognito' | 'clock'>,
  ctx: Context,
  accessToken: string,
  requiredScope: string | null = OPERATIONS_SCOPE,
): Promise<TokenUser> {
  const found = await lookedUpOnce(ctx, `access-token:${accessToken}`, () => verifiedUser(services, ctx, accessToken));
  if (requiredScope !== null && !found.scopes.includes(requiredScope)) throw accessTokenMissingScope();
  return found;
}

async function verifiedUser(
  { cognito, clock }: Pick<Services, 'cognito' | 'clock'>,
  ctx: Context,
  accessToken: string,
): Promise<TokenUser> {
  let claims: JWTPayload;
  try {
    ({ payload: claims } = await jwtVerify(accessToken, publicKey, { algorithms: ['RS256'], currentDate: clock.get() }));
  } catch (error) {
    throw error instanceof errors.JWTExpired ? accessTokenExpired() : invalidAccessToken();
  }
  if (claims.token_use !== 'access' || typeof claims.iss !== 'string') throw invalidAccessToken();
  const userPool = await cognito.getUserPool(ctx, claims.iss.slice(claims.iss.lastIndexOf('/') + 1)).catch(() => {
    throw invalidAccessToken();
  });
  const user = await userPool.getUserByUsername(ctx, String(claims.sub));
  if (!user) throw invalidAccessToken();
  if (user.Enabled === false) throw userIsDisabled();
  if (!originIsLive(user, claims.origin_jti)) throw accessTokenRevoked();
  const scopes = typeof claims.scope === 'string' ? claims.scope.split(' ') : [];
  return { userPool, user, clientId: String(claims.client_id), scopes };
}
