import type { ResendConfirmationCodeCommandInput, ResendConfirmationCodeCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import { CognitoError, type Context, InvalidParameterError, selectAppropriateDeliveryMethod } from '../cognito-local.ts';
import { refuseWrongSecretHash } from '../targets/client-secret-rules.ts';
import { maskedDelivery } from '../targets/masked-destinations.ts';
import { clientOf } from './client-of.ts';
import type { OperationDeps } from './operation-deps.ts';

/**
 * ResendConfirmationCode: a new sign-up code for an unconfirmed user, delivered like the first
 * (the pool named, for its CustomMessage trigger); the answer masks where it went.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ResendConfirmationCode.html
 */
export async function resendConfirmationCode(
  deps: Pick<OperationDeps, 'cognito' | 'messages' | 'otp'>,
  ctx: Context,
  input: ResendConfirmationCodeCommandInput,
): Promise<Omit<ResendConfirmationCodeCommandOutput, '$metadata'>> {
  const { ClientId: clientId = '', Username: name = '', ClientMetadata: clientMetadata } = input;
  const { pool, client } = await clientOf(deps.cognito, ctx, clientId);
  refuseWrongSecretHash(client, input.SecretHash, [name]);
  const user = await pool.getUserByUsername(ctx, name);
  if (!user) throw new CognitoError('UserNotFoundException', 'Username/client id combination not found.');
  if (user.UserStatus === 'CONFIRMED') throw new InvalidParameterError('User is already confirmed.');
  const delivery = selectAppropriateDeliveryMethod(pool.options.AutoVerifiedAttributes ?? [], user);
  if (!delivery) throw new InvalidParameterError('Auto verification not turned on.');

  const code = deps.otp();
  await pool.saveUser(ctx, { ...user, ConfirmationCode: code });
  await deps.messages.deliver(ctx, 'ResendCode', clientId, pool.options.Id, user, code, clientMetadata, delivery, pool.options);
  return { CodeDeliveryDetails: maskedDelivery(delivery) };
}
