import { type AppClient, InvalidParameterError, type Route, type Services } from '../cognito-local.ts';

type Wrapper = (route: Route) => Route;

/** The ExplicitAuthFlows value that lets a client run each AuthFlow. */
const PERMISSION_OF_FLOW: Readonly<Record<string, string>> = {
  USER_PASSWORD_AUTH: 'ALLOW_USER_PASSWORD_AUTH',
  USER_SRP_AUTH: 'ALLOW_USER_SRP_AUTH',
  CUSTOM_AUTH: 'ALLOW_CUSTOM_AUTH',
  REFRESH_TOKEN_AUTH: 'ALLOW_REFRESH_TOKEN_AUTH',
  REFRESH_TOKEN: 'ALLOW_REFRESH_TOKEN_AUTH',
  ADMIN_USER_PASSWORD_AUTH: 'ALLOW_ADMIN_USER_PASSWORD_AUTH',
  ADMIN_NO_SRP_AUTH: 'ALLOW_ADMIN_USER_PASSWORD_AUTH',
  USER_AUTH: 'ALLOW_USER_AUTH',
};

/** What a client without ExplicitAuthFlows allows (CreateUserPoolClient's ExplicitAuthFlows, [D]). */
const DEFAULT_FLOWS = ['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH'];

/**
 * The ALLOW_ permissions a client's ExplicitAuthFlows grant. The legacy values (ADMIN_NO_SRP_AUTH,
 * CUSTOM_AUTH_FLOW_ONLY, USER_PASSWORD_AUTH) add their flow to the default set, except
 * CUSTOM_AUTH_FLOW_ONLY, which leaves custom auth and refresh alone ([U]: the API reference only
 * names them). A list mixing both kinds, which Cognito refuses to store, is read by its ALLOW_ values.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html#CognitoUserPools-CreateUserPoolClient-request-ExplicitAuthFlows
 */
export function allowedFlows(explicitAuthFlows: readonly string[] | undefined): ReadonlySet<string> {
  if (explicitAuthFlows === undefined) return new Set(DEFAULT_FLOWS);
  if (explicitAuthFlows.length === 0 || explicitAuthFlows.some((flow) => flow.startsWith('ALLOW_'))) return new Set(explicitAuthFlows);
  if (explicitAuthFlows.includes('CUSTOM_AUTH_FLOW_ONLY')) return new Set(['ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']);
  const legacy = explicitAuthFlows.map((flow) => PERMISSION_OF_FLOW[flow]).filter((flow) => flow !== undefined);
  return new Set([...DEFAULT_FLOWS, ...legacy]);
}

/**
 * Cognito's answer to a flow the client does not allow: the USER_PASSWORD_AUTH, USER_SRP_AUTH,
 * USER_AUTH and admin messages as reported from AWS ([C]); the generic one elsewhere ([U]).
 */
function notEnabled(flow: string): InvalidParameterError {
  switch (flow) {
    case 'USER_PASSWORD_AUTH':
      return new InvalidParameterError('USER_PASSWORD_AUTH flow not enabled for this client');
    case 'USER_SRP_AUTH':
      return new InvalidParameterError('USER_SRP_AUTH is not enabled for the client.');
    case 'USER_AUTH':
      return new InvalidParameterError('USER_AUTH flow not enabled for this client');
    default:
      return new InvalidParameterError('Auth flow not enabled for this client');
  }
}

/** Whether `client` may run `flow` (an AuthFlow value); a flow Cognito does not know is left to the operation. */
export function flowAllowed(client: Pick<AppClient, 'ExplicitAuthFlows'>, flow: string): boolean {
  const permission = PERMISSION_OF_FLOW[flow];
  return permission === undefined || allowedFlows(client.ExplicitAuthFlows).has(permission);
}

/**
 * InitiateAuth and AdminInitiateAuth run only the flows the app client's ExplicitAuthFlows allow;
 * GetTokensFromRefreshToken is a refresh, so it needs ALLOW_REFRESH_TOKEN_AUTH too ([U]: refresh
 * token rotation, which AWS documents as working without it, is not emulated).
 * https://docs.aws.amazon.com/cognito/latest/developerguide/authentication-implement.html
 */
export const enforceExplicitAuthFlows =
  ({ cognito }: Pick<Services, 'cognito'>, target: string): Wrapper =>
  (route) =>
  async (ctx, req) => {
    const flow = target === 'GetTokensFromRefreshToken' ? 'REFRESH_TOKEN_AUTH' : req?.AuthFlow;
    const client = typeof req?.ClientId === 'string' ? await cognito.getAppClient(ctx, req.ClientId) : null;
    if (client && typeof flow === 'string' && !flowAllowed(client, flow)) throw notEnabled(flow);
    return route(ctx, req);
  };

/** The ExplicitAuthFlows values from before the ALLOW_ ones. */
const LEGACY_FLOWS: ReadonlySet<string> = new Set(['ADMIN_NO_SRP_AUTH', 'CUSTOM_AUTH_FLOW_ONLY', 'USER_PASSWORD_AUTH']);

/**
 * CreateUserPoolClient and UpdateUserPoolClient refuse an ExplicitAuthFlows list that mixes legacy
 * values with ALLOW_ ones ("You can't assign these legacy ExplicitAuthFlows values to user pool
 * clients at the same time as values that begin with ALLOW_", [D]); the message is the emulator's ([U]).
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html#CognitoUserPools-CreateUserPoolClient-request-ExplicitAuthFlows
 */
export const refuseMixedExplicitAuthFlows = (): Wrapper => (route) => async (ctx, req) => {
  const flows: unknown = req?.ExplicitAuthFlows;
  if (Array.isArray(flows)) {
    const legacy = flows.filter((flow) => LEGACY_FLOWS.has(flow));
    if (legacy.length > 0 && flows.some((flow) => typeof flow === 'string' && flow.startsWith('ALLOW_'))) {
      throw new InvalidParameterError(
        `ExplicitAuthFlows cannot mix legacy values (${legacy.join(', ')}) with ALLOW_ values: use ALLOW_ values only.`,
      );
    }
  }
  return route(ctx, req);
};
