import { noVerifiedRecoveryContact, userIsDisabled, usernameClientIdNotFound } from '../cognito-answers.ts';
import type { ForgotPasswordCommandInput, ForgotPasswordCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import { refuseWrongSecretHash } from '../rules/client-secret-rules.ts';
import { maskedDelivery } from '../rules/masked-destinations.ts';
import { migratedUser } from '../triggers/user-migration.ts';
import { recoveryDelivery, simulatedDelivery } from './account-recovery.ts';
import { clientOf } from './client-of.ts';
import type { Operation, OperationDeps } from './operation-deps.ts';

/**
 * ForgotPassword: a code to reset the password, sent by the pool's AccountRecoverySetting to a
 * verified email or phone number (account-recovery.ts); the user is saved once, with it, after
 * it went. A user the pool does not have is first asked of its UserMigration trigger
 * (UserMigration_ForgotPassword), and saved with the code, RESET_REQUIRED; a throw is the
 * trigger's UserLambdaValidationException. No such user, a disabled one, or one without a verified
 * contact: UserNotFoundException, `User is disabled.` ([U]) or InvalidParameterException — or, for
 * an app client whose PreventUserExistenceErrors is ENABLED, a simulated delivery and no code.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ForgotPassword.html
 * https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-managing-errors.html
 * https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-migrate-user.html
 */
export const forgotPassword: Operation<
  ForgotPasswordCommandInput,
  ForgotPasswordCommandOutput,
  Pick<OperationDeps, 'cognito' | 'clock' | 'otp' | 'messages' | 'triggers'>
> = async (deps, ctx, input) => {
  const { ClientId: clientId = '', Username: name = '', ClientMetadata: clientMetadata } = input;
  const { pool, client } = await clientOf(deps.cognito, ctx, clientId);
  refuseWrongSecretHash(client, input.SecretHash, [name]);
  const hideUsers = client.PreventUserExistenceErrors === 'ENABLED';
  const user =
    (await pool.getUserByUsername(ctx, name)) ??
    (deps.triggers.has(pool.options, 'UserMigration')
      ? await migratedUser(
          pool.options,
          deps.triggers,
          { source: 'UserMigration_ForgotPassword', username: name, clientId, clientMetadata },
          deps.clock.get(),
        )
      : undefined);
  const delivery = user && user.Enabled !== false ? recoveryDelivery(pool.options, user) : undefined;
  if (!user || !delivery) {
    if (hideUsers) return { CodeDeliveryDetails: maskedDelivery(simulatedDelivery(pool.options, name)) };
    if (!user) throw usernameClientIdNotFound();
    if (user.Enabled === false) throw userIsDisabled();
    throw noVerifiedRecoveryContact();
  }

  const code = deps.otp();
  await deps.messages.deliver(ctx, 'ForgotPassword', clientId, pool.options.Id, user, code, clientMetadata, delivery, pool.options);
  await pool.saveUser(ctx, { ...user, UserLastModifiedDate: deps.clock.get(), PasswordResetCode: code });
  return { CodeDeliveryDetails: maskedDelivery(delivery) };
};
