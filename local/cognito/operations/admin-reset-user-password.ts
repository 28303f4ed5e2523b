import type { AdminResetUserPasswordCommandInput, AdminResetUserPasswordCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import { adminUser } from '../rules/admin-users.ts';
import { recoveryDelivery } from './account-recovery.ts';
import type { Operation, OperationDeps } from './operation-deps.ts';

/**
 * AdminResetUserPassword: "the current password is invalidated, so it must be changed"; the user,
 * named by username or alias, is RESET_REQUIRED (a sign-in answers PasswordResetRequiredException)
 * and ConfirmForgotPassword with the code sets the new password. "Works on any user." The code goes
 * where ForgotPassword's would (the pool's recovery mechanisms, account-recovery.ts), through the
 * CustomMessage trigger as ForgotPassword's; a user without a verified email or phone number gets
 * none, and is reset all the same. One save, after the code went.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminResetUserPassword.html
 */
export const adminResetUserPassword: Operation<
  AdminResetUserPasswordCommandInput,
  AdminResetUserPasswordCommandOutput,
  Pick<OperationDeps, 'cognito' | 'clock' | 'otp' | 'messages'>
> = async (deps, ctx, input) => {
  const { userPool, user } = await adminUser(deps, ctx, input);
  const delivery = recoveryDelivery(userPool.options, user);
  const code = delivery ? deps.otp() : undefined;
  if (delivery && code) {
    await deps.messages.deliver(
      ctx,
      'ForgotPassword',
      null,
      userPool.options.Id,
      user,
      code,
      input.ClientMetadata,
      delivery,
      userPool.options,
    );
  }
  await userPool.updateUser(ctx, user.Username, (current) => ({
    ...current,
    UserStatus: 'RESET_REQUIRED',
    PasswordResetCode: code,
    UserLastModifiedDate: deps.clock.get(),
  }));
  return {};
};
