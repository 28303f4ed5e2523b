import { allowedFlows, PERMISSION_OF_FLOW } from '../auth-flows.ts';
import type { AppClient, Services, Wrapper } from '../cognito-local.ts';
import { authFlowNotEnabled, mixedExplicitAuthFlows } from '../cognito-answers.ts';
import { appClientOf } from '../request-context.ts';
import { rotates } from '../refresh-token-rotation.ts';

export { allowedFlows } from '../auth-flows.ts';

/** Whether `client` may run `flow` (an AuthFlow value); a flow Cognito does not know is left to the operation. */
export function flowAllowed(client: Pick<AppClient, 'ExplicitAuthFlows'>, flow: string): boolean {
  const permission = PERMISSION_OF_FLOW[flow];
  return permission === undefined || allowedFlows(client.ExplicitAuthFlows).has(permission);
}

/**
 * InitiateAuth and AdminInitiateAuth run only the flows the app client's ExplicitAuthFlows allow;
 * GetTokensFromRefreshToken is a refresh, so it needs ALLOW_REFRESH_TOKEN_AUTH too ([U]) — except
 * on a client that rotates refresh tokens, which AWS says to configure without that flow.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/authentication-implement.html
 * https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-refresh-token.html#using-the-refresh-token-rotation
 */
export const enforceExplicitAuthFlows =
  ({ cognito }: Pick<Services, 'cognito'>, target: string): Wrapper =>
  (route) =>
  async (ctx, req) => {
    const flow = target === 'GetTokensFromRefreshToken' ? 'REFRESH_TOKEN_AUTH' : req?.AuthFlow;
    const client = typeof req?.ClientId === 'string' ? await appClientOf({ cognito }, ctx, req.ClientId) : null;
    const rotatingRefresh = target === 'GetTokensFromRefreshToken' && client !== null && rotates(client);
    if (client && typeof flow === 'string' && !rotatingRefresh && !flowAllowed(client, flow)) throw authFlowNotEnabled(flow);
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
      throw mixedExplicitAuthFlows(legacy);
    }
  }
  return route(ctx, req);
};
