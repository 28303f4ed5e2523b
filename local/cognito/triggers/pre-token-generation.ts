import { type AppClient, attributesToRecord, type User } from '../cognito-local.ts';
import { preTokenGenerationVersion } from './lambda-config.ts';
import type { PoolTriggers } from './pool-triggers.ts';
import { type TokenOverrides, overridesFromV1, overridesFromV2 } from './token-claims.ts';

/** How a token issue becomes `TokenGeneration_<source>`: Authentication, RefreshTokens, NewPasswordChallenge… */
export type TokenSource = 'AuthenticateDevice' | 'Authentication' | 'HostedAuth' | 'NewPasswordChallenge' | 'RefreshTokens';

/** The pool's PreTokenGeneration trigger, as the token generator asks it. */
export interface TokenCustomizer {
  /** Whether pool `userPoolId` has one; checked first, so a pool without triggers pays nothing. */
  enabled(userPoolId: string): boolean;
  overrides(
    user: User,
    groups: readonly string[],
    client: AppClient,
    clientMetadata: Record<string, string> | undefined,
    source: TokenSource,
    /** The access token's scopes: an OAuth 2.0 grant's, or a sign-in through the API's. */
    scopes?: readonly string[],
  ): Promise<TokenOverrides>;
}

/** The scope of the tokens the emulator issues for sign-in through the API. */
const SIGN_IN_SCOPES = ['aws.cognito.signin.user.admin'];

/**
 * PreTokenGeneration with the event version the pool's LambdaConfig asks for: V1_0 (`version`
 * "1", `claimsOverrideDetails`) or V2_0 (`version` "2", the request's `scopes`,
 * `claimsAndScopeOverrideDetails`).
 */
export const preTokenGeneration = (triggers: PoolTriggers): TokenCustomizer => ({
  enabled: (userPoolId) => triggers.enabled('PreTokenGeneration') && triggers.has(triggers.poolOf(userPoolId), 'PreTokenGeneration'),
  async overrides(user, groups, client, clientMetadata, source, scopes = SIGN_IN_SCOPES) {
    const version = preTokenGenerationVersion(triggers.poolOf(client.UserPoolId)?.LambdaConfig);
    // "Aside from the circumstances of the resulting access tokens, version two and three events are identical."
    const v2 = version !== 'V1_0';
    const request = {
      userAttributes: { ...attributesToRecord(user.Attributes), 'cognito:user_status': user.UserStatus ?? 'CONFIRMED' },
      groupConfiguration: { groupsToOverride: [...groups], iamRolesToOverride: [], preferredRole: null },
      ...(v2 && { scopes: [...scopes] }),
      clientMetadata: clientMetadata ?? {},
    };
    const response = await triggers.run(
      'PreTokenGeneration',
      `TokenGeneration_${source}`,
      { userPoolId: client.UserPoolId, clientId: client.ClientId, username: user.Username },
      request,
      v2 ? { claimsAndScopeOverrideDetails: null } : { claimsOverrideDetails: null },
      version === 'V3_0' ? '3' : v2 ? '2' : '1',
    );
    return v2 ? overridesFromV2(response) : overridesFromV1(response);
  },
});

/**
 * PreTokenGeneration for a client credentials grant (`TokenGeneration_ClientCredentials`): only a
 * V3_0 trigger is sent it ("Version three event responses apply to access tokens from user
 * authentication and machine authentication"); no user, so no attributes and no groups. Its
 * answer's access token changes (claims, scopes) apply; undefined when the pool has no V3_0 trigger.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-token-generation.html
 */
export async function clientCredentialsOverrides(
  triggers: Pick<PoolTriggers, 'enabled' | 'has' | 'poolOf' | 'run'>,
  client: AppClient,
  scopes: readonly string[],
  clientMetadata: Record<string, string> | undefined,
): Promise<TokenOverrides['accessToken'] | undefined> {
  const pool = triggers.poolOf(client.UserPoolId);
  if (!triggers.enabled('PreTokenGeneration') || !triggers.has(pool, 'PreTokenGeneration')) return undefined;
  if (preTokenGenerationVersion(pool?.LambdaConfig) !== 'V3_0') return undefined;
  const response = await triggers.run(
    'PreTokenGeneration',
    'TokenGeneration_ClientCredentials',
    // An M2M grant has no user: its event names the app client.
    { userPoolId: client.UserPoolId, clientId: client.ClientId, username: client.ClientId },
    {
      userAttributes: {},
      groupConfiguration: { groupsToOverride: [], iamRolesToOverride: [], preferredRole: null },
      scopes: [...scopes],
      clientMetadata: clientMetadata ?? {},
    },
    { claimsAndScopeOverrideDetails: null },
    '3',
    pool,
  );
  return overridesFromV2(response).accessToken;
}
