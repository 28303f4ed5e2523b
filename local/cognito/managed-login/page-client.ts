import type { AppClient, Context, UserPool } from '../cognito-local.ts';
import type { ManagedLoginDeps } from './managed-login-deps.ts';
import { errorPage } from './pages/error-page.ts';
import type { PageRequest, PageResult } from './page-types.ts';
import { authorizeParameters } from './page-types.ts';

/** The app client a managed login page serves, its pool, and what the page carries on. */
export interface PageClient {
  readonly client: AppClient;
  readonly pool: UserPool;
  /** The request's authorize parameters (page-types.ts), for the page's forms and links. */
  readonly parameters: URLSearchParams;
  /** The context the page calls the JSON API's operations with. */
  readonly ctx: Context;
}

// Why a page cannot be served, in the words Cognito puts in its /error page's `error` parameter.
// [C] redirect_mismatch: aws/aws-aspnet-cognito-identity-provider#167, aws-samples/iam-identity-center-team#437;
// [C] "Required parameters missing": NASA-IMPACT/veda-data-airflow#170; [U] the other two (the strict side:
// a client the domain does not serve is unknown, and one without OAuth is unauthorized, as the authorize
// endpoint's unauthorized_client says https://docs.aws.amazon.com/cognito/latest/developerguide/authorization-endpoint.html).
export const PAGE_REFUSALS = {
  missingParameters: 'Required parameters missing',
  unknownClient: 'Client does not exist',
  noOAuth: 'unauthorized_client',
  redirectMismatch: 'redirect_mismatch',
} as const;

/** The error page a refused request gets: status 400, no redirect (Cognito shows its /error page). */
export function refused(message: string, status = 400): PageResult {
  return { kind: 'html', status, html: errorPage({ status, message }) };
}

/**
 * The client of the request's `client_id` and its pool, or the error page: a client Cognito would
 * not serve at the pool's domain (unknown, or its pool has no domain), a client not allowed to use
 * OAuth (AllowedOAuthFlowsUserPoolClient), a `redirect_uri` that is not one of its CallbackURLs.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/managed-login-endpoints.html ("the same parameters as /oauth2/authorize")
 */
export async function pageClientOf(
  deps: Pick<ManagedLoginDeps, 'services' | 'configs' | 'logger'>,
  request: PageRequest,
): Promise<PageClient | PageResult> {
  const ctx: Context = { logger: deps.logger };
  const parameters = authorizeParameters(request.query);
  const clientId = parameters.get('client_id');
  if (!clientId) return refused(PAGE_REFUSALS.missingParameters);
  const client = await deps.services.cognito.getAppClient(ctx, clientId);
  if (!client) return refused(PAGE_REFUSALS.unknownClient);
  const settings = await deps.configs.settingsOf(ctx, client.UserPoolId);
  if (settings.domain === undefined) return refused(PAGE_REFUSALS.unknownClient);
  if (client.AllowedOAuthFlowsUserPoolClient !== true) return refused(PAGE_REFUSALS.noOAuth);
  const redirectUri = parameters.get('redirect_uri');
  if (redirectUri !== null && !(client.CallbackURLs ?? []).includes(redirectUri)) return refused(PAGE_REFUSALS.redirectMismatch);
  const pool = await deps.services.cognito.getUserPool(ctx, client.UserPoolId);
  return { client, pool: pool.options, parameters, ctx };
}

/** Whether {@link pageClientOf} answered with a page (a refusal) rather than a client. */
export function isPageResult(value: PageClient | PageResult): value is PageResult {
  return 'kind' in value;
}
