import type {
  GetUserAttributeVerificationCodeCommandInput,
  GetUserAttributeVerificationCodeCommandOutput,
} from '@aws-sdk/client-cognito-identity-provider';
import { noAttributeToVerify } from '../cognito-answers.ts';
import { selectAppropriateDeliveryMethod } from '../cognito-local.ts';
import { accessTokenUser } from '../rules/access-tokens.ts';
import { maskedDelivery } from '../rules/masked-destinations.ts';
import type { Operation, OperationDeps } from './operation-deps.ts';

/**
 * GetUserAttributeVerificationCode: a code goes to the attribute the request names (`email` or
 * `phone_number`; a change of it waiting for verification first) of the access token's user
 * (verified once), worded by CustomMessage_VerifyUserAttribute, and the answer says where, masked.
 * The code is sent before the one save, so a failed delivery changes nothing. cognito-local sent
 * it to the pool's first auto-verified attribute, whatever was asked, and answered `{}`.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetUserAttributeVerificationCode.html
 */
export const getUserAttributeVerificationCode: Operation<
  GetUserAttributeVerificationCodeCommandInput,
  GetUserAttributeVerificationCodeCommandOutput,
  Pick<OperationDeps, 'cognito' | 'clock' | 'otp' | 'messages'>
> = async (deps, ctx, input) => {
  const { userPool, user } = await accessTokenUser(deps, ctx, input.AccessToken ?? '');
  const delivery = selectAppropriateDeliveryMethod([input.AttributeName ?? ''], user);
  // Undocumented: the strict side refuses any other attribute, and one the user lacks.
  if (!delivery) throw noAttributeToVerify();
  const code = deps.otp();
  const options = userPool.options;
  const withCode = { ...user, AttributeVerificationCode: code };
  await deps.messages.deliver(ctx, 'VerifyUserAttribute', null, options.Id, withCode, code, input.ClientMetadata, delivery, options);
  await userPool.updateUser(ctx, user.Username, (current) => ({ ...current, AttributeVerificationCode: code }));
  return { CodeDeliveryDetails: maskedDelivery(delivery) };
};
