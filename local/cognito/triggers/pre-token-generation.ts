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
    const v2 = preTokenGenerationVersion(triggers.poolOf(client.UserPoolId)?.LambdaConfig) === 'V2_0';
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
      v2 ? '2' : '1',
    );
    return v2 ? overridesFromV2(response) : overridesFromV1(response);
  },
});
