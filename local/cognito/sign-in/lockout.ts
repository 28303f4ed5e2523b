import type { Context, Services, User, UserPoolService } from '../cognito-local.ts';
import { passwordAttemptsExceeded } from '../cognito-answers.ts';

import type { PasswordFailures } from '../user-record.ts';

export type { PasswordFailures } from '../user-record.ts';

/** Wrong passwords allowed before the first lockout. */
const FREE_FAILURES = 5;
/** "up to a maximum of approximately 15 minutes": taken as exactly 15 ([U]). */
const MAX_LOCKOUT_MS = 15 * 60 * 1000;
/** No attempt for this long after a lockout starts the count again. */
const IDLE_RESET_MS = 15 * 60 * 1000;

/** How long the `count`th wrong password locks the user out: 2^(count-5) s from the fifth, at most 15 min. */
export function lockoutMs(count: number): number {
  return count < FREE_FAILURES ? 0 : Math.min(2 ** (count - FREE_FAILURES) * 1000, MAX_LOCKOUT_MS);
}

/** The failures that still count at `now`: none once 15 minutes passed without an attempt after a lockout. */
export function failuresAt(failures: PasswordFailures | undefined, now: number): PasswordFailures | undefined {
  if (failures && failures.count >= FREE_FAILURES && now - failures.lastAttemptAt >= IDLE_RESET_MS) return undefined;
  return failures;
}

/** The failures after one more wrong password at `now`. */
export function afterFailure(failures: PasswordFailures | undefined, now: number): PasswordFailures {
  const count = (failuresAt(failures, now)?.count ?? 0) + 1;
  return { count, lockedUntil: now + lockoutMs(count), lastAttemptAt: now };
}

/**
 * Stores the failures `next` makes of the user's as they are now (one change of a user at a time:
 * wrong passwords tried at once each count), and returns the user as stored.
 */
async function keepFailures(
  ctx: Context,
  userPool: UserPoolService,
  username: string,
  next: (failures: PasswordFailures | undefined) => PasswordFailures | undefined,
) {
  return (await userPool.updateUser(ctx, username, (user) => ({ ...user, PasswordFailures: next(user.PasswordFailures) }))) ?? undefined;
}

/**
 * Cognito's lockout, before a password is checked (at `now`, epoch ms of the local clock): a locked-out user's attempt answers
 * `Password attempts exceeded` (and does not count) whatever the password.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/authentication-flow-things-to-know.html#authentication-flow-lockout-behavior
 */
export async function refuseLockedOut(ctx: Context, userPool: UserPoolService, user: User, now: number): Promise<void> {
  const failures = failuresAt(user.PasswordFailures, now);
  if (failures && now < failures.lockedUntil) {
    await keepFailures(ctx, userPool, user.Username, (current) => current && { ...current, lastAttemptAt: now });
    throw passwordAttemptsExceeded();
  }
}

/**
 * After a password check: a wrong one counts (from the fifth, the user is locked out for 1 s,
 * doubling with each further one up to ~15 minutes); a right one starts the count again. Returns
 * the user as stored, for the sign-in to go on with.
 */
export async function recordPasswordCheck(ctx: Context, userPool: UserPoolService, user: User, right: boolean, now: number): Promise<User> {
  const failures = user.PasswordFailures;
  if (!right) return (await keepFailures(ctx, userPool, user.Username, (current) => afterFailure(failuresAt(current, now), now))) ?? user;
  if (failures === undefined) return user;
  return (await keepFailures(ctx, userPool, user.Username, () => undefined)) ?? user;
}

/**
 * Forgets a user's failed passwords, lockout included (the dev endpoint `DELETE /_dev/lockouts`).
 * False when the pool has no such user; an unknown pool fails as cognito-local's getUserPool does.
 */
export async function clearPasswordFailures(
  { cognito }: Pick<Services, 'cognito'>,
  ctx: Context,
  userPoolId: string,
  username: string,
): Promise<boolean> {
  const userPool = await cognito.getUserPool(ctx, userPoolId);
  const user = await userPool.getUserByUsername(ctx, username);
  if (user) await keepFailures(ctx, userPool, user.Username, () => undefined);
  return user !== null;
}
