import { timingSafeEqual } from 'node:crypto';
import type { AppClient, Context } from '../cognito-local.ts';
import { appClientOf, RequestContext } from '../request-context.ts';
import type { ManagedLoginDeps } from './managed-login-deps.ts';
import { invalidRequest, methodNotAllowed, OAuthError, oauthErrorAnswer, preflight } from './oauth-errors.ts';
import type { PageHandler, PageRequest, PageResult } from './page-types.ts';

/** Whether the request's body is a form, the only body these endpoints take ([D] "Must always be application/x-www-form-urlencoded"). */
const isForm = (request: PageRequest) => /^application\/x-www-form-urlencoded\s*(;|$)/i.test(request.headers['content-type'] ?? '');

/**
 * An endpoint a client calls with its credentials (/oauth2/token, /oauth2/revoke): a CORS preflight
 * answered; then a POST with a form body only, the client authenticated (`invalidClient`, the
 * endpoint's refusal when it is not), and `answer` run for it; every OAuth 2.0 error on the way is
 * answered in OAuth's format (oauth-errors.ts).
 */
export function clientEndpoint(
  deps: Pick<ManagedLoginDeps, 'services' | 'configs' | 'logger'>,
  invalidClient: () => OAuthError,
  answer: (ctx: Context, client: AppClient, form: URLSearchParams) => Promise<PageResult>,
): PageHandler {
  return async (request) => {
    if (request.method === 'OPTIONS') return preflight('POST');
    try {
      if (request.method !== 'POST') throw methodNotAllowed();
      if (!isForm(request)) throw invalidRequest('The Content-Type must be application/x-www-form-urlencoded.');
      const ctx = new RequestContext(deps.logger);
      const authenticated = await authenticateClient(deps, ctx, request, invalidClient);
      if ('error' in authenticated) throw authenticated.error;
      return await answer(ctx, authenticated.client, request.form);
    } catch (error) {
      if (error instanceof OAuthError) return oauthErrorAnswer(error);
      throw error;
    }
  };
}

/** The client an OAuth 2.0 endpoint's request authenticated as, or the error to answer. */
export type ClientAuthentication = { readonly client: AppClient } | { readonly error: OAuthError };

/**
 * The client id and secret of HTTP Basic authorization (`Basic base64(client_id:client_secret)`),
 * if sent. RFC 6749 2.3.1 form-encodes both first (openid-client does); Cognito's ids and secrets
 * have no character that changes, so either reading is taken.
 */
function basicCredentials(request: PageRequest): { id: string; secret: string } | undefined {
  const header = request.headers.authorization;
  const match = header === undefined ? null : /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : { id: formDecoded(decoded.slice(0, colon)), secret: formDecoded(decoded.slice(colon + 1)) };
}

/** `value` form-decoded when it is form-encoded (has a `%` escape), else as sent. */
function formDecoded(value: string): string {
  if (!/%[0-9A-Fa-f]{2}/.test(value)) return value;
  try {
    return decodeURIComponent(value.replaceAll('+', ' '));
  } catch {
    return value;
  }
}

const sameSecret = (given: string, secret: string) =>
  given.length === secret.length && timingSafeEqual(Buffer.from(given), Buffer.from(secret));

/**
 * Client authentication at /oauth2/token and /oauth2/revoke: `client_secret_basic` (the
 * Authorization header) or `client_secret_post` (client_id and client_secret in the body), or a
 * public client's client_id alone. A client with a secret must send it; a public client must not
 * send one; one request uses one way (RFC 6749 2.3); the client must belong to a pool with a
 * domain, which locally is every pool's managed login. `invalidClient` is the answer the endpoint
 * gives when authentication fails (the token endpoint's 400, the revoke endpoint's 401).
 * https://docs.aws.amazon.com/cognito/latest/developerguide/token-endpoint.html
 */
export async function authenticateClient(
  deps: Pick<ManagedLoginDeps, 'services' | 'configs'>,
  ctx: Context,
  request: PageRequest,
  invalidClient: () => OAuthError,
): Promise<ClientAuthentication> {
  const basic = basicCredentials(request);
  const bodyId = request.form.get('client_id') ?? undefined;
  const bodySecret = request.form.get('client_secret') ?? undefined;
  if (basic !== undefined && bodySecret !== undefined) return { error: invalidRequest('Use one client authentication method.') };
  if (basic !== undefined && bodyId !== undefined && bodyId !== basic.id) return { error: invalidClient() };
  const clientId = basic?.id ?? bodyId;
  if (!clientId) return { error: invalidRequest('client_id is missing.') };
  const secret = basic?.secret ?? bodySecret;
  const client = await appClientOf(deps.services, ctx, clientId);
  if (!client) return { error: invalidClient() };
  if (client.ClientSecret ? secret === undefined || !sameSecret(secret, client.ClientSecret) : secret !== undefined && secret !== '') {
    return { error: invalidClient() };
  }
  const { domain } = await deps.configs.settingsOf(ctx, client.UserPoolId);
  return domain === undefined ? { error: invalidClient() } : { client };
}
