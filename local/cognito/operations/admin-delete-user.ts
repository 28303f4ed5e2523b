import type { AdminDeleteUserCommandInput, AdminDeleteUserCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import { adminUser } from '../rules/admin-users.ts';
import type { Operation, OperationDeps } from './operation-deps.ts';

/**
 * AdminDeleteUser: the user an administrator names (username or alias) is deleted, with their
 * group memberships; their tokens then find no user (Cognito's APIs refuse them). No save: one
 * delete.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminDeleteUser.html
 */
export const adminDeleteUser: Operation<AdminDeleteUserCommandInput, AdminDeleteUserCommandOutput, Pick<OperationDeps, 'cognito'>> = async (
  deps,
  ctx,
  input,
) => {
  const { userPool, user } = await adminUser(deps, ctx, input);
  await userPool.deleteUser(ctx, user);
  return {};
};
