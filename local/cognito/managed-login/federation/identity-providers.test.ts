import type { IdentityProviderTypeType } from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { appClient } from '../../testing/fake-cognito.ts';
import { CORP_SAML, GOOGLE } from '../../testing/federation-testbed.ts';
import { issuerOf, namedProvider, responsePathOf, subjectClaimOf, wantsFederatedSignIn } from './identity-providers.ts';

// https://docs.aws.amazon.com/cognito/latest/developerguide/authorization-endpoint.html
const client = appClient('web', { SupportedIdentityProviders: ['COGNITO', 'Google', 'CorpSSO'] });
const query = (text: string) => new URLSearchParams(text);

describe('wantsFederatedSignIn', () => {
  it('is an identity_provider other than COGNITO, or an idp_identifier', () => {
    expect(wantsFederatedSignIn(query('identity_provider=Google'))).toBe(true);
    expect(wantsFederatedSignIn(query('idp_identifier=corp.example.com'))).toBe(true);
    expect(wantsFederatedSignIn(query('identity_provider=COGNITO'))).toBe(false);
    expect(wantsFederatedSignIn(query('identity_provider=COGNITO&idp_identifier=corp.example.com'))).toBe(false);
    expect(wantsFederatedSignIn(query('client_id=web'))).toBe(false);
  });
});

describe('namedProvider', () => {
  const providers = [GOOGLE, CORP_SAML];

  it('finds the provider by its exact name, or by one of its IdpIdentifiers', () => {
    expect(namedProvider(providers, client, query('identity_provider=Google'))).toBe(GOOGLE);
    expect(namedProvider(providers, client, query('idp_identifier=corp.example.com'))).toBe(CORP_SAML);
  });

  it('finds no provider for another spelling of its name (aws-sdk-android#1808: "google")', () => {
    expect(namedProvider(providers, client, query('identity_provider=google'))).toBeUndefined();
  });

  it('finds no provider the pool does not have', () => {
    expect(namedProvider(providers, client, query('identity_provider=Facebook'))).toBeUndefined();
    expect(namedProvider(providers, client, query('idp_identifier=other.example.com'))).toBeUndefined();
  });

  it('finds no provider the app client does not list in SupportedIdentityProviders', () => {
    const cognitoOnly = appClient('web', { SupportedIdentityProviders: ['COGNITO'] });
    expect(namedProvider(providers, cognitoOnly, query('identity_provider=Google'))).toBeUndefined();
    expect(namedProvider(providers, appClient('bare'), query('idp_identifier=corp.example.com'))).toBeUndefined();
  });
});

describe('what Cognito reads from each type of provider', () => {
  it('names the user by the claim of the provider type (API_AdminLinkProviderForUser.html)', () => {
    expect(
      ['Facebook', 'Google', 'LoginWithAmazon', 'SignInWithApple', 'OIDC', 'SAML'].map((type) =>
        subjectClaimOf({ ProviderType: type as IdentityProviderTypeType }),
      ),
    ).toEqual(['id', 'sub', 'user_id', 'sub', 'sub', 'NameID']);
  });

  it('answers SAML at /saml2/idpresponse and the others at /oauth2/idpresponse', () => {
    expect(responsePathOf(CORP_SAML)).toBe('/saml2/idpresponse');
    expect(responsePathOf(GOOGLE)).toBe('/oauth2/idpresponse');
  });

  it("records the SAML entity ID, and null for an OIDC or social provider, as the identity's issuer", () => {
    expect(issuerOf({ ProviderType: 'OIDC', ProviderDetails: { oidc_issuer: 'https://login.example.com' } })).toBeNull();
    expect(issuerOf(CORP_SAML)).toBe('https://idp.corp.example.com/saml');
    expect(issuerOf(GOOGLE)).toBeNull();
  });
});
