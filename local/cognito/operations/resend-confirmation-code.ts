import { autoVerificationOff, userAlreadyConfirmed, usernameClientIdNotFound } from '../cognito-answers.ts';
import type { ResendConfirmationCodeCommandInput, ResendConfirmationCodeCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import { selectAppropriateDeliveryMethod } from '../cognito-local.ts';
import { refuseWrongSecretHash } from '../rules/client-secret-rules.ts';
import { maskedDelivery } from '../rules/masked-destinations.ts';
import { simulatedDelivery } from './account-recovery.ts';
import { clientOf } from './client-of.ts';
import type { Operation, OperationDeps } from './operation-deps.ts';

/**
 * ResendConfirmationCode: a new sign-up code for an unconfirmed user, delivered like the first
 * (the pool named, for its CustomMessage trigger); the answer masks where it went. No such user is
 * UserNotFoundException, or, for an app client whose PreventUserExistenceErrors is ENABLED, a
 * simulated delivery.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ResendConfirmationCode.html
 * https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-managing-errors.html
 */
export const resendConfirmationCode: Operation<
  ResendConfirmationCodeCommandInput,
  ResendConfirmationCodeCommandOutput,
  Pick<OperationDeps, 'cognito' | 'messages' | 'otp'>
> = async (deps, ctx, input) => {
  const { ClientId: clientId = '', Username: name = '', ClientMetadata: clientMetadata } = input;
  const { pool, client } = await clientOf(deps.cognito, ctx, clientId);
  refuseWrongSecretHash(client, input.SecretHash, [name]);
  const user = await pool.getUserByUsername(ctx, name);
  if (!user) {
    // "account confirmation ... APIs return a response indicating a code was sent to a simulated delivery medium".
    if (client.PreventUserExistenceErrors === 'ENABLED')
      return { CodeDeliveryDetails: maskedDelivery(simulatedDelivery(pool.options, name)) };
    throw usernameClientIdNotFound();
  }
  if (user.UserStatus === 'CONFIRMED') throw userAlreadyConfirmed();
  const delivery = selectAppropriateDeliveryMethod(pool.options.AutoVerifiedAttributes ?? [], user);
  if (!delivery) throw autoVerificationOff();

  const code = deps.otp();
  // Sent before the one save: a failing delivery (CustomMessage) leaves the code the user has.
  await deps.messages.deliver(ctx, 'ResendCode', clientId, pool.options.Id, user, code, clientMetadata, delivery, pool.options);
  await pool.saveUser(ctx, { ...user, ConfirmationCode: code });
  return { CodeDeliveryDetails: maskedDelivery(delivery) };
};
