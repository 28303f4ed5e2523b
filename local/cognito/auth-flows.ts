// What an app client's ExplicitAuthFlows allow, as Cognito reads them: shared by the emulator's
// sign-in gate (rules/auth-flow-rules.ts) and the local stage's choice of the web client.

/** The ExplicitAuthFlows value that lets a client run each AuthFlow. */
export const PERMISSION_OF_FLOW: Readonly<Record<string, string>> = {
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
