import type { GlobalSignOutCommandInput, GlobalSignOutCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Context, Services, UserPoolService } from '../cognito-local.ts';
import { accessTokenUser, type SignedOutUser } from './access-tokens.ts';

/**
 * Signs `user` out everywhere: every refresh token stops working, and so do the access tokens
 * issued until now against Cognito's own APIs (accessTokenUser reads `GlobalSignOutAt`).
 */
export async function signOutEverywhere(ctx: Context, userPool: UserPoolService, user: SignedOutUser): Promise<void> {
  const signedOut: SignedOutUser = { ...user, RefreshTokens: [], GlobalSignOutAt: Math.floor(Date.now() / 1000) };
  await userPool.saveUser(ctx, signedOut);
}

/**
 * GlobalSignOut: every refresh token of the access token's user stops working, and so do its
 * access tokens against Cognito's own APIs. ID and access tokens stay valid for API Gateway
 * until they expire, as on AWS.
 */
export const GlobalSignOut =
  (services: Pick<Services, 'cognito'>) =>
  async (ctx: Context, req: GlobalSignOutCommandInput): Promise<Omit<GlobalSignOutCommandOutput, '$metadata'>> => {
    const { userPool, user } = await accessTokenUser(services, ctx, req.AccessToken ?? '');
    await signOutEverywhere(ctx, userPool, user);
    return {};
  };
