import { allowedFlows, PERMISSION_OF_FLOW } from '../auth-flows.ts';
import type { AppClient } from '../cognito-local.ts';
import { mixedExplicitAuthFlows } from '../cognito-answers.ts';

export { allowedFlows } from '../auth-flows.ts';

/**
 * Whether `client` may run `flow` (an AuthFlow value) by its ExplicitAuthFlows; a flow Cognito does
 * not know is left to the operation. InitiateAuth and AdminInitiateAuth run only the flows their
 * client allows; GetTokensFromRefreshToken needs ALLOW_REFRESH_TOKEN_AUTH too ([U]).
 * https://docs.aws.amazon.com/cognito/latest/developerguide/authentication-implement.html
 */
export function flowAllowed(client: Pick<AppClient, 'ExplicitAuthFlows'>, flow: string): boolean {
  const permission = PERMISSION_OF_FLOW[flow];
  return permission === undefined || allowedFlows(client.ExplicitAuthFlows).has(permission);
}

/** The ExplicitAuthFlows values from before the ALLOW_ ones. */
const LEGACY_FLOWS: ReadonlySet<string> = new Set(['ADMIN_NO_SRP_AUTH', 'CUSTOM_AUTH_FLOW_ONLY', 'USER_PASSWORD_AUTH']);

/**
 * CreateUserPoolClient and UpdateUserPoolClient refuse an ExplicitAuthFlows list that mixes legacy
 * values with ALLOW_ ones ("You can't assign these legacy ExplicitAuthFlows values to user pool
 * clients at the same time as values that begin with ALLOW_", [D]); the message is the emulator's ([U]).
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html#CognitoUserPools-CreateUserPoolClient-request-ExplicitAuthFlows
 */
export function refuseMixedExplicitAuthFlows(flows: readonly string[] | undefined): void {
  const legacy = (flows ?? []).filter((flow) => LEGACY_FLOWS.has(flow));
  if (legacy.length > 0 && flows!.some((flow) => flow.startsWith('ALLOW_'))) throw mixedExplicitAuthFlows(legacy);
}
