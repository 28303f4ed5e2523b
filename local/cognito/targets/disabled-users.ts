import { NotAuthorizedError, type Route, type Services, type User } from '../cognito-local.ts';
import { isRefresh, signInUser } from './sign-in-user.ts';

type Wrapper = (route: Route) => Route;

/** A user AdminDisableUser disabled at some point: access tokens issued up to then stay revoked. */
export type DisablingUser = User & { DisabledAt?: number };

export const userIsDisabled = () => new NotAuthorizedError('User is disabled.');

/** The challenges that open a flow before any credential is checked: a disabled user is told at the next step. */
const OPENING_CHALLENGES: ReadonlySet<unknown> = new Set(['PASSWORD_VERIFIER', 'SELECT_CHALLENGE', 'CUSTOM_CHALLENGE']);

/**
 * A disabled user cannot sign in ("A deactivated user can't sign in"): every sign-in operation
 * refuses them with `User is disabled.` once their credentials are proven (a wrong password still
 * answers as such, so the answer does not tell strangers the account exists), and a refresh
 * refuses them at once. The refresh token a refused answer carried is withdrawn.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminDisableUser.html
 */
export const refuseDisabledUsers =
  (services: Pick<Services, 'cognito'>, target: string): Wrapper =>
  (route) =>
  async (ctx, req) => {
    if (isRefresh(target, req ?? {})) {
      const named = await signInUser(services, ctx, target, req ?? {});
      if (named?.user.Enabled === false) throw userIsDisabled();
      return route(ctx, req);
    }
    const answer = await route(ctx, req);
    if (OPENING_CHALLENGES.has(answer?.ChallengeName)) return answer;
    const named = await signInUser(services, ctx, target, req ?? {});
    if (named?.user.Enabled === false) {
      const issued: unknown = answer?.AuthenticationResult?.RefreshToken;
      if (typeof issued === 'string') {
        await named.userPool.saveUser(ctx, { ...named.user, RefreshTokens: named.user.RefreshTokens.filter((token) => token !== issued) });
      }
      throw userIsDisabled();
    }
    return answer;
  };

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
