import { attributeValue, type Context, totpCodeHolds, UnsupportedError, type User } from '../cognito-local.ts';
import { takesTotp } from '../pool-totp.ts';
import {
  type ChallengeAnswer,
  type MfaMethod,
  openChallenge,
  type PendingChallenge,
  type SignInContext,
  type SignInServices,
} from './sign-in-state.ts';
import { missingParameter, smsCodeMismatch, totpCodeMismatch } from '../cognito-answers.ts';

// MFA after the first factor, as the pool's MfaConfiguration and the user's methods ask for it:
// https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa.html

/** The MFA methods `user` has turned on (UserMFASettingList, or the legacy MFAOptions' SMS), TOTP only once verified. */
export function enabledMfaMethods(user: User): MfaMethod[] {
  const listed = new Set(user.UserMFASettingList ?? []);
  if (listed.size === 0 && (user.MFAOptions ?? []).some((option) => option.DeliveryMedium === 'SMS')) listed.add('SMS_MFA');
  const methods: MfaMethod[] = [];
  if (listed.has('SMS_MFA') && attributeValue('phone_number', user.Attributes)) methods.push('SMS_MFA');
  if (listed.has('SOFTWARE_TOKEN_MFA') && user.SoftwareTokenMfaConfiguration?.Verified) methods.push('SOFTWARE_TOKEN_MFA');
  return methods;
}

/**
 * The MFA challenge `user` must pass now, or undefined when none: none on a pool with MFA OFF,
 * nor on an OPTIONAL pool for a user without a method; the preferred method, or the one method,
 * or SELECT_MFA_TYPE between two; MFA_SETUP on an ON pool for a user without one.
 */
export async function mfaChallenge(
  ctx: Context,
  deps: SignInServices,
  signIn: SignInContext,
  user: User,
): Promise<ChallengeAnswer | undefined> {
  const configuration = signIn.pool.options.MfaConfiguration ?? 'OFF';
  if (configuration === 'OFF') return undefined;
  const methods = enabledMfaMethods(user);
  const subject = { username: user.Username };
  if (methods.length === 0) {
    if (configuration !== 'ON') return undefined;
    if (!takesTotp(signIn.pool.options)) {
      throw new UnsupportedError('MFA_SETUP of SMS_MFA (the emulator sets up SOFTWARE_TOKEN_MFA: enable it with SetUserPoolMfaConfig)');
    }
    const parameters = { MFAS_CAN_SETUP: JSON.stringify(['SOFTWARE_TOKEN_MFA']), USER_ID_FOR_SRP: user.Username };
    return openChallenge(deps, signIn, subject, { name: 'MFA_SETUP' }, parameters);
  }
  const preferred = methods.find((method) => method === user.PreferredMfaSetting);
  if (!preferred && methods.length > 1) {
    const parameters = { MFAS_CAN_CHOOSE: JSON.stringify(methods), USER_ID_FOR_SRP: user.Username };
    return openChallenge(deps, signIn, subject, { name: 'SELECT_MFA_TYPE', methods }, parameters);
  }
  return methodChallenge(ctx, deps, signIn, user, preferred ?? methods[0]!);
}

/** The challenge of one MFA method: SMS_MFA sends its code to the user's phone number first. */
export async function methodChallenge(
  ctx: Context,
  deps: SignInServices,
  signIn: SignInContext,
  user: User,
  method: MfaMethod,
): Promise<ChallengeAnswer> {
  const subject = { username: user.Username };
  if (method === 'SOFTWARE_TOKEN_MFA') {
    const device = user.SoftwareTokenMfaConfiguration?.FriendlyDeviceName;
    const parameters = { USER_ID_FOR_SRP: user.Username, ...(device && { FRIENDLY_DEVICE_NAME: device }) };
    return openChallenge(deps, signIn, subject, { name: 'SOFTWARE_TOKEN_MFA' }, parameters);
  }
  const destination = attributeValue('phone_number', user.Attributes)!;
  const code = deps.services.otp();
  await deps.services.messages.deliver(
    ctx,
    'Authentication',
    signIn.client.ClientId,
    signIn.pool.options.Id,
    user,
    code,
    signIn.clientMetadata,
    {
      DeliveryMedium: 'SMS',
      AttributeName: 'phone_number',
      Destination: destination,
    },
  );
  const parameters = { CODE_DELIVERY_DELIVERY_MEDIUM: 'SMS', CODE_DELIVERY_DESTINATION: destination, USER_ID_FOR_SRP: user.Username };
  return openChallenge(deps, signIn, subject, { name: 'SMS_MFA', code }, parameters);
}

/**
 * Refuses a wrong MFA code with Cognito's CodeMismatchException ([C] amplify-js issues quote both
 * messages). The Session it came with is spent either way: [U] whether Cognito lets the same
 * Session try again; the emulator takes the strict side, a new sign-in.
 */
export function checkMfaCode(challenge: PendingChallenge, user: User, responses: Readonly<Record<string, string>>): void {
  if (challenge.name === 'SOFTWARE_TOKEN_MFA') {
    const code = responses.SOFTWARE_TOKEN_MFA_CODE;
    if (!code) throw missingParameter('SOFTWARE_TOKEN_MFA_CODE');
    const secret = user.SoftwareTokenMfaConfiguration?.Secret;
    if (!secret || !totpCodeHolds(secret, code)) throw totpCodeMismatch();
  } else if (challenge.name === 'SMS_MFA') {
    const code = responses.SMS_MFA_CODE;
    if (!code) throw missingParameter('SMS_MFA_CODE');
    if (code !== challenge.code) throw smsCodeMismatch();
  }
}
