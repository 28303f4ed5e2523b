import type { Context, Services, User } from '../cognito-local.ts';
import { authenticationResult } from '../token-generator.ts';
import { mfaChallenge } from './mfa.ts';
import { newPasswordParameters } from './new-password.ts';
import { type ChallengeAnswer, openChallenge, type SignInContext, type SignInServices } from './sign-in-state.ts';
import { userIsDisabled } from '../cognito-answers.ts';

/** Tokens, as InitiateAuth and RespondToAuthChallenge hand them out. */
export interface TokensAnswer {
  readonly ChallengeParameters: Record<string, never>;
  readonly AuthenticationResult: { AccessToken: string; IdToken: string; RefreshToken: string; ExpiresIn: number; TokenType: 'Bearer' };
}

/** The end of a managed login sign-in: the user proved who they are; the OAuth 2.0 endpoints issue their tokens. */
export interface HostedSignInAnswer {
  readonly ChallengeParameters: Record<string, never>;
  readonly HostedSignIn: { readonly username: string };
}

/**
 * What every flow does once the user proved their password (USER_PASSWORD_AUTH, USER_SRP_AUTH,
 * the admin flows, USER_AUTH): NEW_PASSWORD_REQUIRED for a user on a temporary password, then
 * {@link afterPassword}.
 */
export async function afterFirstFactor(
  ctx: Context,
  deps: SignInServices,
  signIn: SignInContext,
  user: User,
): Promise<ChallengeAnswer | TokensAnswer | HostedSignInAnswer> {
  if (user.UserStatus === 'FORCE_CHANGE_PASSWORD') {
    return openChallenge(
      deps,
      signIn,
      { username: user.Username },
      { name: 'NEW_PASSWORD_REQUIRED' },
      newPasswordParameters(signIn.pool, user),
    );
  }
  return afterPassword(ctx, deps, signIn, user);
}

/** The MFA the pool and user call for, or else the tokens. */
export async function afterPassword(
  ctx: Context,
  deps: SignInServices,
  signIn: SignInContext,
  user: User,
): Promise<ChallengeAnswer | TokensAnswer | HostedSignInAnswer> {
  return (await mfaChallenge(ctx, deps, signIn, user)) ?? issueTokens(ctx, deps, signIn, user);
}

/**
 * The end of a sign-in: the pool's PostAuthentication trigger (a throw fails the sign-in), then
 * the tokens through the token generator (PreTokenGeneration's TokenGeneration_Authentication),
 * and the refresh token kept, so that it refreshes until revoked. A managed login sign-in ends
 * after the trigger: its tokens come from the OAuth 2.0 endpoints (TokenGeneration_HostedAuth).
 */
export async function issueTokens(
  ctx: Context,
  deps: {
    readonly services: Pick<Services, 'tokenGenerator'>;
    readonly triggers: Pick<SignInServices['triggers'], 'enabled' | 'postAuthentication'>;
  },
  signIn: SignInContext,
  user: User,
): Promise<TokensAnswer | HostedSignInAnswer> {
  const { pool, client, clientMetadata } = signIn;
  // Disabled while answering a challenge (each answer reads the user afresh): "can't sign in" holds to the last step.
  if (user.Enabled === false) throw userIsDisabled();
  if (deps.triggers.enabled('PostAuthentication')) {
    await deps.triggers.postAuthentication(ctx, {
      source: 'PostAuthentication_Authentication',
      clientId: client.ClientId,
      clientMetadata,
      userPoolId: pool.options.Id,
      username: user.Username,
      userAttributes: user.Attributes,
    });
  }
  if (signIn.hosted) return { ChallengeParameters: {}, HostedSignIn: { username: user.Username } };
  const groups = await pool.listUserGroupMembership(ctx, user);
  const tokens = await deps.services.tokenGenerator.generate(ctx, user, groups, client, clientMetadata, 'Authentication');
  await pool.storeRefreshToken(ctx, tokens.RefreshToken, user);
  return { ChallengeParameters: {}, AuthenticationResult: authenticationResult(tokens, client) };
}
