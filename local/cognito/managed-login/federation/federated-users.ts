import { attributeValue, type Context, type User, type UserPoolService } from '../../cognito-local.ts';

// Federated users as Cognito keeps them: `<ProviderName>_<subject>`, with their identity in the
// `identities` attribute, in the group `<pool id>_<ProviderName>`; and native users an
// administrator linked to an identity (AdminLinkProviderForUser), found by that same attribute.

/** The username Cognito gives a provider's user: the provider's name, `_`, the user's id there (cognito-user-pools-specifying-attribute-mapping.html). */
export const federatedUsername = (providerName: string, subject: string): string => `${providerName}_${subject}`;

/**
 * The group Cognito puts each provider's users in: "The name of the group is in the format
 * [user pool ID]_[IdP name]" (cognito-user-pools-user-groups.html).
 */
export const providerGroupName = (userPoolId: string, providerName: string): string => `${userPoolId}_${providerName}`;

/**
 * One entry of a user's `identities` attribute, a JSON array: Cognito writes `primary` and
 * `dateCreated` as strings ([C] captured claims and attributes);
 * cognito-user-pools-identity-federation-consolidate-users.html shows a boolean and a number, so both are read.
 */
export interface FederatedIdentity {
  readonly userId: string;
  readonly providerName: string;
  readonly providerType: string;
  readonly issuer: string | null;
  readonly primary: boolean | string;
  readonly dateCreated: number | string;
}

/** The identities `user` carries, or none (an absent or unreadable attribute). */
export function identitiesOf(user: Pick<User, 'Attributes'>): FederatedIdentity[] {
  const text = attributeValue('identities', user.Attributes);
  if (!text) return [];
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((entry): entry is FederatedIdentity => typeof entry?.providerName === 'string') : [];
  } catch {
    return [];
  }
}

/** Whether `identity` is the provider's user `subject`. */
export const isIdentity = (identity: FederatedIdentity, providerName: string, subject: string): boolean =>
  identity.providerName === providerName && String(identity.userId) === subject;

/**
 * The user of the pool an administrator linked to the provider's user `subject`
 * (AdminLinkProviderForUser: "Amazon Cognito returns this user when the new user (with the linked
 * IdP attribute) signs in", API_AdminLinkProviderForUser.html), or undefined. The federated user
 * itself is not a link to itself.
 */
export async function linkedUser(pool: UserPoolService, ctx: Context, providerName: string, subject: string): Promise<User | undefined> {
  const own = federatedUsername(providerName, subject);
  const users = await pool.listUsers(ctx);
  return users.find((user) => user.Username !== own && identitiesOf(user).some((identity) => isIdentity(identity, providerName, subject)));
}

/** The user named exactly `username` (cognito-local's lookup also finds a user by `sub` or email alias). */
export async function userNamed(pool: UserPoolService, ctx: Context, username: string): Promise<User | undefined> {
  const user = await pool.getUserByUsername(ctx, username);
  return user?.Username === username ? user : undefined;
}

/** `attributes` with `changes` written over them, by name. */
export function mergedAttributes(attributes: User['Attributes'], changes: User['Attributes']): User['Attributes'] {
  const names = new Set(changes.map((change) => change.Name));
  return [...attributes.filter((attribute) => !names.has(attribute.Name)), ...changes];
}
