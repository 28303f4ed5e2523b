import type { AdminUserGlobalSignOutCommandInput, AdminUserGlobalSignOutCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Context, Services } from '../cognito-local.ts';
import { adminUser } from './admin-users.ts';
import { signOutEverywhere } from './global-sign-out.ts';

/**
 * AdminUserGlobalSignOut: GlobalSignOut for the user an administrator names (username or alias):
 * their refresh tokens are revoked and their access tokens refused by Cognito's APIs
 * (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminUserGlobalSignOut.html).
 */
export const AdminUserGlobalSignOut =
  (services: Pick<Services, 'cognito'>) =>
  async (ctx: Context, req: AdminUserGlobalSignOutCommandInput): Promise<Omit<AdminUserGlobalSignOutCommandOutput, '$metadata'>> => {
    const { userPool, user } = await adminUser(services, ctx, req);
    await signOutEverywhere(ctx, userPool, user);
    return {};
  };
