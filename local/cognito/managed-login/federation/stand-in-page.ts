import type { PageHandler, PageResult } from '../page-types.ts';
import type { FederationDeps } from './federation-deps.ts';
import { type FederationInProgress, signInOfState } from './provider-of-state.ts';
import { responsePathOf, subjectClaimOf } from './identity-providers.ts';
import { escapeHtml, htmlPage, messagePage } from './stand-in-html.ts';
import { claimNamesOf, mappedClaimsOf, suggestedIdentities } from './stand-in-identities.ts';

/** The prefix of the stand-in's form fields that carry the identity's claims (`claim.email`). */
export const CLAIM_FIELD = 'claim.';

/**
 * The local stand-in of a third-party provider's sign-in page: the developer picks a suggested test
 * identity or types one (the subject and each provider attribute the AttributeMapping reads), and
 * the page posts it, with the state Cognito sent, to Cognito's response path, as the provider would
 * (`/oauth2/idpresponse`, `/saml2/idpresponse`). It checks the redirect_uri as a provider checks
 * its registered one. Nothing is signed: the stand-in is the provider, locally (README, Differences).
 */
export function standInPage(deps: FederationDeps): PageHandler {
  return async (request) => {
    if (request.method !== 'GET') return messagePage(405, 'Method not allowed', 'The stand-in identity provider page is read with GET.');
    const stateField = request.query.has('RelayState') ? 'RelayState' : 'state';
    const signIn = await signInOfState(deps, request.query.get(stateField));
    if (typeof signIn === 'string') return messagePage(400, 'Sign-in not found', signIn);
    const target = `${deps.origin}${responsePathOf(signIn.provider)}`;
    if (request.query.get('redirect_uri') !== target) {
      return messagePage(400, 'redirect_uri mismatch', `The stand-in identity provider sends users back to ${target} only.`);
    }
    return page(signIn, stateField, request.query.get(stateField)!);
  };
}

function page({ provider }: FederationInProgress, stateField: string, state: string): PageResult {
  const action = responsePathOf(provider);
  const subject = subjectClaimOf(provider);
  const hidden = `<input type="hidden" name="${stateField}" value="${escapeHtml(state)}">`;
  const suggestions = suggestedIdentities(provider).map((claims) => {
    const fields = Object.entries(claims)
      .map(([name, value]) => `<input type="hidden" name="${escapeHtml(CLAIM_FIELD + name)}" value="${escapeHtml(value)}">`)
      .join('');
    const who = Object.entries(claims)
      .map(([name, value]) => `${name}=${value}`)
      .join(', ');
    return `<form method="post" action="${action}">${hidden}${fields}<button type="submit">Sign in as ${escapeHtml(who)}</button></form>`;
  });
  const mapped = mappedClaimsOf(provider);
  const inputs = claimNamesOf(provider).map((name, index) => {
    const id = `claim-${index}`;
    const note =
      name === subject ? " (the user's id: required)" : mapped.has(name) ? '' : ' (not in the AttributeMapping: Cognito ignores it)';
    const required = name === subject ? ' required' : '';
    return `<label for="${id}">${escapeHtml(name + note)}</label><input type="text" id="${id}" name="${escapeHtml(CLAIM_FIELD + name)}"${required}>`;
  });
  const name = provider.ProviderName;
  // A social provider's type is its name (Google); an OIDC or SAML provider's is worth saying.
  const kind = provider.ProviderType === 'OIDC' || provider.ProviderType === 'SAML' ? `${provider.ProviderType} ` : '';
  const body = [
    `<h1>${escapeHtml(name)} (stand-in)</h1>`,
    `<p class="note">The local stack stands in for the ${escapeHtml(kind)}identity provider ${escapeHtml(name)}: choose who signs in. Cognito's own rules (attribute mapping, the user ${escapeHtml(name)}_&lt;${escapeHtml(subject)}&gt;, triggers, linked users) apply as on AWS.</p>`,
    '<h2>Suggested test identities</h2>',
    ...suggestions,
    '<h2>Another identity</h2>',
    `<form method="post" action="${action}">${hidden}${inputs.join('')}<p><button type="submit" id="standInSubmit">Sign in</button></p></form>`,
  ].join('\n');
  return { kind: 'html', status: 200, html: htmlPage(`Sign in with ${name}`, body) };
}
