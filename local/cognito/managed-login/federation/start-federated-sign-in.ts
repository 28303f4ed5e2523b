import type { AppClient, UserPool } from '../../cognito-local.ts';
import type { PageResult } from '../page-types.ts';
import { contextOf, type FederationDeps } from './federation-deps.ts';
import { sealState } from './federation-state.ts';
import { namedProvider, responsePathOf } from './identity-providers.ts';
import { messagePage } from './stand-in-html.ts';

/** The stand-in provider's sign-in page, for every provider of every pool (the state says which). */
export const STAND_IN_PATH = '/_local/idp/sign-in';

export interface FederatedSignInStart {
  readonly pool: UserPool;
  readonly client: AppClient;
  /**
   * The authorize request's parameters, already checked by the authorize endpoint (client,
   * redirect_uri, response_type, scopes): their `identity_provider` or `idp_identifier` names the provider.
   */
  readonly parameters: URLSearchParams;
}

/**
 * Where /oauth2/authorize sends a user when `identity_provider` or `idp_identifier` names a
 * third-party provider: "it silently redirects your user to the sign-in page for that identity
 * provider" (authorization-endpoint.html), here the local stand-in of that provider, with what
 * Cognito sends a provider (its client_id, the redirect_uri of Cognito's response path, the
 * provider's authorize_scopes) and an opaque state that carries the authorize request through.
 * A provider the pool does not have, or the app client does not support, gets the managed login's
 * "Login option is not available. Please try another one." ([C] aws-sdk-android#1808).
 */
export async function startFederatedSignIn(deps: FederationDeps, { pool, client, parameters }: FederatedSignInStart): Promise<PageResult> {
  const settings = await deps.configs.settingsOf(contextOf(deps), pool.Id);
  const provider = namedProvider(settings.identityProviders, client, parameters);
  if (!provider) return messagePage(400, 'Login option is not available', 'Login option is not available. Please try another one.');
  const state = sealState({
    userPoolId: pool.Id,
    clientId: client.ClientId,
    providerName: provider.ProviderName,
    parameters: parameters.toString(),
    issuedAt: deps.services.clock.now(),
  });
  const details = provider.ProviderDetails ?? {};
  const query = new URLSearchParams({ redirect_uri: `${deps.origin}${responsePathOf(provider)}` });
  if (provider.ProviderType === 'SAML') {
    query.set('RelayState', state);
  } else {
    query.set('response_type', 'code');
    if (details.client_id) query.set('client_id', details.client_id);
    if (details.authorize_scopes) query.set('scope', details.authorize_scopes);
    query.set('state', state);
  }
  return { kind: 'redirect', location: `${deps.origin}${STAND_IN_PATH}?${query}` };
}
