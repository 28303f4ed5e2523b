import type { IdentityProviderType, IdentityProviderTypeType } from '@aws-sdk/client-cognito-identity-provider';
import {
  constraintViolations,
  duplicateIdpIdentifier,
  duplicateProvider,
  providerDetailsMissing,
  providerNameNotItsType,
} from '../cognito-answers.ts';
import { lengthProblem, patternProblem } from './constraint-problems.ts';

/** The provider types a pool takes (API_CreateIdentityProvider.html); the social ones are named as their type. */
export const SOCIAL_PROVIDERS: readonly string[] = ['Google', 'Facebook', 'LoginWithAmazon', 'SignInWithApple'];

/**
 * The ProviderDetails keys each type needs, as API_CreateIdentityProvider.html lists them (SAML:
 * MetadataFile or MetadataURL, checked below).
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateIdentityProvider.html#CognitoUserPools-CreateIdentityProvider-request-ProviderDetails
 */
const REQUIRED_DETAILS: Readonly<Record<string, readonly string[]>> = {
  Google: ['client_id', 'client_secret', 'authorize_scopes'],
  Facebook: ['client_id', 'client_secret', 'authorize_scopes'],
  LoginWithAmazon: ['client_id', 'client_secret', 'authorize_scopes'],
  SignInWithApple: ['client_id', 'team_id', 'key_id', 'private_key', 'authorize_scopes'],
  OIDC: ['client_id', 'client_secret', 'attributes_request_method', 'oidc_issuer', 'authorize_scopes'],
  SAML: [],
};

/** What the provider's subject is called at each social provider: Cognito maps it to `username` (the federated user's name). */
const SUBJECT: Readonly<Record<string, string>> = {
  Google: 'sub',
  Facebook: 'id',
  LoginWithAmazon: 'user_id',
  SignInWithApple: 'sub',
  OIDC: 'sub',
};

/**
 * The endpoints Cognito adds to a Google provider's ProviderDetails (DescribeIdentityProvider shows
 * them; https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_IdentityProviderType.html).
 */
const GOOGLE_DETAILS: Readonly<Record<string, string>> = {
  attributes_url: 'https://people.googleapis.com/v1/people/me?personFields=',
  attributes_url_add_attributes: 'true',
  authorize_url: 'https://accounts.google.com/o/oauth2/v2/auth',
  oidc_issuer: 'https://accounts.google.com',
  token_request_method: 'POST',
  token_url: 'https://www.googleapis.com/oauth2/v4/token',
};

// The patterns of API_CreateIdentityProvider.html.
const PROVIDER_NAME = /^[^_\p{Z}][\p{L}\p{M}\p{S}\p{N}\p{P}][^_\p{Z}]+$/u;
const IDP_IDENTIFIER = /^[\w\s+=.@-]+$/;

export interface ProviderSettings {
  readonly ProviderName: string;
  readonly ProviderType: IdentityProviderTypeType | string;
  readonly ProviderDetails: Readonly<Record<string, string>>;
  readonly IdpIdentifiers?: readonly string[];
}

/**
 * A provider's rules against the pool's `others`: a name in its pattern, a social provider named as
 * its type, one provider of a name, the ProviderDetails its type needs, IdpIdentifiers in their
 * pattern and used by no other provider of the pool.
 */
export function checkIdentityProvider(provider: ProviderSettings, others: readonly IdentityProviderType[]): void {
  const { ProviderName, ProviderType, ProviderDetails, IdpIdentifiers = [] } = provider;
  const problems = [
    lengthProblem(ProviderName, 'providerName', 1, 32),
    patternProblem(ProviderName, 'providerName', PROVIDER_NAME, '[^_\\p{Z}][\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}][^_\\p{Z}]+'),
    ...IdpIdentifiers.flatMap((identifier, i) => [
      lengthProblem(identifier, `idpIdentifiers.${i + 1}.member`, 1, 40),
      patternProblem(identifier, `idpIdentifiers.${i + 1}.member`, IDP_IDENTIFIER, '[\\w\\s+=.@-]+'),
    ]),
    IdpIdentifiers.length > 50
      ? "Value at 'idpIdentifiers' failed to satisfy constraint: Member must have length less than or equal to 50"
      : undefined,
  ].filter((problem): problem is string => problem !== undefined);
  if (problems.length > 0) throw constraintViolations(problems);
  // [C] "Provider NameOfGP cannot be of type Google": a social provider is named as its type, and no other is.
  const social = SOCIAL_PROVIDERS.includes(ProviderType) || SOCIAL_PROVIDERS.includes(ProviderName);
  if (social && ProviderName !== ProviderType) throw providerNameNotItsType(ProviderName, ProviderType);
  if (others.some((other) => other.ProviderName === ProviderName)) throw duplicateProvider(ProviderName);
  const missing = (REQUIRED_DETAILS[ProviderType] ?? []).filter((key) => !ProviderDetails[key]);
  if (ProviderType === 'SAML' && !ProviderDetails.MetadataFile && !ProviderDetails.MetadataURL) missing.push('MetadataFile or MetadataURL');
  if (missing.length > 0) throw providerDetailsMissing(ProviderType, missing);
  const taken = new Set(others.flatMap((other) => other.IdpIdentifiers ?? []));
  const used = new Set<string>();
  for (const identifier of IdpIdentifiers) {
    if (taken.has(identifier) || used.has(identifier)) throw duplicateIdpIdentifier(identifier);
    used.add(identifier);
  }
}

/**
 * The provider as Cognito keeps it: `username` mapped to the provider's subject unless the mapping
 * says otherwise (the federated user is named `<provider>_<subject>`), and Google's endpoints in its
 * ProviderDetails.
 */
export function withCognitoDefaults(provider: IdentityProviderType): IdentityProviderType {
  const type = provider.ProviderType ?? '';
  const subject = SUBJECT[type];
  return {
    ...provider,
    ...(type === 'Google' && { ProviderDetails: { ...GOOGLE_DETAILS, ...provider.ProviderDetails } }),
    ...(subject !== undefined && { AttributeMapping: { username: subject, ...provider.AttributeMapping } }),
  };
}
