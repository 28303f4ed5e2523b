import type { IdentityProviderType } from '@aws-sdk/client-cognito-identity-provider';
import type { AppClient } from '../../cognito-local.ts';

// Which third-party identity provider an authorize request names, and what Cognito reads from each
// type of provider. https://docs.aws.amazon.com/cognito/latest/developerguide/authorization-endpoint.html

/** A pool's identity provider, with the name every one of them has. */
export type IdentityProvider = IdentityProviderType & { readonly ProviderName: string };

/**
 * The claim each type of provider names its user by: the federated user is
 * `<ProviderName>_<that claim>` (Facebook `id`, Google `sub`, Login with Amazon `user_id`,
 * API_AdminLinkProviderForUser.html; Apple and OIDC `sub`, SAML the NameID,
 * cognito-user-pools-specifying-attribute-mapping.html).
 */
const SUBJECT_CLAIMS: Readonly<Record<string, string>> = {
  Facebook: 'id',
  Google: 'sub',
  LoginWithAmazon: 'user_id',
  SignInWithApple: 'sub',
  OIDC: 'sub',
  SAML: 'NameID',
};

export const subjectClaimOf = (provider: IdentityProviderType): string => SUBJECT_CLAIMS[provider.ProviderType ?? ''] ?? 'sub';

/** Where the provider sends the user back: Cognito's `/saml2/idpresponse` for SAML, `/oauth2/idpresponse` for the others. */
export const responsePathOf = (provider: IdentityProviderType): string =>
  provider.ProviderType === 'SAML' ? '/saml2/idpresponse' : '/oauth2/idpresponse';

/**
 * Whether an authorize request asks for a third-party provider rather than the managed login's
 * own page: `identity_provider` other than `COGNITO`, or an `idp_identifier` (authorization-endpoint.html).
 */
export function wantsFederatedSignIn(parameters: URLSearchParams): boolean {
  const named = parameters.get('identity_provider');
  return named ? named !== 'COGNITO' : Boolean(parameters.get('idp_identifier'));
}

/**
 * The provider the request names, by `identity_provider` (its ProviderName, exactly: a request
 * for `google` does not find `Google`, aws-sdk-android#1808) or else by `idp_identifier` (one of
 * its IdpIdentifiers), among `providers`, and only when the app client lists it in its
 * SupportedIdentityProviders; undefined otherwise.
 */
export function namedProvider(
  providers: readonly IdentityProviderType[],
  client: Pick<AppClient, 'SupportedIdentityProviders'>,
  parameters: URLSearchParams,
): IdentityProvider | undefined {
  const name = parameters.get('identity_provider');
  const identifier = parameters.get('idp_identifier');
  const provider = name
    ? providers.find((candidate) => candidate.ProviderName === name)
    : providers.find((candidate) => identifier && candidate.IdpIdentifiers?.includes(identifier));
  if (!provider?.ProviderName || !client.SupportedIdentityProviders?.includes(provider.ProviderName)) return undefined;
  return provider as IdentityProvider;
}

/**
 * The `issuer` Cognito records in a federated identity: a SAML provider's entity ID (from its
 * metadata file), null for OIDC and social providers ([C] the `identities` claims apps capture:
 * `"providerType":"OIDC","issuer":null`; cognito-user-pools-identity-federation-consolidate-users.html
 * shows SAML issuers).
 */
export function issuerOf(provider: IdentityProviderType): string | null {
  const details = provider.ProviderDetails ?? {};
  if (provider.ProviderType === 'SAML') return /entityID="([^"]+)"/.exec(details.MetadataFile ?? '')?.[1] ?? details.MetadataURL ?? null;
  return null;
}
