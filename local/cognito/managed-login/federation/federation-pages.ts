import { OneAtATime } from '../../one-at-a-time.ts';
import type { PageHandler, SignedIn } from '../page-types.ts';
import type { StartFederation } from '../sign-in-flow.ts';
import type { FederationDeps } from './federation-deps.ts';
import { idpResponse } from './idp-response.ts';
import { STAND_IN_PATH, startFederatedSignIn } from './start-federated-sign-in.ts';
import { standInPage } from './stand-in-page.ts';

export { startFederatedSignIn, STAND_IN_PATH, type FederatedSignInStart } from './start-federated-sign-in.ts';
export { wantsFederatedSignIn } from './identity-providers.ts';

/**
 * Sign-in through third-party identity providers, by path: the local stand-in of each provider's
 * page, and Cognito's two response paths, which end the sign-in with `signedIn`
 * (authorization-endpoint.html; the stand-in is README's "Social and enterprise sign-in").
 */
export function federationPages(deps: FederationDeps, signedIn: SignedIn): Record<string, PageHandler> {
  const signIns = new OneAtATime();
  return {
    [STAND_IN_PATH]: standInPage(deps),
    '/oauth2/idpresponse': idpResponse(deps, signedIn, false, signIns),
    '/saml2/idpresponse': idpResponse(deps, signedIn, true, signIns),
  };
}

/**
 * What /oauth2/authorize (sign-in-flow.ts) calls once its checks pass and the request names an
 * identity provider: {@link startFederatedSignIn} for the request's pool, client and parameters.
 */
export function federationStart(deps: FederationDeps): StartFederation {
  return (_ctx, request) =>
    startFederatedSignIn(deps, { pool: request.pool.options, client: request.client, parameters: request.parameters });
}
