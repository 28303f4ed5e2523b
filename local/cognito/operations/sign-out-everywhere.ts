import type { Context, User, UserPoolService } from '../cognito-local.ts';

/**
 * Signs `user` out everywhere: every refresh token stops working, and so do the access tokens of
 * their origins against Cognito's own APIs (accessTokenUser); a sign-in afterwards works at once.
 * GlobalSignOut (operations/global-sign-out.ts) and AdminUserGlobalSignOut share it.
 */
export async function signOutEverywhere(ctx: Context, userPool: UserPoolService, user: User): Promise<void> {
  await userPool.updateUser(ctx, user.Username, (current) => ({ ...current, RefreshTokens: [] }));
}
