import { attributeValue, type User } from './cognito-local.ts';

/**
 * One entry of a user's `identities` attribute: an external identity the user signs in with, as
 * Cognito records it (the ID token's `identities` claim is this list, parsed).
 * https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-id-token.html
 * https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-identity-federation-consolidate-users.html
 */
export interface LinkedIdentity {
  /** The subject at the identity provider (its `sub`, Facebook's `id`, a SAML NameID). */
  readonly userId: string;
  readonly providerName: string;
  readonly providerType: string;
  /** The SAML provider's entity id; null for social and OIDC providers. */
  readonly issuer: string | null;
  /** "true" for the identity a federated user was made from, "false" for one linked to a native user. */
  readonly primary: 'true' | 'false';
  /** When the identity was added, in epoch milliseconds, as a string. */
  readonly dateCreated: string;
}

/** The attribute where Cognito keeps a user's external identities, a JSON array as a string. */
export const IDENTITIES_ATTRIBUTE = 'identities';

/** The user's linked and federated identities (none when the attribute is absent or not a list). */
export function identitiesOf(user: Pick<User, 'Attributes'>): LinkedIdentity[] {
  const text = attributeValue(IDENTITIES_ATTRIBUTE, user.Attributes);
  if (text === undefined) return [];
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? (parsed as LinkedIdentity[]) : [];
  } catch {
    return [];
  }
}

/** The user with `identities` in place of their identities attribute (removed when empty). */
export function withIdentities<U extends Pick<User, 'Attributes'>>(user: U, identities: readonly LinkedIdentity[]): U {
  const others = user.Attributes.filter((attribute) => attribute.Name !== IDENTITIES_ATTRIBUTE);
  const value = JSON.stringify(identities);
  return { ...user, Attributes: identities.length === 0 ? others : [...others, { Name: IDENTITIES_ATTRIBUTE, Value: value }] };
}

/** The user a native user's link, or a federated sign-in, stands for: the one whose identities hold `providerName`/`userId`. */
export function linksTo(user: Pick<User, 'Attributes'>, providerName: string, userId: string): boolean {
  return identitiesOf(user).some((identity) => identity.providerName === providerName && String(identity.userId) === userId);
}

/** The username Cognito gives a federated user: `<provider name>_<subject>` (Google_1234…). */
export function federatedUsername(providerName: string, subject: string): string {
  return `${providerName}_${subject}`;
}

/**
 * The native user an external identity signs in as, through AdminLinkProviderForUser: the user whose
 * identities hold it as a link (`primary` "false"); undefined when it is linked to nobody (then it
 * signs in as the federated user `<provider>_<subject>`).
 * https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-identity-federation-consolidate-users.html
 */
export function linkedUserOf<U extends Pick<User, 'Attributes'>>(
  users: readonly U[],
  providerName: string,
  subject: string,
): U | undefined {
  return users.find((user) =>
    identitiesOf(user).some(
      // Read as strings: Cognito writes them so, its consolidation page shows a boolean and a number.
      (identity) => identity.providerName === providerName && String(identity.userId) === subject && String(identity.primary) === 'false',
    ),
  );
}
