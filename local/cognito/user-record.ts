// The emulator's fields on a user record, beside cognito-local's own: typed here, once, so that
// no rule reads them through a cast. They live in the pool file with the rest of the user.
import type {} from 'cognito-local/lib/services/userPoolService.js';

/** A user's run of failed password sign-ins, kept on the user record (so `npm run reset` forgets it). */
export interface PasswordFailures {
  /** Wrong passwords since the last success, not counting the attempts a lockout refused. */
  readonly count: number;
  /** Epoch ms until which password attempts answer `Password attempts exceeded`. */
  readonly lockedUntil: number;
  /** Epoch ms of the last password attempt, refused ones included. */
  readonly lastAttemptAt: number;
}

/** A refresh token refresh-token rotation replaced, and when (epoch ms) it was first used to refresh. */
export interface RotatedRefreshToken {
  readonly Token: string;
  readonly RotatedAt: number;
}

declare module 'cognito-local/lib/services/userPoolService.js' {
  interface User {
    /** The lockout's count (targets/lockout.ts); absent after a success. */
    PasswordFailures?: PasswordFailures;
    /** The refresh tokens rotation replaced (refresh-token-rotation.ts): a reuse is told apart from a revoked token. */
    RotatedRefreshTokens?: readonly RotatedRefreshToken[];
  }
}
