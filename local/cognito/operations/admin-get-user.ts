import type { AdminGetUserCommandInput, AdminGetUserCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import { adminUser } from '../rules/admin-users.ts';
import type { Operation, OperationDeps } from './operation-deps.ts';

/**
 * AdminGetUser: the user an administrator names (username or alias), with all their attributes
 * (no app client filters them), status, dates and MFA settings.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminGetUser.html
 */
export const adminGetUser: Operation<AdminGetUserCommandInput, AdminGetUserCommandOutput, Pick<OperationDeps, 'cognito'>> = async (
  deps,
  ctx,
  input,
) => {
  const { user } = await adminUser(deps, ctx, input);
  const answer = {
    Enabled: user.Enabled,
    MFAOptions: user.MFAOptions,
    PreferredMfaSetting: user.PreferredMfaSetting,
    UserAttributes: user.Attributes,
    UserCreateDate: user.UserCreateDate,
    UserLastModifiedDate: user.UserLastModifiedDate,
    UserMFASettingList: user.UserMFASettingList,
    Username: user.Username,
    UserStatus: user.UserStatus,
  };
  return answer as Omit<AdminGetUserCommandOutput, '$metadata'>;
};
