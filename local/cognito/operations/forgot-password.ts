import { usernameClientIdNotFound } from '../cognito-answers.ts';
import type { ForgotPasswordCommandInput, ForgotPasswordCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import { attributeValue, type Context, type DeliveryDetails, UnsupportedError } from '../cognito-local.ts';
import { refuseWrongSecretHash } from '../targets/client-secret-rules.ts';
import { maskedDelivery } from '../targets/masked-destinations.ts';
import { migratedUser } from '../triggers/user-migration.ts';
import { clientOf } from './client-of.ts';
import type { OperationDeps } from './operation-deps.ts';

/**
 * ForgotPassword: a code to reset the password, sent to the user's email; the user is saved once,
 * with it. A user the pool does not have is first asked of its UserMigration trigger
 * (UserMigration_ForgotPassword), and saved with the code, RESET_REQUIRED; a throw is the
 * trigger's UserLambdaValidationException.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ForgotPassword.html
 * https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-migrate-user.html
 */
export async function forgotPassword(
  deps: Pick<OperationDeps, 'cognito' | 'clock' | 'otp' | 'messages' | 'triggers'>,
  ctx: Context,
  input: ForgotPasswordCommandInput,
): Promise<Omit<ForgotPasswordCommandOutput, '$metadata'>> {
  const { ClientId: clientId = '', Username: name = '', ClientMetadata: clientMetadata } = input;
  const { pool, client } = await clientOf(deps.cognito, ctx, clientId);
  refuseWrongSecretHash(client, input.SecretHash, [name]);
  const user =
    (await pool.getUserByUsername(ctx, name)) ??
    (deps.triggers.has(pool.options, 'UserMigration')
      ? await migratedUser(
          pool.options,
          deps.triggers,
          {
            source: 'UserMigration_ForgotPassword',
            username: name,
            clientId,
            clientMetadata,
          },
          deps.clock.get(),
        )
      : undefined);
  if (!user) throw usernameClientIdNotFound();
  const email = attributeValue('email', user.Attributes);
  // As cognito-local: a reset code goes by email only.
  if (!email) throw new UnsupportedError('ForgotPassword without email on user');
  const delivery: DeliveryDetails = { AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: email };

  const code = deps.otp();
  await deps.messages.deliver(ctx, 'ForgotPassword', clientId, pool.options.Id, user, code, clientMetadata, delivery, pool.options);
  await pool.saveUser(ctx, { ...user, UserLastModifiedDate: deps.clock.get(), ConfirmationCode: code });
  return { CodeDeliveryDetails: maskedDelivery(delivery) };
}
