import type { UserPool } from './cognito-local.ts';

/**
 * Whether the pool takes TOTP: MFA OPTIONAL or ON, and software token MFA turned on
 * (SetUserPoolMfaConfig, or a template's `EnabledMfas`, which the local stage applies through it).
 * https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa-totp.html
 */
export const takesTotp = (pool: UserPool): boolean =>
  (pool.MfaConfiguration === 'ON' || pool.MfaConfiguration === 'OPTIONAL') && pool.SoftwareTokenMfaConfiguration?.Enabled === true;
