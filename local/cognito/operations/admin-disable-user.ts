import type { AdminDisableUserCommandInput, AdminDisableUserCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Context } from '../cognito-local.ts';
import { adminUser } from '../rules/admin-users.ts';
import type { OperationDeps } from './operation-deps.ts';

/**
 * AdminDisableUser: the user, named by username or alias, can no longer sign in, refresh, or use
 * the tokens they hold ("revokes all access tokens for the user": accessTokenUser refuses a
 * disabled user's). One save.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminDisableUser.html
 */
export async function adminDisableUser(
  deps: Pick<OperationDeps, 'cognito' | 'clock'>,
  ctx: Context,
  input: AdminDisableUserCommandInput,
): Promise<Omit<AdminDisableUserCommandOutput, '$metadata'>> {
  const { userPool, user } = await adminUser(deps, ctx, input);
  await userPool.saveUser(ctx, { ...user, Enabled: false, UserLastModifiedDate: deps.clock.get() });
  return {};
}
