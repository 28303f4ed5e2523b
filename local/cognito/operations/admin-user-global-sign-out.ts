import type { AdminUserGlobalSignOutCommandInput, AdminUserGlobalSignOutCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import { adminUser } from '../rules/admin-users.ts';
import { signOutEverywhere } from './sign-out-everywhere.ts';
import type { Operation, OperationDeps } from './operation-deps.ts';

/**
 * AdminUserGlobalSignOut: GlobalSignOut for the user an administrator names (username or alias):
 * their refresh tokens are revoked and their access tokens refused by Cognito's APIs. One save.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminUserGlobalSignOut.html
 */
export const adminUserGlobalSignOut: Operation<
  AdminUserGlobalSignOutCommandInput,
  AdminUserGlobalSignOutCommandOutput,
  Pick<OperationDeps, 'cognito'>
> = async (deps, ctx, input) => {
  const { userPool, user } = await adminUser(deps, ctx, input);
  await signOutEverywhere(ctx, userPool, user);
  return {};
};
