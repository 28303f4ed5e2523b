import { usernameClientIdNotFound, verificationCodeExpired, verificationCodeMismatch } from '../cognito-answers.ts';
import type { ConfirmForgotPasswordCommandInput, ConfirmForgotPasswordCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { User } from '../cognito-local.ts';
import { refuseWrongSecretHash } from '../rules/client-secret-rules.ts';
import { refuseWeakPassword } from '../rules/cognito-rules.ts';
import { clientOf } from './client-of.ts';
import { saveConfirmed } from './save-confirmed.ts';
import type { Operation, OperationDeps } from './operation-deps.ts';

/**
 * ConfirmForgotPassword: the code ForgotPassword sent sets the new password (the pool's policy
 * checked first) and confirms the user; saved once, then PostConfirmation
 * (PostConfirmation_ConfirmForgotPassword) runs with the user's attributes. A user with no reset
 * code pending (sign-up's code is not one) gets ExpiredCodeException ("If a code isn't requested
 * when using ForgotPassword"); no such user is UserNotFoundException, or, for an app client whose
 * PreventUserExistenceErrors is ENABLED, CodeMismatchException, as for a wrong code.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-managing-errors.html
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ConfirmForgotPassword.html
 * https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-post-confirmation.html
 */
export const confirmForgotPassword: Operation<
  ConfirmForgotPasswordCommandInput,
  ConfirmForgotPasswordCommandOutput,
  Pick<OperationDeps, 'cognito' | 'clock' | 'triggers'>
> = async (deps, ctx, input) => {
  const { ClientId: clientId = '', Username: name = '', Password: password = '', ClientMetadata: clientMetadata } = input;
  const { pool, client } = await clientOf(deps.cognito, ctx, clientId);
  refuseWrongSecretHash(client, input.SecretHash, [name]);
  refuseWeakPassword(pool.options, password);
  const user = await pool.getUserByUsername(ctx, name);
  if (!user) throw client.PreventUserExistenceErrors === 'ENABLED' ? verificationCodeMismatch() : usernameClientIdNotFound();
  if (user.PasswordResetCode === undefined) throw verificationCodeExpired();
  if (user.PasswordResetCode !== input.ConfirmationCode) throw verificationCodeMismatch();

  const confirmed: User = {
    ...user,
    UserStatus: 'CONFIRMED',
    PasswordResetCode: undefined,
    Password: password,
    UserLastModifiedDate: deps.clock.get(),
  };
  await saveConfirmed(deps, ctx, pool, confirmed, { source: 'PostConfirmation_ConfirmForgotPassword', clientId, clientMetadata });
  return {};
};
