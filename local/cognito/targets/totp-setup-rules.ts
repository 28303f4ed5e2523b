import type { Services, UserPool, Wrapper } from '../cognito-local.ts';
import { accessTokenUser } from './access-tokens.ts';
import { softwareTokenMfaNotEnabled, softwareTokenNotSetUp, softwareTokenNotVerified } from '../cognito-answers.ts';

/**
 * Whether the pool takes TOTP: MFA OPTIONAL or ON, and software token MFA turned on
 * (SetUserPoolMfaConfig, or a template's `EnabledMfas`, which the local stage applies through it).
 */
export const takesTotp = (pool: UserPool) =>
  (pool.MfaConfiguration === 'ON' || pool.MfaConfiguration === 'OPTIONAL') && pool.SoftwareTokenMfaConfiguration?.Enabled === true;

/**
 * AssociateSoftwareToken and VerifySoftwareToken, called with an access token, refuse to set up
 * TOTP in a pool that has no TOTP MFA (MFA OFF, or software token MFA turned off), as Cognito
 * does (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa-totp.html).
 * cognito-local set it up anyway. The Session forms (MFA_SETUP at sign-in) pass through.
 */
export const refuseTotpSetupWithoutPoolTotp =
  (services: Pick<Services, 'cognito' | 'clock'>): Wrapper =>
  (route) =>
  async (ctx, req) => {
    if (typeof req?.AccessToken === 'string') {
      const { userPool } = await accessTokenUser(services, ctx, req.AccessToken);
      if (!takesTotp(userPool.options)) {
        throw softwareTokenMfaNotEnabled();
      }
    }
    return route(ctx, req);
  };

/**
 * SetUserMFAPreference turns TOTP on only for a user who has set up a software token and
 * verified it, with Cognito's two messages (what Amplify's setPreferredMFA tells apart):
 * `User has not set up software token mfa`, `User has not verified software token mfa`
 * (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SetUserMFAPreference.html).
 * A user who verified a token before the pool turned TOTP off keeps it, as the guide says.
 */
export const requireVerifiedSoftwareToken =
  (services: Pick<Services, 'cognito' | 'clock'>): Wrapper =>
  (route) =>
  async (ctx, req) => {
    if (req?.SoftwareTokenMfaSettings?.Enabled === true) {
      const { user } = await accessTokenUser(services, ctx, req.AccessToken ?? '');
      const token = user.SoftwareTokenMfaConfiguration;
      if (!token) throw softwareTokenNotSetUp();
      if (!token.Verified) throw softwareTokenNotVerified();
    }
    return route(ctx, req);
  };
