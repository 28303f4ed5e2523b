import type { RecoveryOptionType } from '@aws-sdk/client-cognito-identity-provider';
import { attributeValue, type DeliveryDetails, type User, type UserPool } from '../cognito-local.ts';

// Where ForgotPassword sends its code, and what a client that hides whether users exist is told
// instead. https://docs.aws.amazon.com/cognito/latest/developerguide/how-to-recover-a-user-account.html
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AccountRecoverySettingType.html

/** "In the absence of this setting, Amazon Cognito uses the legacy behavior ... where SMS is preferred over email." */
const LEGACY_RECOVERY: readonly RecoveryOptionType[] = [
  { Name: 'verified_phone_number', Priority: 1 },
  { Name: 'verified_email', Priority: 2 },
];

const verified = (user: User, attribute: 'email' | 'phone_number') => attributeValue(`${attribute}_verified`, user.Attributes) === 'true';

/**
 * The delivery of a password-reset code for `user`: the first of the pool's RecoveryMechanisms (by
 * Priority; SMS before email without them) that the user has verified. "With this setting, SMS
 * doesn't qualify ... if the user also has SMS multi-factor authentication (MFA) activated." None
 * (undefined) when nothing qualifies, or when the pool says admin_only.
 */
export function recoveryDelivery(pool: UserPool, user: User): DeliveryDetails | undefined {
  const configured = pool.AccountRecoverySetting?.RecoveryMechanisms;
  const mechanisms = [...(configured ?? LEGACY_RECOVERY)].sort((a, b) => (a.Priority ?? 0) - (b.Priority ?? 0));
  const smsMfa = user.UserMFASettingList?.includes('SMS_MFA') === true;
  for (const { Name } of mechanisms) {
    if (Name === 'verified_email' && verified(user, 'email')) {
      return { AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: attributeValue('email', user.Attributes) ?? '' };
    }
    if (Name === 'verified_phone_number' && verified(user, 'phone_number') && !(configured && smsMfa)) {
      return { AttributeName: 'phone_number', DeliveryMedium: 'SMS', Destination: attributeValue('phone_number', user.Attributes) ?? '' };
    }
  }
  return undefined;
}

/**
 * The delivery an app client whose PreventUserExistenceErrors is ENABLED reports for a user it
 * cannot send to: "a code was sent to a simulated delivery medium", "determined by the input
 * username format and verification settings of the user pool" (an email-shaped name by email, a
 * phone-shaped one by SMS, any other by the pool's first AutoVerifiedAttributes). Nothing is sent.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-managing-errors.html
 */
export function simulatedDelivery(pool: UserPool, username: string): DeliveryDetails {
  if (username.includes('@')) return { AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: username };
  if (/^\+\d{5,}$/.test(username)) return { AttributeName: 'phone_number', DeliveryMedium: 'SMS', Destination: username };
  // [U] the destination of a simulated delivery for a plain username: fully masked.
  return pool.AutoVerifiedAttributes?.[0] === 'phone_number'
    ? { AttributeName: 'phone_number', DeliveryMedium: 'SMS', Destination: '+**********' }
    : { AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: '***@***' };
}
