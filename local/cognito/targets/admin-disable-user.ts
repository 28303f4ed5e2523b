import type { AdminDisableUserCommandInput, AdminDisableUserCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Context, Services } from '../cognito-local.ts';
import { adminUser } from './admin-users.ts';

/**
 * AdminDisableUser: the user, named by username or alias, can no longer sign in, refresh, or use
 * the tokens they hold ("revokes all access tokens for the user": accessTokenUser refuses a
 * disabled user's). One save.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminDisableUser.html
 */
export const AdminDisableUser =
  (services: Pick<Services, 'cognito' | 'clock'>) =>
  async (ctx: Context, req: AdminDisableUserCommandInput): Promise<Omit<AdminDisableUserCommandOutput, '$metadata'>> => {
    const { userPool, user } = await adminUser(services, ctx, req);
    await userPool.saveUser(ctx, { ...user, Enabled: false, UserLastModifiedDate: services.clock.get() });
    return {};
  };
