import type { Services, Wrapper } from '../cognito-local.ts';
import type { PoolTriggers } from './pool-triggers.ts';

/** The sign-ins that check a password (Cognito's PreAuthentication runs for these; never on refresh). */
const PASSWORD_SIGN_INS: ReadonlySet<string> = new Set([
  'USER_PASSWORD_AUTH',
  'USER_SRP_AUTH',
  'USER_AUTH',
  'ADMIN_USER_PASSWORD_AUTH',
  'ADMIN_NO_SRP_AUTH',
]);

/**
 * PreAuthentication_Authentication before a sign-in checks the password (InitiateAuth with
 * USER_PASSWORD_AUTH, USER_SRP_AUTH or USER_AUTH, AdminInitiateAuth with ADMIN_USER_PASSWORD_AUTH): a
 * trigger that throws denies the sign-in. It runs for a user who exists (the event names one).
 */
export const runPreAuthentication =
  ({ cognito }: Pick<Services, 'cognito'>, triggers: PoolTriggers): Wrapper =>
  (route) =>
  async (ctx, req) => {
    if (triggers.enabled('PreAuthentication') && PASSWORD_SIGN_INS.has(req?.AuthFlow)) {
      const pool = req.UserPoolId
        ? await cognito.getUserPool(ctx, req.UserPoolId)
        : await cognito.getUserPoolForClientId(ctx, req.ClientId);
      const user = triggers.has(pool.options, 'PreAuthentication')
        ? await pool.getUserByUsername(ctx, req.AuthParameters?.USERNAME ?? '')
        : null;
      if (user) {
        const subject = { userPoolId: pool.options.Id, clientId: req.ClientId, username: user.Username };
        await triggers.preAuthentication(subject, user.Attributes, user.UserStatus ?? 'CONFIRMED', req.ClientMetadata);
      }
    }
    return route(ctx, req);
  };
