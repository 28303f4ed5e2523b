import type { MessageCustomizer } from '../dev-inbox.ts';
import type { PoolTriggers } from './pool-triggers.ts';

/**
 * The pool's CustomMessage trigger as the dev inbox's customizer: `CustomMessage_<kind>`
 * (SignUp, ResendCode, ForgotPassword, AdminCreateUser, UpdateUserAttribute, VerifyUserAttribute,
 * Authentication), the email's subject and message, or the SMS message, as delivered.
 */
export const customMessages = (triggers: PoolTriggers): MessageCustomizer => ({
  enabled: (userPoolId, pool) => triggers.enabled('CustomMessage') && triggers.has(pool ?? triggers.poolOf(userPoolId), 'CustomMessage'),
  async customize(kind, delivery, { clientId, userPoolId, user, code, clientMetadata, pool }) {
    const custom = await triggers.message(
      {
        source: `CustomMessage_${kind}`,
        clientId,
        userPoolId,
        username: user.Username,
        code,
        userAttributes: user.Attributes,
        clientMetadata,
      },
      user.UserStatus ?? 'UNCONFIRMED',
      pool,
    );
    return delivery.DeliveryMedium === 'SMS'
      ? { message: custom.smsMessage }
      : { subject: custom.emailSubject, message: custom.emailMessage };
  },
});
