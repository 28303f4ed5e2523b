import type { UpdateUserPoolCommandInput } from '@aws-sdk/client-cognito-identity-provider';
import { USER_POOL_AWS_DEFAULTS, type UserPool } from '../cognito-local.ts';

/** The settings UpdateUserPool sets, as the emulator keeps them. */
const UPDATABLE = [
  'AccountRecoverySetting',
  'AdminCreateUserConfig',
  'AutoVerifiedAttributes',
  'DeviceConfiguration',
  'EmailConfiguration',
  'EmailVerificationMessage',
  'EmailVerificationSubject',
  'LambdaConfig',
  'MfaConfiguration',
  'Policies',
  'SmsAuthenticationMessage',
  'SmsConfiguration',
  'SmsVerificationMessage',
  'UserPoolAddOns',
  'UserPoolTags',
  'VerificationMessageTemplate',
] as const satisfies ReadonlyArray<keyof UpdateUserPoolCommandInput & keyof UserPool>;

/**
 * The settings an UpdateUserPool request gives the pool: each it leaves out set back to its
 * default ("If you don't provide a value for an attribute, Amazon Cognito sets it to its default
 * value"), each it gives completed with Cognito's defaults as CreateUserPool completes it (a
 * PasswordPolicy without RequireSymbols keeps the default's), so that an update with the settings
 * a pool was created with changes nothing. UserAttributeUpdateSettings is kept as it was when left
 * out: DescribeUserPool (cognito-local's) does not answer it, so an update built from a described
 * pool would lose it (README, "Differences from AWS").
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateUserPool.html
 */
export function updatedPoolSettings(input: UpdateUserPoolCommandInput): Partial<UserPool> {
  const defaults = USER_POOL_AWS_DEFAULTS as Partial<Record<string, unknown>>;
  const given: Partial<Record<string, unknown>> = { ...input };
  const settings = Object.fromEntries(UPDATABLE.map((name) => [name, withDefaults(defaults[name], given[name])]));
  if (input.UserAttributeUpdateSettings !== undefined) settings.UserAttributeUpdateSettings = input.UserAttributeUpdateSettings;
  // A copy: the pool's record must not share objects with USER_POOL_AWS_DEFAULTS.
  return structuredClone(settings) as Partial<UserPool>;
}

/** `given` over `defaults`, object by object, as lodash's merge (cognito-local's createUserPool) lays a pool over Cognito's defaults. */
function withDefaults(defaults: unknown, given: unknown): unknown {
  if (given === undefined) return defaults;
  if (!isRecord(defaults) || !isRecord(given)) return given;
  const merged: Record<string, unknown> = { ...defaults };
  for (const [name, value] of Object.entries(given)) merged[name] = withDefaults(defaults[name], value);
  return merged;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
