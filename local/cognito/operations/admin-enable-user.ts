import type { AdminEnableUserCommandInput, AdminEnableUserCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import { adminUser } from '../rules/admin-users.ts';
import type { Operation, OperationDeps } from './operation-deps.ts';

/**
 * AdminEnableUser: the user, named by username or alias, may sign in again, but not with the
 * refresh tokens they held when disabled, and the access tokens of those sign-ins stay revoked
 * (AdminDisableUser "revokes all access tokens"; revocation is by origin, so tokens of a sign-in
 * afterwards work at once). Whether the refresh tokens survive is undocumented: they are revoked
 * ([U], the strict side). One save.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminEnableUser.html
 */
export const adminEnableUser: Operation<
  AdminEnableUserCommandInput,
  AdminEnableUserCommandOutput,
  Pick<OperationDeps, 'cognito' | 'clock'>
> = async (deps, ctx, input) => {
  const { userPool, user } = await adminUser(deps, ctx, input);
  const revoked = user.Enabled === false ? { RefreshTokens: [] } : {};
  await userPool.saveUser(ctx, { ...user, ...revoked, Enabled: true, UserLastModifiedDate: deps.clock.get() });
  return {};
};
