import type { AdminCreateUserCommandInput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services, Wrapper } from '../cognito-local.ts';
import { noDeliveryAttribute } from '../cognito-answers.ts';

/** The attribute each DesiredDeliveryMediums value sends the invitation to, as Cognito names it in its answer. */
const MEDIUMS = { EMAIL: { attribute: 'email', name: 'Email' }, SMS: { attribute: 'phone_number', name: 'Sms' } } as const;

/**
 * AdminCreateUser refuses, before creating anyone, an invitation it could not send: each of the
 * DesiredDeliveryMediums (default SMS) needs its attribute, `email` for EMAIL, `phone_number` for
 * SMS (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminCreateUser.html,
 * UserAttributes). cognito-local saved the user first, then failed. An email username stands for
 * the email attribute in a pool whose UsernameAttributes include email, as cognito-local adds it.
 */
export const requireDeliveryAttributes =
  ({ cognito }: Pick<Services, 'cognito'>): Wrapper =>
  (route) =>
  async (ctx, req: AdminCreateUserCommandInput) => {
    if (req.MessageAction !== 'SUPPRESS') {
      const userPool = await cognito.getUserPool(ctx, req.UserPoolId ?? '');
      const emailUsername = userPool.options.UsernameAttributes?.includes('email') ? req.Username : undefined;
      for (const medium of req.DesiredDeliveryMediums ?? ['SMS']) {
        const { attribute, name } = MEDIUMS[medium as keyof typeof MEDIUMS] ?? {};
        if (
          attribute &&
          !(req.UserAttributes?.find(({ Name }) => Name === attribute)?.Value ?? (attribute === 'email' ? emailUsername : undefined))
        ) {
          throw noDeliveryAttribute(attribute, name);
        }
      }
    }
    return route(ctx, req);
  };

/**
 * A failed AdminCreateUser leaves no user: should anything fail once cognito-local has saved
 * the user (its invitation, a CustomMessage trigger), the user is removed before the error
 * is answered, as Cognito creates nobody when it answers an error.
 */
export const leaveNoUserOnFailure =
  ({ cognito }: Pick<Services, 'cognito'>): Wrapper =>
  (route) =>
  async (ctx, req) => {
    const userPool = await cognito.getUserPool(ctx, req.UserPoolId ?? '');
    const existed = (await userPool.getUserByUsername(ctx, req.Username ?? '')) !== null;
    try {
      return await route(ctx, req);
    } catch (error) {
      const created = existed ? null : await userPool.getUserByUsername(ctx, req.Username ?? '');
      if (created) await userPool.deleteUser(ctx, created);
      throw error;
    }
  };
