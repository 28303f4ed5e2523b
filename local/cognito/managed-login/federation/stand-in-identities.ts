import type { IdentityProviderType } from '@aws-sdk/client-cognito-identity-provider';
import type { ProviderClaims } from './attribute-mapping.ts';
import { subjectClaimOf } from './identity-providers.ts';

// The test identities the stand-in provider suggests, and the claims it asks for: the subject claim
// of the provider's type and every provider attribute its AttributeMapping reads.

interface TestPerson {
  readonly given: string;
  readonly family: string;
  readonly email: string;
  readonly id: string;
}

const PEOPLE: readonly TestPerson[] = [
  { given: 'Ada', family: 'Lovelace', email: 'ada.lovelace@example.com', id: '100000000000000000001' },
  { given: 'Grace', family: 'Hopper', email: 'grace.hopper@example.com', id: '100000000000000000002' },
  { given: 'Alan', family: 'Turing', email: 'alan.turing@example.com', id: '100000000000000000003' },
];

/** The provider attributes its AttributeMapping reads (not the `username` key's: that is the subject). */
export function mappedClaimsOf(provider: IdentityProviderType): ReadonlySet<string> {
  return new Set(
    Object.entries(provider.AttributeMapping ?? {})
      .filter(([attribute]) => attribute !== 'username')
      .map(([, claim]) => claim),
  );
}

/**
 * The claims the stand-in page asks for: the subject's first, each mapped one, and an OIDC or
 * social provider's `email` and `name` even when unmapped (the page says Cognito ignores them).
 */
export function claimNamesOf(provider: IdentityProviderType): string[] {
  const usual = provider.ProviderType === 'SAML' ? [] : ['email', 'name'];
  return [...new Set([subjectClaimOf(provider), ...mappedClaimsOf(provider), ...usual])];
}

/** A suggested identity: a person's value for each claim the page asks for that it can guess. */
export function suggestedIdentities(provider: IdentityProviderType): ProviderClaims[] {
  const subject = subjectClaimOf(provider);
  const names = claimNamesOf(provider);
  return PEOPLE.map((person) =>
    Object.fromEntries(
      names.flatMap((name) => {
        const value = name === subject ? subjectOf(provider, person) : guess(name, person);
        return value === undefined ? [] : [[name, value]];
      }),
    ),
  );
}

/** The person's id in the form the provider type gives one. */
function subjectOf(provider: IdentityProviderType, person: TestPerson): string {
  if (provider.ProviderType === 'SAML') return person.email;
  if (provider.ProviderType === 'LoginWithAmazon') return `amzn1.account.${person.id}`;
  return person.id;
}

/** The person's value for a claim, by what its name says (OIDC claim names, or a SAML attribute's URL). */
function guess(claim: string, person: TestPerson): string | undefined {
  const name = claim.toLowerCase();
  if (name.includes('verified')) return 'true';
  if (name.includes('email')) return person.email;
  if (name.includes('given') || name.includes('first')) return person.given;
  if (name.includes('family') || name.includes('surname') || name.includes('last')) return person.family;
  if (name.includes('username') || name.includes('nickname')) return person.given.toLowerCase();
  if (name.includes('name')) return `${person.given} ${person.family}`;
  return undefined;
}
