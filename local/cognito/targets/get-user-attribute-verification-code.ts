import type {
  GetUserAttributeVerificationCodeCommandInput,
  GetUserAttributeVerificationCodeCommandOutput,
} from '@aws-sdk/client-cognito-identity-provider';
import { type Context, selectAppropriateDeliveryMethod, type Services } from '../cognito-local.ts';
import { accessTokenUser } from './access-tokens.ts';
import { noAttributeToVerify } from '../cognito-answers.ts';

/**
 * GetUserAttributeVerificationCode sends a code to the attribute the request names (`email` or
 * `phone_number`; a change waiting for verification first) and answers where it went, as
 * Cognito does (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetUserAttributeVerificationCode.html).
 * cognito-local sent it to the pool's first auto-verified attribute, whatever was asked, and
 * answered `{}`.
 */
export const GetUserAttributeVerificationCode =
  (services: Pick<Services, 'cognito' | 'clock' | 'messages' | 'otp'>) =>
  async (
    ctx: Context,
    req: GetUserAttributeVerificationCodeCommandInput,
  ): Promise<Omit<GetUserAttributeVerificationCodeCommandOutput, '$metadata'>> => {
    const { userPool, user } = await accessTokenUser(services, ctx, req.AccessToken ?? '');
    const delivery = selectAppropriateDeliveryMethod([req.AttributeName ?? ''], user);
    // Undocumented: the strict side refuses any other attribute, and one the user lacks.
    if (!delivery) throw noAttributeToVerify();
    const code = services.otp();
    await userPool.saveUser(ctx, { ...user, AttributeVerificationCode: code });
    await services.messages.deliver(ctx, 'VerifyUserAttribute', null, userPool.options.Id, user, code, req.ClientMetadata, delivery);
    return { CodeDeliveryDetails: delivery };
  };
