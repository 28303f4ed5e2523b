// The emulator's fields on a user record, beside cognito-local's own: typed here, once, so that
// no rule reads them through a cast. They live in the pool file with the rest of the user.
import type { Context } from 'cognito-local/lib/services/context.js';
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
  interface UserPoolService {
    /**
     * The user named, changed by `change` from the record as it is now and saved, one change of a
     * user at a time (cognito-local.ts adds it): null when there is no such user. Concurrent sign-ins
     * and refreshes of one user each keep what the others wrote (their refresh tokens).
     */
    updateUser(ctx: Context, username: string, change: (current: User) => User): Promise<User | null>;
  }
  interface User {
    /** The lockout's count (rules/lockout.ts); absent after a success. */
    PasswordFailures?: PasswordFailures;
    /** The code ForgotPassword sent, until ConfirmForgotPassword uses it (apart from ConfirmationCode, sign-up's). */
    PasswordResetCode?: string;
    /** The refresh tokens rotation replaced (refresh-token-rotation.ts): a reuse is told apart from a revoked token. */
    RotatedRefreshTokens?: readonly RotatedRefreshToken[];
    /**
     * The TOTP secret AssociateSoftwareToken made with an access token, until VerifySoftwareToken
     * takes a code of it: only then does it replace SoftwareTokenMfaConfiguration, so the token the
     * user has keeps working meanwhile (API_AssociateSoftwareToken.html).
     */
    PendingSoftwareTokenSecret?: string;
  }
}
