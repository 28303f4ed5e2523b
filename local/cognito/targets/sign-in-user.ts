import type { Context, Services, User, UserPoolService } from '../cognito-local.ts';

/** The members of a sign-in request that name its pool and user. */
export interface SignInRequest {
  readonly ClientId?: unknown;
  readonly UserPoolId?: unknown;
  readonly AuthFlow?: unknown;
  readonly AuthParameters?: Readonly<Record<string, string>>;
  readonly ChallengeName?: unknown;
  readonly ChallengeResponses?: Readonly<Record<string, string>>;
  readonly RefreshToken?: unknown;
}

/** The operations that sign a user in or renew their tokens, whose requests name the user. */
export const SIGN_IN_TARGETS: ReadonlySet<string> = new Set([
  'InitiateAuth',
  'AdminInitiateAuth',
  'RespondToAuthChallenge',
  'AdminRespondToAuthChallenge',
  'GetTokensFromRefreshToken',
]);

/** Whether the request renews tokens with a refresh token (and so names its user by that token). */
export function isRefresh(target: string, req: SignInRequest): boolean {
  return target === 'GetTokensFromRefreshToken' || req.AuthFlow === 'REFRESH_TOKEN_AUTH' || req.AuthFlow === 'REFRESH_TOKEN';
}

/**
 * The pool and user a sign-in request names, read from the request alone: USERNAME in
 * AuthParameters or ChallengeResponses (a username, `sub` or alias), or the user holding the
 * refresh token. Undefined when the request names no known pool or user: the operation answers that.
 */
export async function signInUser(
  { cognito }: Pick<Services, 'cognito'>,
  ctx: Context,
  target: string,
  req: SignInRequest,
): Promise<{ userPool: UserPoolService; user: User } | undefined> {
  if (!SIGN_IN_TARGETS.has(target)) return undefined;
  let userPool: UserPoolService;
  try {
    userPool = target.startsWith('Admin')
      ? await cognito.getUserPool(ctx, String(req.UserPoolId))
      : await cognito.getUserPoolForClientId(ctx, String(req.ClientId));
  } catch {
    return undefined;
  }
  const user = isRefresh(target, req)
    ? await userPool.getUserByRefreshToken(ctx, String(req.RefreshToken ?? req.AuthParameters?.REFRESH_TOKEN ?? ''))
    : await userPool.getUserByUsername(ctx, String(req.AuthParameters?.USERNAME ?? req.ChallengeResponses?.USERNAME ?? ''));
  return user ? { userPool, user } : undefined;
}
