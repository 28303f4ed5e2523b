import type { ResendConfirmationCodeCommandInput, ResendConfirmationCodeCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import { type Context, selectAppropriateDeliveryMethod, type Services } from '../cognito-local.ts';
import { autoVerificationOff, userAlreadyConfirmed, usernameClientIdNotFound } from '../cognito-answers.ts';

/** ResendConfirmationCode: a new sign-up code for an unconfirmed user, delivered like the first. */
export const ResendConfirmationCode =
  ({ cognito, messages, otp }: Pick<Services, 'cognito' | 'messages' | 'otp'>) =>
  async (ctx: Context, req: ResendConfirmationCodeCommandInput): Promise<Omit<ResendConfirmationCodeCommandOutput, '$metadata'>> => {
    const userPool = await cognito.getUserPoolForClientId(ctx, req.ClientId ?? '');
    const user = await userPool.getUserByUsername(ctx, req.Username ?? '');
    if (!user) throw usernameClientIdNotFound();
    if (user.UserStatus === 'CONFIRMED') throw userAlreadyConfirmed();
    const deliveryDetails = selectAppropriateDeliveryMethod(userPool.options.AutoVerifiedAttributes ?? [], user);
    if (!deliveryDetails) throw autoVerificationOff();

    const code = otp();
    await userPool.saveUser(ctx, { ...user, ConfirmationCode: code });
    await messages.deliver(ctx, 'ResendCode', req.ClientId!, userPool.options.Id, user, code, req.ClientMetadata, deliveryDetails);
    return { CodeDeliveryDetails: deliveryDetails };
  };
