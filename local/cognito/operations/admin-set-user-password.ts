import type { AdminSetUserPasswordCommandInput, AdminSetUserPasswordCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import { adminUser } from '../rules/admin-users.ts';
import { refuseWeakPassword } from '../rules/cognito-rules.ts';
import type { Operation, OperationDeps } from './operation-deps.ts';

/**
 * AdminSetUserPassword: the password must meet the pool's policy (InvalidPasswordException); a
 * permanent one makes the user CONFIRMED, a temporary one FORCE_CHANGE_PASSWORD (the next sign-in
 * answers NEW_PASSWORD_REQUIRED). AWS documents nothing about the user's lockout or tokens here:
 * both are left as they are. One save.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminSetUserPassword.html
 */
export const adminSetUserPassword: Operation<
  AdminSetUserPasswordCommandInput,
  AdminSetUserPasswordCommandOutput,
  Pick<OperationDeps, 'cognito' | 'clock'>
> = async (deps, ctx, input) => {
  const password = input.Password ?? '';
  const { userPool, user } = await adminUser(deps, ctx, input);
  refuseWeakPassword(userPool.options, password);
  await userPool.saveUser(ctx, {
    ...user,
    Password: password,
    UserStatus: input.Permanent ? 'CONFIRMED' : 'FORCE_CHANGE_PASSWORD',
    UserLastModifiedDate: deps.clock.get(),
  });
  return {};
};
