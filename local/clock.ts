// The local stack's one clock: every rule of the emulated services that depends on time (token
// iat/exp, sessions, lockouts, the API's exp check…) reads it, so that tests and a dev console can
// move time forward instead of waiting. Below everything that uses it: no I/O here.

/** Tells the local stack's time. */
export interface Clock {
  /** Epoch milliseconds, as `Date.now()` counts them. */
  now(): number;
}

/** A clock that can be moved forward, and set back to the real time (never behind it: see {@link checkedAdvance}). */
export interface MovableClock extends Clock {
  /** How far ahead of the real time the clock runs, in ms (0 or more). */
  offsetMs(): number;
  /** Moves the clock `ms` forward, and returns the new now. */
  advance(ms: number): number;
  /**
   * Sets the clock back to the real time, and returns it. What was made in the moved time keeps
   * its times: a token issued then has an `iat` in the future (an HTTP API JWT authorizer refuses
   * it, as AWS would), a lockout ends later than it would have.
   */
  reset(): number;
}

/** Epoch seconds (rounded down), the unit of a JWT's `iat`, `exp` and `auth_time`. */
export const epochSeconds = (clock: Clock): number => Math.floor(clock.now() / 1000);

/** The clock's now as a Date (cognito-local's records and `…Date` fields). */
export const dateOf = (clock: Clock): Date => new Date(clock.now());

/** The real time, unmoved. */
export const realClock: Clock = { now: () => Date.now() };

/** Why the clock refuses to move. The message says what to do instead. */
export class ClockMoveError extends Error {
  override name = 'ClockMoveError';
}

/**
 * Checks a move: forward only, a finite number of ms. Time never runs backward on AWS: the one way
 * back is to the real time itself (`reset()`), or `npm run reset`, which forgets what was made in
 * the moved time too.
 */
export function checkedAdvance(ms: unknown): number {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) {
    throw new ClockMoveError(`The local clock only moves forward: give a number of ms, 0 or more (not ${JSON.stringify(ms)}).`);
  }
  return ms;
}

/** A clock kept in memory: the real time plus an offset that only grows. Unit tests inject it with a fake `realNow`. */
export class OffsetClock implements MovableClock {
  #offsetMs: number;

  constructor(
    /** The real time underneath (tests pin it). */
    private readonly realNow: () => number = Date.now,
    offsetMs = 0,
  ) {
    this.#offsetMs = checkedAdvance(offsetMs);
  }

  now(): number {
    return this.realNow() + this.#offsetMs;
  }

  offsetMs(): number {
    return this.#offsetMs;
  }

  advance(ms: number): number {
    this.#offsetMs += checkedAdvance(ms);
    return this.now();
  }

  reset(): number {
    this.#offsetMs = 0;
    return this.now();
  }
}
