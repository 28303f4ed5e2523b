import type { UserPoolClientType } from '@aws-sdk/client-cognito-identity-provider';

/** What the page's hosted UI sign-in needs of its app client, as DescribeUserPoolClient (or the template) has it. */
export type OAuthClientSettings = Pick<
  UserPoolClientType,
  | 'AllowedOAuthFlowsUserPoolClient'
  | 'AllowedOAuthFlows'
  | 'AllowedOAuthScopes'
  | 'CallbackURLs'
  | 'LogoutURLs'
  | 'SupportedIdentityProviders'
>;

/** Amplify's `loginWith.oauth`, as the page is built with it (web/src/config.ts reads it back). */
export interface HostedUiSettings {
  /** The managed login's host (`<prefix>.auth.<region>.amazoncognito.com`, a custom domain, or the local one's host:port). */
  readonly domain: string;
  readonly scopes: readonly string[];
  readonly redirectSignIn: readonly string[];
  readonly redirectSignOut: readonly string[];
  /** `code` (with PKCE) when the client allows it, else the implicit grant's `token`. */
  readonly responseType: 'code' | 'token';
  /** SupportedIdentityProviders: COGNITO (the hosted UI's own form) and the pool's identity providers by name. */
  readonly providers: readonly string[];
}

/** The page's hosted UI settings, or why it goes without. */
export type HostedUi = { readonly settings: HostedUiSettings } | { readonly off: string };

/**
 * The page's hosted UI for an app client and its pool's domain, or why the page goes without it:
 * Cognito serves the managed login only to a pool with a domain, and authorize only for a client
 * with AllowedOAuthFlowsUserPoolClient, a user flow (code or implicit; client_credentials is for
 * machines), a callback URL and an identity provider
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/authorization-endpoint.html). Amplify
 * sends users back to the redirect of the page's own origin and path, and sign-out to a LogoutURL.
 * `pageUrl`, when known (the local stage), must be one of the CallbackURLs.
 */
export function hostedUiSettings(domain: string | undefined, client: OAuthClientSettings, clientName: string, pageUrl?: string): HostedUi {
  const off = (why: string) => ({ off: why });
  if (!domain) return off('the user pool has no domain (AWS::Cognito::UserPoolDomain)');
  if (client.AllowedOAuthFlowsUserPoolClient !== true)
    return off(`app client ${clientName} does not allow OAuth (AllowedOAuthFlowsUserPoolClient)`);
  const flows = client.AllowedOAuthFlows ?? [];
  const responseType = flows.includes('code') ? 'code' : flows.includes('implicit') ? 'token' : undefined;
  if (!responseType) return off(`app client ${clientName} allows neither the code nor the implicit grant (AllowedOAuthFlows)`);
  const redirectSignIn = client.CallbackURLs ?? [];
  if (redirectSignIn.length === 0) return off(`app client ${clientName} has no CallbackURLs`);
  if (pageUrl !== undefined && !redirectSignIn.includes(pageUrl)) {
    return off(`app client ${clientName}'s CallbackURLs do not include this page, ${pageUrl}`);
  }
  const redirectSignOut = client.LogoutURLs ?? [];
  if (redirectSignOut.length === 0) return off(`app client ${clientName} has no LogoutURLs, where the hosted UI's sign-out returns`);
  const providers = client.SupportedIdentityProviders ?? [];
  if (providers.length === 0) return off(`app client ${clientName} supports no identity provider (SupportedIdentityProviders)`);
  return { settings: { domain, scopes: client.AllowedOAuthScopes ?? [], redirectSignIn, redirectSignOut, responseType, providers } };
}

/**
 * The VITE_* variables of the hosted UI (lists space-separated: no URL, scope or provider name
 * holds a space), or VITE_HOSTED_UI_OFF with the reason.
 */
export function hostedUiEnv(hostedUi: HostedUi): Record<string, string> {
  if ('off' in hostedUi) return { VITE_HOSTED_UI_OFF: hostedUi.off };
  const { domain, scopes, redirectSignIn, redirectSignOut, responseType, providers } = hostedUi.settings;
  return {
    VITE_OAUTH_DOMAIN: domain,
    VITE_OAUTH_SCOPES: scopes.join(' '),
    VITE_OAUTH_REDIRECT_SIGN_IN: redirectSignIn.join(' '),
    VITE_OAUTH_REDIRECT_SIGN_OUT: redirectSignOut.join(' '),
    VITE_OAUTH_RESPONSE_TYPE: responseType,
    VITE_OAUTH_PROVIDERS: providers.join(' '),
  };
}

/**
 * The host Amplify's `oauth.domain` names on AWS for the Output of an AWS::Cognito::UserPoolDomain
 * (`Ref` is its Domain): a prefix is served at `<prefix>.auth.<region>.amazoncognito.com`, a custom
 * domain (it has dots) as it is
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-assign-domain.html).
 * The region is the user pool's, the part of its id before `_`.
 */
export function awsManagedLoginDomain(domainOutput: string, userPoolId: string): string {
  return domainOutput.includes('.') ? domainOutput : `${domainOutput}.auth.${userPoolId.split('_')[0]}.amazoncognito.com`;
}
