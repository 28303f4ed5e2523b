import type { AdminUserGlobalSignOutCommandInput, AdminUserGlobalSignOutCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Context } from '../cognito-local.ts';
import { adminUser } from '../rules/admin-users.ts';
import { signOutEverywhere } from './sign-out-everywhere.ts';
import type { OperationDeps } from './operation-deps.ts';

/**
 * AdminUserGlobalSignOut: GlobalSignOut for the user an administrator names (username or alias):
 * their refresh tokens are revoked and their access tokens refused by Cognito's APIs. One save.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminUserGlobalSignOut.html
 */
export async function adminUserGlobalSignOut(
  deps: Pick<OperationDeps, 'cognito'>,
  ctx: Context,
  input: AdminUserGlobalSignOutCommandInput,
): Promise<Omit<AdminUserGlobalSignOutCommandOutput, '$metadata'>> {
  const { userPool, user } = await adminUser(deps, ctx, input);
  await signOutEverywhere(ctx, userPool, user);
  return {};
}
