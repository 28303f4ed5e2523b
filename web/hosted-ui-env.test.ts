import { describe, expect, it } from 'vitest';
import { awsManagedLoginDomain, hostedUiEnv, hostedUiSettings, type OAuthClientSettings } from './hosted-ui-env.ts';

const page = 'http://127.0.0.1:5173/';
const client: OAuthClientSettings = {
  AllowedOAuthFlowsUserPoolClient: true,
  AllowedOAuthFlows: ['code', 'implicit'],
  AllowedOAuthScopes: ['openid', 'email'],
  CallbackURLs: [page, 'https://app.example.com/'],
  LogoutURLs: [page],
  SupportedIdentityProviders: ['COGNITO', 'Google', 'Okta-Workforce'],
};

describe('hostedUiSettings: the page hosted UI for an app client', () => {
  it("hands Amplify the client's scopes, callback and logout URLs and providers, preferring the code grant", () => {
    expect(hostedUiSettings('127.0.0.1:9443', client, 'Web', page)).toEqual({
      settings: {
        domain: '127.0.0.1:9443',
        scopes: ['openid', 'email'],
        redirectSignIn: [page, 'https://app.example.com/'],
        redirectSignOut: [page],
        responseType: 'code',
        providers: ['COGNITO', 'Google', 'Okta-Workforce'],
      },
    });
  });

  it('uses the implicit grant when the client allows only that', () => {
    const implicit = hostedUiSettings('d', { ...client, AllowedOAuthFlows: ['implicit'] }, 'Web');
    expect('settings' in implicit && implicit.settings.responseType).toBe('token');
  });

  it('says why the page goes without it, naming the setting to change', () => {
    const off = (domain: string | undefined, changes: Partial<OAuthClientSettings>, pageUrl?: string) =>
      hostedUiSettings(domain, { ...client, ...changes }, 'Web', pageUrl);
    expect(off(undefined, {})).toEqual({ off: 'the user pool has no domain (AWS::Cognito::UserPoolDomain)' });
    expect(off('d', { AllowedOAuthFlowsUserPoolClient: false })).toEqual({
      off: 'app client Web does not allow OAuth (AllowedOAuthFlowsUserPoolClient)',
    });
    expect(off('d', { AllowedOAuthFlows: ['client_credentials'] })).toEqual({
      off: 'app client Web allows neither the code nor the implicit grant (AllowedOAuthFlows)',
    });
    expect(off('d', { CallbackURLs: [] })).toEqual({ off: 'app client Web has no CallbackURLs' });
    expect(off('d', {}, 'http://127.0.0.1:5174/')).toEqual({
      off: "app client Web's CallbackURLs do not include this page, http://127.0.0.1:5174/",
    });
    expect(off('d', { LogoutURLs: undefined })).toEqual({
      off: "app client Web has no LogoutURLs, where the hosted UI's sign-out returns",
    });
    expect(off('d', { SupportedIdentityProviders: [] })).toEqual({
      off: 'app client Web supports no identity provider (SupportedIdentityProviders)',
    });
  });
});

describe('hostedUiEnv', () => {
  it('writes the settings as VITE_* variables, lists space-separated', () => {
    expect(hostedUiEnv(hostedUiSettings('127.0.0.1:9443', client, 'Web'))).toEqual({
      VITE_OAUTH_DOMAIN: '127.0.0.1:9443',
      VITE_OAUTH_SCOPES: 'openid email',
      VITE_OAUTH_REDIRECT_SIGN_IN: 'http://127.0.0.1:5173/ https://app.example.com/',
      VITE_OAUTH_REDIRECT_SIGN_OUT: 'http://127.0.0.1:5173/',
      VITE_OAUTH_RESPONSE_TYPE: 'code',
      VITE_OAUTH_PROVIDERS: 'COGNITO Google Okta-Workforce',
    });
  });

  it('or the reason the page has no hosted UI', () => {
    expect(hostedUiEnv({ off: 'why' })).toEqual({ VITE_HOSTED_UI_OFF: 'why' });
  });
});

describe("awsManagedLoginDomain: the domain's host on AWS", () => {
  it("serves a prefix at <prefix>.auth.<the pool's region>.amazoncognito.com", () => {
    expect(awsManagedLoginDomain('hello-auth-prod-123456789012', 'eu-west-1_AbC')).toBe(
      'hello-auth-prod-123456789012.auth.eu-west-1.amazoncognito.com',
    );
  });

  it('serves a custom domain as it is', () => {
    expect(awsManagedLoginDomain('auth.example.com', 'eu-west-1_AbC')).toBe('auth.example.com');
  });
});
