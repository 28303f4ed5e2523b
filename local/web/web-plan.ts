import { type HostedUi, hostedUiEnv, hostedUiSettings } from '../../web/hosted-ui-env.ts';
import type { LocalStack } from '../cloudformation/local-stack.ts';

/** What the local web client runs with: the pool, client and API it uses, or why it goes without. */
export interface WebPlan {
  readonly userPoolId?: string;
  readonly clientId?: string;
  /** Where the pool and client were found, for the banner. */
  readonly source?: string;
  /** Why the page cannot sign users in (no pool, no client, a client with a secret). */
  readonly authOff?: string;
  readonly apiUrl?: string;
  /** Why the page has no API to call. */
  readonly apiOff?: string;
  /** The page's hosted UI sign-in through the local managed login, or why it goes without (when sign-in is on). */
  readonly hostedUi?: HostedUi;
}

/** Where the local APIs answer: the REST API under its stage, the HTTP API at the root. */
export interface LocalApiUrls {
  readonly restApi: string;
  readonly httpApi: string;
  /**
   * The local managed login's host:port, every pool's domain locally (Amplify's `oauth.domain`,
   * which it puts after `https://`), and the page's URL, which must be one of the CallbackURLs.
   */
  readonly managedLogin?: { readonly host: string; readonly pageUrl?: string };
}

/**
 * The web client's pool, app client and API for any stack: from the Outputs `build:web` reads on
 * AWS (UserPoolId, UserPoolClientId, ApiUrl) when the stack has them, else from the template (its
 * first pool, that pool's first client without a secret; the REST API, else the HTTP API).
 */
export function webPlan(stack: LocalStack, urls: LocalApiUrls): WebPlan {
  const web = stack.cognito?.web;
  const auth: Partial<WebPlan> = web?.unusable
    ? { authOff: web.unusable }
    : web?.userPoolId && web.clientId
      ? {
          userPoolId: web.userPoolId,
          clientId: web.clientId,
          source:
            web.from === 'Outputs'
              ? 'from the Outputs UserPoolId/UserPoolClientId'
              : `from the template: ${web.userPoolLogicalId}, client ${web.clientLogicalId}`,
        }
      : { authOff: 'the stack has no user pool (AWS::Cognito::UserPool)' };
  const hasRestApi = Object.keys(stack.routes).length > 0;
  const apiUrl =
    stack.outputs.ApiUrl ?? (hasRestApi ? urls.restApi : stack.httpApi ? (stack.outputs.HttpApiUrl ?? urls.httpApi) : undefined);
  const hostedUi = auth.authOff === undefined && urls.managedLogin ? { hostedUi: localHostedUi(stack, urls.managedLogin) } : {};
  return { ...auth, ...(apiUrl ? { apiUrl } : { apiOff: 'serverless.yml has no http or httpApi event' }), ...hostedUi };
}

/** The web client's hosted UI on the local stage: its pool's domain served by the local managed login, its client's OAuth settings. */
export function localHostedUi(stack: LocalStack, managedLogin: NonNullable<LocalApiUrls['managedLogin']>): HostedUi {
  const web = stack.cognito?.web;
  const client = stack.cognito?.clients.find((candidate) => candidate.id === web?.clientId);
  const hasDomain = web?.userPoolLogicalId !== undefined && stack.cognito?.domains?.[web.userPoolLogicalId] !== undefined;
  return hostedUiSettings(hasDomain ? managedLogin.host : undefined, client?.oauth ?? {}, client?.logicalId ?? '', managedLogin.pageUrl);
}

/** The VITE_* variables the page reads (web/src/config.ts), locally: whatever the stack has. */
export function localWebEnv(plan: WebPlan, cognitoEndpoint: string): Record<string, string> {
  const set = (name: string, value: string | undefined) => (value === undefined ? {} : { [name]: value });
  return {
    ...set('VITE_USER_POOL_ID', plan.userPoolId),
    ...set('VITE_USER_POOL_CLIENT_ID', plan.clientId),
    ...set('VITE_API_URL', plan.apiUrl),
    ...set('VITE_AUTH_OFF', plan.authOff),
    ...set('VITE_API_OFF', plan.apiOff),
    ...(plan.hostedUi && hostedUiEnv(plan.hostedUi)),
    VITE_COGNITO_ENDPOINT: cognitoEndpoint,
  };
}
