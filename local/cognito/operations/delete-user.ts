import type { DeleteUserCommandInput, DeleteUserCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import { accessTokenUser } from '../rules/access-tokens.ts';
import type { Operation, OperationDeps } from './operation-deps.ts';

/**
 * DeleteUser: the access token's user (verified once: a revoked, expired or disabled user's token
 * deletes nothing) deletes their own profile, its refresh tokens with it.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DeleteUser.html
 */
export const deleteUser: Operation<DeleteUserCommandInput, DeleteUserCommandOutput, Pick<OperationDeps, 'cognito' | 'clock'>> = async (
  deps,
  ctx,
  input,
) => {
  const { userPool, user } = await accessTokenUser(deps, ctx, input.AccessToken ?? '');
  await userPool.deleteUser(ctx, user);
  return {};
};
