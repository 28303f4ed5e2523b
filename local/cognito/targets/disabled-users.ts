import type { Context, Route, Services, User } from '../cognito-local.ts';
import { userIsDisabled } from '../cognito-answers.ts';

type Wrapper = (route: Route) => Route;

/** A user AdminDisableUser disabled at some point: access tokens issued up to then stay revoked. */
export type DisablingUser = User & { DisabledAt?: number };

/**
 * A disabled user cannot renew their tokens either: a refresh (InitiateAuth or AdminInitiateAuth
 * REFRESH_TOKEN_AUTH, GetTokensFromRefreshToken) of a disabled user's refresh token answers
 * `User is disabled.` before anything is issued ([U]: the message is Cognito's sign-in one).
 * Sign-in itself refuses them in sign-in/, once the credentials are proven.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminDisableUser.html
 */
export const refuseDisabledUsersOnRefresh =
  (services: Pick<Services, 'cognito'>, target: string): Wrapper =>
  (route) =>
  async (ctx, req) => {
    if ((await refreshTokenUser(services, ctx, target, req ?? {}))?.Enabled === false) throw userIsDisabled();
    return route(ctx, req);
  };

/** The user holding the refresh token a refresh request sends; undefined for other requests, or when no one holds it. */
async function refreshTokenUser({ cognito }: Pick<Services, 'cognito'>, ctx: Context, target: string, req: Record<string, any>) {
  const token = target === 'GetTokensFromRefreshToken' ? req.RefreshToken : req.AuthParameters?.REFRESH_TOKEN;
  const refresh = target === 'GetTokensFromRefreshToken' || req.AuthFlow === 'REFRESH_TOKEN_AUTH' || req.AuthFlow === 'REFRESH_TOKEN';
  if (!refresh || typeof token !== 'string') return undefined;
  try {
    const pool = target.startsWith('Admin')
      ? await cognito.getUserPool(ctx, String(req.UserPoolId))
      : await cognito.getUserPoolForClientId(ctx, String(req.ClientId));
    return (await pool.getUserByRefreshToken(ctx, token)) ?? undefined;
  } catch {
    return undefined; // an unknown pool or client: the operation answers that
  }
}

/**
 * AdminDisableUser "revokes all access tokens for the user": the time is kept (as GlobalSignOut
 * keeps its own) so they stay refused after AdminEnableUser.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminDisableUser.html
 */
export const revokeAccessTokensOnDisable =
  ({ cognito }: Pick<Services, 'cognito'>): Wrapper =>
  (route) =>
  async (ctx, req) => {
    const answer = await route(ctx, req);
    const userPool = await cognito.getUserPool(ctx, req.UserPoolId);
    const user = await userPool.getUserByUsername(ctx, req.Username);
    if (user) await userPool.saveUser(ctx, { ...user, DisabledAt: Math.floor(Date.now() / 1000) } as DisablingUser);
    return answer;
  };

/**
 * AdminEnableUser lets the user sign in again, but not with the refresh tokens they held when
 * disabled: whether those survive is undocumented, so they are revoked ([U], the strict side).
 */
export const revokeRefreshTokensOnEnable =
  ({ cognito }: Pick<Services, 'cognito'>): Wrapper =>
  (route) =>
  async (ctx, req) => {
    const userPool = await cognito.getUserPool(ctx, req.UserPoolId);
    const wasDisabled = (await userPool.getUserByUsername(ctx, req.Username))?.Enabled === false;
    const answer = await route(ctx, req);
    const user = wasDisabled ? await userPool.getUserByUsername(ctx, req.Username) : null;
    if (user) await userPool.saveUser(ctx, { ...user, RefreshTokens: [] });
    return answer;
  };
