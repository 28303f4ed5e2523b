import type { ResendConfirmationCodeCommandInput, ResendConfirmationCodeCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import { CognitoError, type Context, InvalidParameterError, selectAppropriateDeliveryMethod, type Services } from '../cognito-local.ts';

/** ResendConfirmationCode: a new sign-up code for an unconfirmed user, delivered like the first. */
export const ResendConfirmationCode =
  ({ cognito, messages, otp }: Pick<Services, 'cognito' | 'messages' | 'otp'>) =>
  async (ctx: Context, req: ResendConfirmationCodeCommandInput): Promise<Omit<ResendConfirmationCodeCommandOutput, '$metadata'>> => {
    const userPool = await cognito.getUserPoolForClientId(ctx, req.ClientId ?? '');
    const user = await userPool.getUserByUsername(ctx, req.Username ?? '');
    if (!user) throw new CognitoError('UserNotFoundException', 'Username/client id combination not found.');
    if (user.UserStatus === 'CONFIRMED') throw new InvalidParameterError('User is already confirmed.');
    const deliveryDetails = selectAppropriateDeliveryMethod(userPool.options.AutoVerifiedAttributes ?? [], user);
    if (!deliveryDetails) throw new InvalidParameterError('Auto verification not turned on.');

    const code = otp();
    await userPool.saveUser(ctx, { ...user, ConfirmationCode: code });
    await messages.deliver(ctx, 'ResendCode', req.ClientId!, userPool.options.Id, user, code, req.ClientMetadata, deliveryDetails);
    return { CodeDeliveryDetails: deliveryDetails };
  };
