import type { AdminDeleteUserCommandInput, AdminDeleteUserCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Context } from '../cognito-local.ts';
import { adminUser } from '../rules/admin-users.ts';
import type { OperationDeps } from './operation-deps.ts';

/**
 * AdminDeleteUser: the user an administrator names (username or alias) is deleted, with their
 * group memberships; their tokens then find no user (Cognito's APIs refuse them). No save: one
 * delete.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminDeleteUser.html
 */
export async function adminDeleteUser(
  deps: Pick<OperationDeps, 'cognito'>,
  ctx: Context,
  input: AdminDeleteUserCommandInput,
): Promise<Omit<AdminDeleteUserCommandOutput, '$metadata'>> {
  const { userPool, user } = await adminUser(deps, ctx, input);
  await userPool.deleteUser(ctx, user);
  return {};
}
