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
}

/** Where the local APIs answer: the REST API under its stage, the HTTP API at the root. */
export interface LocalApiUrls {
  readonly restApi: string;
  readonly httpApi: string;
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
  return { ...auth, ...(apiUrl ? { apiUrl } : { apiOff: 'serverless.yml has no http or httpApi event' }) };
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
    VITE_COGNITO_ENDPOINT: cognitoEndpoint,
  };
}
