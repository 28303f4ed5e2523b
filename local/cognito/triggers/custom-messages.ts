import type { MessageCustomizer } from '../dev-inbox.ts';
import type { PoolTriggers } from './pool-triggers.ts';

/**
 * The pool's CustomMessage trigger as the dev inbox's customizer: `CustomMessage_<kind>`
 * (SignUp, ResendCode, ForgotPassword, AdminCreateUser, UpdateUserAttribute, VerifyUserAttribute,
 * Authentication), the email's subject and message, or the SMS message, as delivered.
 */
export const customMessages = (triggers: PoolTriggers): MessageCustomizer => ({
  enabled: (pool) => (pool ? triggers.has(pool, 'CustomMessage') : triggers.enabled('CustomMessage')),
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
