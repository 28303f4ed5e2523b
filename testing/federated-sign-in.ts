import { CLAIM_FIELD } from '../local/cognito/managed-login/federation/stand-in-page.ts';
import { STAND_IN_PATH } from '../local/cognito/managed-login/federation/start-federated-sign-in.ts';

// Signs in through a pool's identity provider as a given identity, over HTTP only, without the
// stand-in page: what a team's test uses to be "Ada at Google" in one call. It makes the requests
// a browser would: the authorize request, the stand-in provider's form post, and each redirect
// after it on the managed login's origin, up to the app's redirect_uri (with the code, the tokens
// or Cognito's error).

/** Who signs in, where, and for which app client. */
export interface FederatedSignInOptions {
  /** The managed login's origin (https://127.0.0.1:9443 locally; the web client's `oauth.domain`). */
  readonly origin: string;
  readonly clientId: string;
  /** One of the app client's CallbackURLs. */
  readonly redirectUri: string;
  /** The provider's name in the pool (`identity_provider`): `Google`, `CorpSSO`… */
  readonly provider: string;
  /**
   * What the provider says about the user, by claim (or SAML attribute) name: its subject claim
   * (`sub` for Google, Apple and OIDC, `id` for Facebook, `user_id` for Login with Amazon, `NameID`
   * for SAML) and the attributes the provider's AttributeMapping reads: `{ sub: '1001', email: 'ada@example.com' }`.
   */
  readonly identity: Readonly<Record<string, string>>;
  /** Further authorize parameters: `scope`, `state`, `nonce`, `code_challenge`… (`response_type` is `code` unless given). */
  readonly parameters?: Readonly<Record<string, string>>;
  /** Cookies the browser already has for the managed login (a session), by name. */
  readonly cookies?: Readonly<Record<string, string>>;
  /** The fetch to use: one that trusts the local CA for the managed login's https origin. */
  readonly fetch?: typeof fetch;
}

/** Where the sign-in ended, and the managed login's cookies then (its session). */
export interface FederatedSignInResult {
  /** The app's redirect_uri as the browser would reach it: `code` and `state` in its query, tokens in its fragment, or `error`. */
  readonly callback: URL;
  readonly cookies: Readonly<Record<string, string>>;
}

/** Why the helper could not go on: the step, and what the managed login answered. */
export class FederatedSignInError extends Error {
  override name = 'FederatedSignInError';
}

/** More redirects than a sign-in makes: a loop. */
const MAX_REDIRECTS = 10;

/** Signs in as `options.identity` at `options.provider`, and answers where the browser lands in the app. */
export async function signInWithIdentity(options: FederatedSignInOptions): Promise<FederatedSignInResult> {
  const fetchOf = options.fetch ?? fetch;
  const cookies = new Map(Object.entries(options.cookies ?? {}));
  const authorize = new URL('/oauth2/authorize', options.origin);
  authorize.search = new URLSearchParams({
    response_type: 'code',
    ...options.parameters,
    client_id: options.clientId,
    redirect_uri: options.redirectUri,
    identity_provider: options.provider,
  }).toString();
  const standIn = await redirectOf(await send(fetchOf, cookies, authorize), 'the authorize request');
  if (standIn.origin !== new URL(options.origin).origin || standIn.pathname !== STAND_IN_PATH) {
    throw new FederatedSignInError(
      `The authorize request sent the browser to ${standIn.href}, not to the stand-in ${options.provider} page.`,
    );
  }
  const saml = standIn.searchParams.has('RelayState');
  const state = standIn.searchParams.get(saml ? 'RelayState' : 'state');
  const responsePath = standIn.searchParams.get('redirect_uri');
  if (!state || !responsePath)
    throw new FederatedSignInError(`The stand-in ${options.provider} page was given no state or redirect_uri: ${standIn.href}`);
  const form = new URLSearchParams({ [saml ? 'RelayState' : 'state']: state });
  for (const [claim, value] of Object.entries(options.identity)) form.set(`${CLAIM_FIELD}${claim}`, value);
  let next = await redirectOf(await send(fetchOf, cookies, new URL(responsePath), form), `the ${options.provider} response`);
  for (let hops = 0; next.origin === new URL(options.origin).origin; hops++) {
    if (hops === MAX_REDIRECTS)
      throw new FederatedSignInError(`The managed login redirected more than ${MAX_REDIRECTS} times: last ${next.href}`);
    next = await redirectOf(await send(fetchOf, cookies, next), next.pathname);
  }
  return { callback: next, cookies: Object.fromEntries(cookies) };
}

async function send(fetchOf: typeof fetch, cookies: Map<string, string>, url: URL, form?: URLSearchParams): Promise<Response> {
  const headers: Record<string, string> = {};
  if (cookies.size > 0) headers.cookie = [...cookies].map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join('; ');
  if (form) headers['content-type'] = 'application/x-www-form-urlencoded';
  const response = await fetchOf(url, { method: form ? 'POST' : 'GET', headers, body: form?.toString(), redirect: 'manual' });
  for (const line of response.headers.getSetCookie()) {
    const [pair = ''] = line.split(';');
    const at = pair.indexOf('=');
    if (at < 0) continue;
    const value = decodeURIComponent(pair.slice(at + 1));
    if (value === '' || /;\s*max-age=0/i.test(line)) cookies.delete(pair.slice(0, at));
    else cookies.set(pair.slice(0, at), value);
  }
  return response;
}

async function redirectOf(response: Response, step: string): Promise<URL> {
  const location = response.headers.get('location');
  if (response.status < 300 || response.status > 399 || !location) {
    const text = (await response.text())
      .replace(/<(head|style|script)\b[\s\S]*?<\/\1>/gi, ' ')
      .replace(/<[^>]*>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 300);
    throw new FederatedSignInError(`${step} answered ${response.status}, not a redirect: ${text}`);
  }
  return new URL(location, response.url);
}
