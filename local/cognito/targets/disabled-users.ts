import type { Context, Services, Wrapper } from '../cognito-local.ts';
import { userIsDisabled } from '../cognito-answers.ts';

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
