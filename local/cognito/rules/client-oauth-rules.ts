import type { CreateUserPoolClientCommandInput, UpdateUserPoolClientCommandInput } from '@aws-sdk/client-cognito-identity-provider';
import { invalidOAuthFlow, invalidOAuthSetting, providerNotInPool, scopeDoesNotExist } from '../cognito-answers.ts';
import type { PoolOAuthSettings } from '../managed-login/pool-oauth-settings.ts';

// An app client's OAuth 2.0 settings against AWS's rules and the pool's resource servers and
// identity providers.
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html
// https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-client-apps.html

/** The scopes every pool has: https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-define-resource-servers.html */
export const STANDARD_SCOPES: readonly string[] = ['openid', 'email', 'phone', 'profile', 'aws.cognito.signin.user.admin'];

/**
 * The hosts a callback or logout URL may name over plain http: localhost (API_CreateUserPoolClient.html:
 * "Amazon Cognito requires HTTPS over HTTP except for http://localhost for testing purposes only"),
 * and the loopback IP literals Cognito accepts since 2025-08 (an AWS engineer in
 * https://github.com/microsoft/vscode/issues/256122).
 */
export const LOOPBACK_HOSTS: readonly string[] = ['localhost', '127.0.0.1', '[::1]'];

type ClientInput = CreateUserPoolClientCommandInput | UpdateUserPoolClientCommandInput;

/**
 * Refuses an app client's OAuth settings as Cognito does: each AllowedOAuthScopes a standard scope
 * or `<resource server identifier>/<scope>` of the pool (ScopeDoesNotExistException); each
 * SupportedIdentityProviders COGNITO or a provider of the pool; CallbackURLs, LogoutURLs and
 * DefaultRedirectURI absolute, without a fragment, https (or http on a loopback host, or an app's
 * own scheme), DefaultRedirectURI one of the CallbackURLs; client_credentials on its own and only
 * for a client with a secret (InvalidOAuthFlowException); AllowedOAuthFlowsUserPoolClient with
 * flows and scopes, and code or implicit with a callback URL.
 */
export function refuseInvalidOAuthSettings(input: ClientInput, pool: PoolOAuthSettings, hasSecret: boolean, userPoolId: string): void {
  const scopes = input.AllowedOAuthScopes ?? [];
  const custom = new Set(
    pool.resourceServers.flatMap((server) => (server.Scopes ?? []).map((scope) => `${server.Identifier}/${scope.ScopeName}`)),
  );
  const unknownScope = scopes.find((scope) => !STANDARD_SCOPES.includes(scope) && !custom.has(scope));
  if (unknownScope !== undefined) throw scopeDoesNotExist(unknownScope);

  const providers = new Set(['COGNITO', ...pool.identityProviders.map((provider) => provider.ProviderName ?? '')]);
  const unknownProvider = (input.SupportedIdentityProviders ?? []).find((name) => !providers.has(name));
  if (unknownProvider !== undefined) throw providerNotInPool(unknownProvider, userPoolId);

  const callbacks = input.CallbackURLs ?? [];
  for (const [name, urls] of [
    ['CallbackURLs', callbacks],
    ['LogoutURLs', input.LogoutURLs ?? []],
    ['DefaultRedirectURI', input.DefaultRedirectURI === undefined ? [] : [input.DefaultRedirectURI]],
  ] as const) {
    for (const url of urls) {
      const problem = redirectUrlProblem(url);
      if (problem !== undefined) throw invalidOAuthSetting(`${name}: ${url} ${problem}`);
    }
  }
  if (input.DefaultRedirectURI !== undefined && !callbacks.includes(input.DefaultRedirectURI)) {
    throw invalidOAuthSetting(`DefaultRedirectURI: ${input.DefaultRedirectURI} must be one of the CallbackURLs.`);
  }

  const flows = input.AllowedOAuthFlows ?? [];
  if (flows.includes('client_credentials')) {
    if (flows.length > 1) throw invalidOAuthFlow('client_credentials flow can not be selected along with code flow or implicit flow.');
    if (!hasSecret) throw invalidOAuthFlow('client_credentials flow can not be selected if client does not have a client secret.');
  }
  if (input.AllowedOAuthFlowsUserPoolClient === true) {
    if (flows.length === 0)
      throw invalidOAuthSetting('AllowedOAuthFlowsUserPoolClient is true: give AllowedOAuthFlows (code, implicit or client_credentials).');
    if (scopes.length === 0) throw invalidOAuthSetting('AllowedOAuthFlowsUserPoolClient is true: give AllowedOAuthScopes.');
    if (flows.some((flow) => flow !== 'client_credentials') && callbacks.length === 0) {
      throw invalidOAuthSetting('The code and implicit flows need CallbackURLs: give the URLs the managed login may redirect to.');
    }
  }
}

/** What is wrong with a redirect URL, as the end of a sentence; undefined when it is fine. */
export function redirectUrlProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'is not an absolute URL.';
  }
  if (url.includes('#')) return 'must not have a fragment (#).';
  if (parsed.protocol === 'http:' && !LOOPBACK_HOSTS.includes(parsed.hostname)) {
    return 'must use https: plain http is allowed only for http://localhost (or 127.0.0.1, [::1]).';
  }
  return undefined;
}
