import type { GlobalSignOutCommandInput, GlobalSignOutCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Context, Services, User, UserPoolService } from '../cognito-local.ts';
import { accessTokenUser } from './access-tokens.ts';

/**
 * Signs `user` out everywhere: every refresh token stops working, and so do the access tokens of
 * their origins against Cognito's own APIs (accessTokenUser); a sign-in afterwards works at once.
 */
export async function signOutEverywhere(ctx: Context, userPool: UserPoolService, user: User): Promise<void> {
  await userPool.saveUser(ctx, { ...user, RefreshTokens: [] });
}

/**
 * GlobalSignOut: every refresh token of the access token's user stops working, and so do its
 * access tokens against Cognito's own APIs. ID and access tokens stay valid for API Gateway
 * until they expire, as on AWS.
 */
export const GlobalSignOut =
  (services: Pick<Services, 'cognito' | 'clock'>) =>
  async (ctx: Context, req: GlobalSignOutCommandInput): Promise<Omit<GlobalSignOutCommandOutput, '$metadata'>> => {
    const { userPool, user } = await accessTokenUser(services, ctx, req.AccessToken ?? '');
    await signOutEverywhere(ctx, userPool, user);
    return {};
  };
