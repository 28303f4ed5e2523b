import type { AppClient, Context, User } from '../cognito-local.ts';
import { clientEphemeral, passwordClaimHolds, passwordVerifierChallenge, type SrpVerifierState } from '../srp/password-verifier.ts';
import { recordPasswordCheck, refuseLockedOut } from './lockout.ts';
import { afterFirstFactor } from './complete-sign-in.ts';
import { openChallenge, type SignInContext, type SignInServices } from './sign-in-state.ts';
import {
  incorrectUsernameOrPassword,
  passwordResetRequired,
  userDoesNotExist,
  userIsDisabled,
  userNotConfirmed,
} from '../cognito-answers.ts';

// The first factor of a sign-in: the password, sent (USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH,
// USER_AUTH's PASSWORD) or proven through SRP (USER_SRP_AUTH, USER_AUTH's PASSWORD_SRP).

/**
 * The user a sign-in names, or, when the pool has none, Cognito's answer as the app client's
 * PreventUserExistenceErrors says: "User does not exist." (LEGACY, the API's default), or
 * undefined (ENABLED), for the sign-in to fail as a wrong password would.
 */
export function namedUser(client: AppClient, user: User | null | undefined): User | undefined {
  if (user) return user;
  if (client.PreventUserExistenceErrors === 'ENABLED') return undefined;
  throw userDoesNotExist();
}

/** A user whose password reset is pending signs in with no password until it is done. */
function refuseResetRequired(user: User): void {
  if (user.UserStatus === 'RESET_REQUIRED') throw passwordResetRequired();
}

/** Refuses a user who proved their password but may not sign in: disabled, or not confirmed yet. */
function refuseUnready(user: User): void {
  if (user.Enabled === false) throw userIsDisabled();
  if (user.UserStatus === 'UNCONFIRMED') throw userNotConfirmed();
}

/** The password, as sent: then what comes after it. */
export async function passwordFactor(ctx: Context, deps: SignInServices, signIn: SignInContext, user: User | undefined, password: string) {
  if (!user) throw incorrectUsernameOrPassword();
  refuseResetRequired(user);
  const now = deps.services.clock.now();
  await refuseLockedOut(ctx, signIn.pool, user, now);
  const checked = await recordPasswordCheck(ctx, signIn.pool, user, user.Password === password, now);
  if (user.Password !== password) throw incorrectUsernameOrPassword();
  refuseUnready(checked);
  return afterFirstFactor(ctx, deps, signIn, checked);
}

/** The PASSWORD_VERIFIER challenge for the client's SRP_A (none for a locked-out user). */
export async function srpFactor(ctx: Context, deps: SignInServices, signIn: SignInContext, user: User | undefined, srpA: string) {
  const A = clientEphemeral(srpA);
  if (!user) throw incorrectUsernameOrPassword();
  refuseResetRequired(user);
  await refuseLockedOut(ctx, signIn.pool, user, deps.services.clock.now());
  const { state, challengeParameters } = passwordVerifierChallenge(signIn.pool.options.Id, user, A);
  return openChallenge(deps, signIn, { username: user.Username }, { name: 'PASSWORD_VERIFIER', srp: state }, challengeParameters);
}

/** The answer to PASSWORD_VERIFIER: the client's proof that it knows the password, then what comes after it. */
export async function passwordVerifierAnswer(
  ctx: Context,
  deps: SignInServices,
  signIn: SignInContext,
  user: User,
  srp: SrpVerifierState,
  responses: Readonly<Record<string, string>>,
) {
  const now = deps.services.clock.now();
  await refuseLockedOut(ctx, signIn.pool, user, now);
  const holds = passwordClaimHolds(srp, responses);
  const checked = await recordPasswordCheck(ctx, signIn.pool, user, holds, now);
  if (!holds) throw incorrectUsernameOrPassword();
  refuseUnready(checked);
  return afterFirstFactor(ctx, deps, signIn, checked);
}
