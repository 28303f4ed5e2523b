import {
  CognitoError,
  type Context,
  NotAuthorizedError,
  type Route,
  type Services,
  type User,
  type UserPoolService,
} from '../cognito-local.ts';
import { type SignInRequest, signInUser } from './sign-in-user.ts';

type Wrapper = (route: Route) => Route;

/** A user's run of failed password sign-ins, kept on the user record (so `npm run reset` forgets it). */
export interface PasswordFailures {
  /** Wrong passwords since the last success, not counting the attempts a lockout refused. */
  readonly count: number;
  /** Epoch ms until which password attempts answer `Password attempts exceeded`. */
  readonly lockedUntil: number;
  /** Epoch ms of the last password attempt, refused ones included. */
  readonly lastAttemptAt: number;
}

export type LockableUser = User & { PasswordFailures?: PasswordFailures };

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
 * What a sign-in request does with a password: `checks` one (password flows, the PASSWORD_VERIFIER
 * answer, USER_AUTH's PASSWORD choice), `starts` an SRP exchange that will check one, or neither.
 */
export function passwordUse(target: string, req: SignInRequest): 'checks' | 'starts' | undefined {
  const parameters = req.AuthParameters ?? {};
  const responses = req.ChallengeResponses ?? {};
  if (target === 'InitiateAuth' || target === 'AdminInitiateAuth') {
    if (['USER_PASSWORD_AUTH', 'ADMIN_USER_PASSWORD_AUTH', 'ADMIN_NO_SRP_AUTH'].includes(String(req.AuthFlow))) return 'checks';
    if (req.AuthFlow === 'USER_SRP_AUTH') return 'starts';
    if (req.AuthFlow === 'USER_AUTH' && parameters.PREFERRED_CHALLENGE === 'PASSWORD') return 'checks';
    if (req.AuthFlow === 'USER_AUTH' && parameters.PREFERRED_CHALLENGE === 'PASSWORD_SRP') return 'starts';
  }
  if (target === 'RespondToAuthChallenge' || target === 'AdminRespondToAuthChallenge') {
    if (req.ChallengeName === 'PASSWORD_VERIFIER') return 'checks';
    if (req.ChallengeName === 'SELECT_CHALLENGE' && responses.ANSWER === 'PASSWORD') return 'checks';
    if (req.ChallengeName === 'SELECT_CHALLENGE' && responses.ANSWER === 'PASSWORD_SRP') return 'starts';
  }
  return undefined;
}

/**
 * A wrong password as Cognito words it, or as cognito-local's own password flows raise it
 * (InvalidPasswordException, which withCognitoErrors rewords outside the local targets).
 */
function isWrongPassword(error: unknown): boolean {
  if (!(error instanceof CognitoError)) return false;
  return (
    error.code === 'InvalidPasswordException' ||
    (error.code === 'NotAuthorizedException' && error.message === 'Incorrect username or password.')
  );
}

/** Stores `failures` on the user as they are now (the operation may have saved them meanwhile). */
async function keepFailures(ctx: Context, userPool: UserPoolService, username: string, failures: PasswordFailures | undefined) {
  const user = await userPool.getUserByUsername(ctx, username);
  if (user) await userPool.saveUser(ctx, { ...user, PasswordFailures: failures } as LockableUser);
}

/**
 * Cognito's lockout: after five wrong passwords the user is locked out for 1 s, doubling with each
 * further one up to ~15 minutes; attempts during a lockout answer `Password attempts exceeded` and
 * do not count; a success, or 15 minutes without attempts after a lockout, starts again.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/authentication-flow-things-to-know.html#authentication-flow-lockout-behavior
 */
export const lockOutRepeatedFailures =
  (services: Pick<Services, 'cognito'>, target: string): Wrapper =>
  (route) =>
  async (ctx, req) => {
    const use = passwordUse(target, req ?? {});
    const named = use ? await signInUser(services, ctx, target, req) : undefined;
    if (!named) return route(ctx, req);
    const { userPool, user } = named;
    const failures = failuresAt((user as LockableUser).PasswordFailures, Date.now());
    if (failures && Date.now() < failures.lockedUntil) {
      await keepFailures(ctx, userPool, user.Username, { ...failures, lastAttemptAt: Date.now() });
      throw new NotAuthorizedError('Password attempts exceeded');
    }
    if (use === 'starts') return route(ctx, req);
    try {
      const answer = await route(ctx, req);
      if (failures) await keepFailures(ctx, userPool, user.Username, undefined);
      return answer;
    } catch (error) {
      if (isWrongPassword(error)) await keepFailures(ctx, userPool, user.Username, afterFailure(failures, Date.now()));
      throw error;
    }
  };

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
  if (user) await keepFailures(ctx, userPool, user.Username, undefined);
  return user !== null;
}
