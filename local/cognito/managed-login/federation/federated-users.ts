import type { Context, User, UserPoolService } from '../../cognito-local.ts';
import { linkedUserOf } from '../../federated-identities.ts';

export { federatedUsername } from '../../federated-identities.ts';

// Federated users as Cognito keeps them: `<ProviderName>_<subject>`, with their identity in the
// `identities` attribute, in the group `<pool id>_<ProviderName>`; and native users an
// administrator linked to an identity (AdminLinkProviderForUser), found by that same attribute.

/**
 * The group Cognito puts each provider's users in: "The name of the group is in the format
 * [user pool ID]_[IdP name]" (cognito-user-pools-user-groups.html).
 */
export const providerGroupName = (userPoolId: string, providerName: string): string => `${userPoolId}_${providerName}`;

/**
 * The user of the pool an administrator linked to the provider's user `subject`
 * (AdminLinkProviderForUser: "Amazon Cognito returns this user when the new user (with the linked
 * IdP attribute) signs in", API_AdminLinkProviderForUser.html), or undefined: the user whose
 * identities hold it as a link (federated-identities.ts), never the federated user made from it.
 */
export async function linkedUser(pool: UserPoolService, ctx: Context, providerName: string, subject: string): Promise<User | undefined> {
  return linkedUserOf(await pool.listUsers(ctx), providerName, subject);
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
