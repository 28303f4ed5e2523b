import type { PageHandler, PageResult, SignedIn } from '../page-types.ts';
import { OneAtATime } from '../../one-at-a-time.ts';
import { contextOf, type FederationDeps } from './federation-deps.ts';
import { signInFederated } from './federated-sign-in.ts';
import { FederationRefusal } from './federation-refusal.ts';
import { subjectClaimOf } from './identity-providers.ts';
import { signInOfState } from './provider-of-state.ts';
import { messagePage } from './stand-in-html.ts';
import { CLAIM_FIELD } from './stand-in-page.ts';

/**
 * Cognito's response path (`/oauth2/idpresponse`, `/saml2/idpresponse`): the provider's answer,
 * with the state Cognito sent, becomes the pool's user (federated-sign-in.ts), and the sign-in ends
 * as every managed login sign-in does (`signedIn`: the session, then the code or tokens to the app).
 * What Cognito refuses goes back to the app's redirect_uri as `error` and `error_description`,
 * with its `state` (authorization-endpoint.html).
 */
export function idpResponse(deps: FederationDeps, signedIn: SignedIn, saml: boolean, signIns = new OneAtATime()): PageHandler {
  return async (request) => {
    if (request.method !== 'POST' && (saml || request.method !== 'GET')) {
      return messagePage(405, 'Method not allowed', `The provider's answer comes by ${saml ? 'POST' : 'GET or POST'}.`);
    }
    const fields = request.method === 'POST' ? request.form : request.query;
    const signIn = await signInOfState(deps, fields.get(saml ? 'RelayState' : 'state'));
    // [C] Cognito's own error page says no more (amplify-js#755); the second sentence is the emulator's.
    if (typeof signIn === 'string') return messagePage(400, 'An error was encountered with the requested page.', signIn);
    const claims = claimsOf(fields);
    const subject = claims[subjectClaimOf(signIn.provider)];
    const parameters = new URLSearchParams(signIn.state.parameters);
    if (!subject) {
      return messagePage(400, 'No user id', `The identity has no ${subjectClaimOf(signIn.provider)}: the provider must name its user.`);
    }
    try {
      // One sign-in of an identity at a time: a form posted twice makes one user, not two.
      const username = await signIns.run(`${signIn.pool.options.Id}/${signIn.provider.ProviderName}/${subject}`, () =>
        signInFederated({ clock: deps.services.clock, triggers: deps.triggers }, contextOf(deps), signIn.pool, signIn.client, {
          provider: signIn.provider,
          subject,
          claims,
        }),
      );
      return await signedIn(request, signIn.pool.options.Id, username, parameters);
    } catch (error) {
      if (error instanceof FederationRefusal) return errorRedirect(parameters, error);
      throw error;
    }
  };
}

/** The identity's claims: the stand-in's `claim.<name>` fields that are not empty. */
function claimsOf(fields: URLSearchParams): Record<string, string> {
  const claims: Record<string, string> = {};
  for (const [name, value] of fields) if (name.startsWith(CLAIM_FIELD) && value !== '') claims[name.slice(CLAIM_FIELD.length)] = value;
  return claims;
}

/**
 * The app's redirect_uri with Cognito's error, in the query, or the fragment for the implicit grant
 * (an app's `#error_description=attributes+required…`, [C]), in Cognito's order: error_description, state, error.
 */
export function errorRedirect(parameters: URLSearchParams, refusal: FederationRefusal): PageResult {
  const answer = new URLSearchParams({ error_description: refusal.description });
  const state = parameters.get('state');
  if (state !== null) answer.set('state', state);
  answer.set('error', refusal.error);
  const redirectUri = parameters.get('redirect_uri') ?? '';
  const separator = parameters.get('response_type') === 'token' ? '#' : redirectUri.includes('?') ? '&' : '?';
  return { kind: 'redirect', location: `${redirectUri}${separator}${answer}` };
}
