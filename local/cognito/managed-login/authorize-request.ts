import type { AppClient, Context, Services, UserPoolService } from '../cognito-local.ts';
import { appClientOf } from '../request-context.ts';
import { authorizeParameters, type PageResult } from './page-types.ts';
import type { PoolOAuthConfigs, PoolOAuthSettings } from './pool-oauth-settings.ts';

/** The scopes every pool has (its resource servers add `<identifier>/<scope>` ones). */
const ID_TOKEN_SCOPES = ['email', 'phone', 'profile'];
const PROMPTS = new Set(['login', 'none', 'select_account', 'consent']);

/** An authorize request that passed Cognito's checks: what the sign-in ends with. */
export interface AuthorizeRequest {
  readonly pool: UserPoolService;
  readonly client: AppClient;
  /** The pool's domain, resource servers and identity providers. */
  readonly settings: PoolOAuthSettings;
  readonly redirectUri: string;
  readonly responseType: 'code' | 'token';
  /** The scopes granted: those asked for, or, when none were, all the client's. */
  readonly scopes: readonly string[];
  readonly state?: string;
  readonly nonce?: string;
  readonly codeChallenge?: string;
  readonly codeChallengeMethod?: 'S256';
  /** The identity provider asked for by `identity_provider` or `idp_identifier`, when not COGNITO. */
  readonly identityProvider?: string;
  readonly prompts: ReadonlySet<string>;
  readonly loginHint?: string;
  /** The request's authorize parameters, carried on by every page (page-types.ts). */
  readonly parameters: URLSearchParams;
}

export interface AuthorizeDeps {
  readonly cognito: Services['cognito'];
  readonly configs: PoolOAuthConfigs;
}

/**
 * Cognito's checks of an authorize request (`/oauth2/authorize`, and `/login`, which takes the
 * same parameters), in its order. Before the redirect is known good — an unknown client, a pool
 * without a domain, a redirect_uri that is not exactly one of the client's CallbackURLs — the
 * answer is Cognito's error page, never a redirect; after, the error goes to the redirect_uri
 * (`?error=…&state=…`): `unauthorized_client` for a flow the client does not allow,
 * `invalid_request` for a malformed request (PKCE other than S256 included), `invalid_scope` for a
 * scope the client may not ask for.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/authorization-endpoint.html
 * https://docs.aws.amazon.com/cognito/latest/developerguide/using-pkce-in-authorization-code.html
 */
export async function readAuthorizeRequest(
  deps: AuthorizeDeps,
  ctx: Context,
  query: URLSearchParams,
): Promise<{ readonly request: AuthorizeRequest } | { readonly refused: PageResult }> {
  const clientId = query.get('client_id') ?? '';
  const client = clientId ? await appClientOf(deps, ctx, clientId) : null;
  if (!client)
    return { refused: errorPage('invalid_request', clientId ? `The app client ${clientId} does not exist.` : 'client_id is missing.') };
  const pool = await deps.cognito.getUserPool(ctx, client.UserPoolId);
  const settings = await deps.configs.settingsOf(ctx, client.UserPoolId);
  if (settings.domain === undefined) {
    return { refused: errorPage('invalid_request', `The user pool ${client.UserPoolId} has no domain, so it has no managed login.`) };
  }
  const redirectUri = query.get('redirect_uri') ?? '';
  if (!(client.CallbackURLs ?? []).includes(redirectUri)) return { refused: errorPage('redirect_mismatch', undefined, clientId) };

  const state = query.get('state') ?? undefined;
  const refuse = (error: string, description?: string) => ({ refused: errorRedirect(redirectUri, error, description, state) });
  const flows = client.AllowedOAuthFlowsUserPoolClient === true ? (client.AllowedOAuthFlows ?? []) : [];
  const responseType = query.get('response_type');
  if (!responseType) return refuse('invalid_request', 'response_type is missing.');
  if (responseType !== 'code' && responseType !== 'token') return refuse('unsupported_response_type');
  if (!flows.includes(responseType === 'code' ? 'code' : 'implicit')) return refuse('unauthorized_client');

  const codeChallenge = query.get('code_challenge') ?? undefined;
  const codeChallengeMethod = query.get('code_challenge_method') ?? undefined;
  // "Amazon Cognito authentication server supports only S256": plain, or a challenge without its method, is refused.
  if (responseType === 'code' && (codeChallenge !== undefined || codeChallengeMethod !== undefined)) {
    if (!codeChallenge || codeChallengeMethod !== 'S256') return refuse('invalid_request', 'code_challenge_method must be S256.');
  }

  const allowed = client.AllowedOAuthScopes ?? [];
  const asked = (query.get('scope') ?? '').split(' ').filter((scope) => scope !== '');
  const scopes = asked.length === 0 ? allowed : [...new Set(asked)];
  if (scopes.some((scope) => !allowed.includes(scope))) return refuse('invalid_scope');
  // "The phone, email, and profile scopes can only be requested if openid scope is also requested."
  if (asked.some((scope) => ID_TOKEN_SCOPES.includes(scope)) && !scopes.includes('openid')) return refuse('invalid_scope');

  const providers = client.SupportedIdentityProviders ?? [];
  const provider = askedProvider(query, settings.identityProviders);
  // A provider the pool lacks or the client does not support: Cognito's page, "Login option is not
  // available. Please try another one." (aws-sdk-android#1808), not a redirect.
  if (provider === null || (provider !== undefined && !providers.includes(provider))) {
    return { refused: errorPage('invalid_request', 'Login option is not available. Please try another one.', clientId) };
  }
  if (providers.length === 0) return refuse('unauthorized_client', 'The app client supports no identity provider.');

  const prompts = new Set((query.get('prompt') ?? '').split(' ').filter((prompt) => prompt !== ''));
  if ([...prompts].some((prompt) => !PROMPTS.has(prompt)) || (prompts.has('none') && prompts.size > 1)) {
    return refuse('invalid_request', 'prompt must be login, none, select_account or consent (none alone).');
  }
  return {
    request: {
      pool,
      client,
      settings,
      redirectUri,
      responseType,
      scopes,
      state,
      nonce: query.get('nonce') ?? undefined,
      ...(responseType === 'code' && codeChallenge !== undefined && { codeChallenge, codeChallengeMethod: 'S256' as const }),
      identityProvider: provider === 'COGNITO' ? undefined : provider,
      prompts,
      loginHint: query.get('login_hint') ?? undefined,
      parameters: authorizeParameters(query),
    },
  };
}

/**
 * The provider `identity_provider` names, or the one whose IdpIdentifiers hold `idp_identifier`;
 * undefined when the request names none; null when it names one the pool does not have.
 */
function askedProvider(
  query: URLSearchParams,
  providers: readonly { ProviderName?: string; IdpIdentifiers?: string[] }[],
): string | null | undefined {
  const named = query.get('identity_provider');
  if (named) return named === 'COGNITO' || providers.some((p) => p.ProviderName === named) ? named : null;
  const identifier = query.get('idp_identifier');
  if (identifier) return providers.find((p) => p.IdpIdentifiers?.includes(identifier))?.ProviderName ?? null;
  return undefined;
}

/** Cognito's error page, reached by a redirect to `/error` (what its authorize does with a request it cannot redirect). */
export function errorPage(error: string, description?: string, clientId?: string): PageResult {
  const query = new URLSearchParams({ error });
  if (description !== undefined) query.set('error_description', description);
  if (clientId !== undefined) query.set('client_id', clientId);
  return { kind: 'redirect', location: `/error?${query}` };
}

/** An error for the app at its redirect_uri, with the request's state (RFC 6749 §4.1.2.1). */
export function errorRedirect(redirectUri: string, error: string, description?: string, state?: string): PageResult {
  const query: Record<string, string> = { error };
  if (description !== undefined) query.error_description = description;
  if (state !== undefined) query.state = state;
  return { kind: 'redirect', location: withQuery(redirectUri, query) };
}

/** `uri` with `parameters` added to its query (a callback URL may have one already). */
export function withQuery(uri: string, parameters: Record<string, string>): string {
  const [base, fragment] = splitFragment(uri);
  const separator = base.includes('?') ? '&' : '?';
  return `${base}${separator}${new URLSearchParams(parameters)}${fragment}`;
}

/** `uri` with `parameters` as its fragment (the implicit grant's tokens). */
export function withFragment(uri: string, parameters: Record<string, string>): string {
  return `${splitFragment(uri)[0]}#${new URLSearchParams(parameters)}`;
}

function splitFragment(uri: string): [string, string] {
  const at = uri.indexOf('#');
  return at < 0 ? [uri, ''] : [uri.slice(0, at), uri.slice(at)];
}
