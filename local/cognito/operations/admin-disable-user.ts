import type { AdminDisableUserCommandInput, AdminDisableUserCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import { adminUser } from '../rules/admin-users.ts';
import type { Operation, OperationDeps } from './operation-deps.ts';

/**
 * AdminDisableUser: the user, named by username or alias, can no longer sign in, refresh, or use
 * the tokens they hold ("revokes all access tokens for the user": accessTokenUser refuses a
 * disabled user's). One save.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminDisableUser.html
 */
export const adminDisableUser: Operation<
  AdminDisableUserCommandInput,
  AdminDisableUserCommandOutput,
  Pick<OperationDeps, 'cognito' | 'clock'>
> = async (deps, ctx, input) => {
  const { userPool, user } = await adminUser(deps, ctx, input);
  await userPool.saveUser(ctx, { ...user, Enabled: false, UserLastModifiedDate: deps.clock.get() });
  return {};
};
