import type { AppClient } from '../cognito-local.ts';

/**
 * The standard attributes every user pool has, whatever its `Schema` says.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-attributes.html
 */
export const STANDARD_ATTRIBUTES: readonly string[] = [
  'sub',
  'name',
  'given_name',
  'family_name',
  'middle_name',
  'nickname',
  'preferred_username',
  'profile',
  'picture',
  'website',
  'email',
  'email_verified',
  'gender',
  'birthdate',
  'zoneinfo',
  'locale',
  'phone_number',
  'phone_number_verified',
  'address',
  'updated_at',
];

/** Standard attributes only Cognito (or an administrator) sets: never an app client's to write. */
const NOT_CLIENT_WRITABLE = new Set(['sub', 'email_verified', 'phone_number_verified']);

/**
 * The attributes an app client reads (GetUser, the ID token's claims). Without `ReadAttributes`,
 * Cognito's default: the standard attributes, `email_verified` and `phone_number_verified`
 * included; custom attributes only when listed. `sub` is always readable.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UserPoolClientType.html
 */
export function readableAttributes(client: Pick<AppClient, 'ReadAttributes'>): ReadonlySet<string> {
  return new Set(['sub', ...(client.ReadAttributes ?? STANDARD_ATTRIBUTES)]);
}

/**
 * The attributes an app client writes (SignUp, UpdateUserAttributes). Without `WriteAttributes`,
 * Cognito's default: the standard attributes; custom attributes only when listed. `sub` and the
 * two `…_verified` flags are never the client's to write.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UserPoolClientType.html
 */
export function writableAttributes(client: Pick<AppClient, 'WriteAttributes'>): ReadonlySet<string> {
  const listed = client.WriteAttributes ?? STANDARD_ATTRIBUTES.filter((name) => !NOT_CLIENT_WRITABLE.has(name));
  return new Set(listed.filter((name) => name !== 'sub'));
}
