import type {
  SetUserMFAPreferenceCommandInput,
  SetUserMFAPreferenceCommandOutput,
  SMSMfaSettingsType,
  SoftwareTokenMfaSettingsType,
} from '@aws-sdk/client-cognito-identity-provider';
import { preferredMfaNotEnabled, smsMfaWithoutPhoneNumber, softwareTokenNotSetUp, softwareTokenNotVerified } from '../cognito-answers.ts';
import { attributeValue, type User } from '../cognito-local.ts';
import { accessTokenUser } from '../rules/access-tokens.ts';
import type { Operation, OperationDeps } from './operation-deps.ts';

type Settings = SMSMfaSettingsType | SoftwareTokenMfaSettingsType | undefined;

/**
 * TOTP may be turned on only for a user who has set up a software token and verified it, with
 * Cognito's two messages (what Amplify's updateMFAPreference tells apart). A user who verified a
 * token before the pool turned TOTP off keeps it, as the guide says.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa-totp.html
 */
function refuseUnverifiedSoftwareToken(user: User): void {
  if (user.SoftwareTokenMfaConfiguration?.Verified) return;
  if (user.SoftwareTokenMfaConfiguration || user.PendingSoftwareTokenSecret) throw softwareTokenNotVerified();
  throw softwareTokenNotSetUp();
}

/**
 * SetUserMFAPreference: the access token's user (verified once) turns SMS and TOTP MFA on or off
 * and names the preferred one. SMS needs the user's phone number, TOTP a verified software
 * token. A setting left out leaves that method as it was; the preferred method stays unless the
 * request names another or turns it off; a preferred method must be on.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SetUserMFAPreference.html
 */
export const setUserMfaPreference: Operation<
  SetUserMFAPreferenceCommandInput,
  SetUserMFAPreferenceCommandOutput,
  Pick<OperationDeps, 'cognito' | 'clock'>
> = async (deps, ctx, input) => {
  const { userPool, user } = await accessTokenUser(deps, ctx, input.AccessToken ?? '');
  const settings: ReadonlyArray<[string, Settings]> = [
    ['SMS_MFA', input.SMSMfaSettings],
    ['SOFTWARE_TOKEN_MFA', input.SoftwareTokenMfaSettings],
  ];
  if (input.SMSMfaSettings?.Enabled === true && !attributeValue('phone_number', user.Attributes)) throw smsMfaWithoutPhoneNumber();
  if (input.SoftwareTokenMfaSettings?.Enabled === true) refuseUnverifiedSoftwareToken(user);
  const methods = new Set(user.UserMFASettingList ?? []);
  let preferred = user.PreferredMfaSetting;
  for (const [method, setting] of settings) {
    if (setting?.Enabled === true) methods.add(method);
    if (setting?.Enabled === false) methods.delete(method);
    if (setting?.PreferredMfa === true) {
      if (!methods.has(method)) throw preferredMfaNotEnabled(method);
      preferred = method;
    } else if (setting?.PreferredMfa === false && preferred === method) {
      preferred = undefined;
    }
  }
  await userPool.updateUser(ctx, user.Username, (current) => ({
    ...current,
    UserMFASettingList: [...methods],
    PreferredMfaSetting: preferred !== undefined && methods.has(preferred) ? preferred : undefined,
    UserLastModifiedDate: deps.clock.get(),
  }));
  return {};
};
