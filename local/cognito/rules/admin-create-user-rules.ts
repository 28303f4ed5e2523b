import type { AdminCreateUserCommandInput } from '@aws-sdk/client-cognito-identity-provider';
import type { UserPool } from '../cognito-local.ts';
import { noDeliveryAttribute } from '../cognito-answers.ts';

/** The attribute each DesiredDeliveryMediums value sends the invitation to, as Cognito names it in its answer. */
const MEDIUMS = { EMAIL: { attribute: 'email', name: 'Email' }, SMS: { attribute: 'phone_number', name: 'Sms' } } as const;

/**
 * AdminCreateUser refuses, before creating anyone, an invitation it could not send: each of the
 * DesiredDeliveryMediums (default SMS) needs its attribute, `email` for EMAIL, `phone_number` for
 * SMS (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminCreateUser.html,
 * UserAttributes). An email username stands for the email attribute in a pool whose
 * UsernameAttributes include email.
 */
export function refuseUndeliverableInvitation(pool: UserPool, input: AdminCreateUserCommandInput): void {
  if (input.MessageAction === 'SUPPRESS') return;
  const emailUsername = pool.UsernameAttributes?.includes('email') ? input.Username : undefined;
  for (const medium of input.DesiredDeliveryMediums ?? ['SMS']) {
    const { attribute, name } = MEDIUMS[medium as keyof typeof MEDIUMS] ?? {};
    if (
      attribute &&
      !(input.UserAttributes?.find(({ Name }) => Name === attribute)?.Value ?? (attribute === 'email' ? emailUsername : undefined))
    ) {
      throw noDeliveryAttribute(attribute, name);
    }
  }
}
