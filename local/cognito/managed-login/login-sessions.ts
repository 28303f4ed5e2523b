import { randomBytes } from 'node:crypto';
import type { Clock } from '../../clock.ts';
import type { SetCookie } from './page-types.ts';

/** The managed login's session cookie (Cognito's is named `cognito` too). */
export const SESSION_COOKIE = 'cognito';

/**
 * How long a managed login session lets an authorize request skip the sign-in form: an hour, as
 * Cognito's session cookie ("valid for 1 hour", user pool endpoints reference).
 * https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-managed-login.html
 */
export const LOGIN_SESSION_TTL_MS = 60 * 60_000;

/** A browser signed in to a pool's managed login. */
export interface LoginSession {
  readonly userPoolId: string;
  readonly username: string;
  /** When the user signed in (epoch seconds): the `auth_time` of every token this session gets. */
  readonly authTime: number;
  readonly expiresAt: number;
}

/**
 * The browsers signed in to the managed login, in memory (a restart signs everyone out of the
 * managed login, not out of their apps). One cookie per browser holds an opaque id; behind it, a
 * session per user pool, since every pool's domain is one origin locally (README).
 */
export class LoginSessions {
  readonly #browsers = new Map<string, Map<string, LoginSession>>();

  constructor(
    private readonly clock: Clock,
    private readonly ttlMs = LOGIN_SESSION_TTL_MS,
  ) {}

  /** The session of `userPoolId` the browser's cookie holds, unless it expired. */
  find(cookies: Readonly<Record<string, string>>, userPoolId: string): LoginSession | undefined {
    const session = this.#browsers.get(cookies[SESSION_COOKIE] ?? '')?.get(userPoolId);
    return session && session.expiresAt > this.clock.now() ? session : undefined;
  }

  /** Signs the browser in to `userPoolId` as `username`: the cookie to set. */
  open(cookies: Readonly<Record<string, string>>, userPoolId: string, username: string): SetCookie {
    this.#forgetExpired();
    const existing = cookies[SESSION_COOKIE];
    const id = existing !== undefined && this.#browsers.has(existing) ? existing : randomBytes(32).toString('base64url');
    const pools = this.#browsers.get(id) ?? new Map<string, LoginSession>();
    const now = this.clock.now();
    pools.set(userPoolId, { userPoolId, username, authTime: Math.floor(now / 1000), expiresAt: now + this.ttlMs });
    this.#browsers.set(id, pools);
    return { name: SESSION_COOKIE, value: id, maxAgeSeconds: Math.floor(this.ttlMs / 1000) };
  }

  /** Signs the browser out of `userPoolId`'s managed login. */
  end(cookies: Readonly<Record<string, string>>, userPoolId: string): void {
    const id = cookies[SESSION_COOKIE] ?? '';
    const pools = this.#browsers.get(id);
    pools?.delete(userPoolId);
    if (pools?.size === 0) this.#browsers.delete(id);
  }

  #forgetExpired(): void {
    const now = this.clock.now();
    for (const [id, pools] of this.#browsers) {
      for (const [pool, session] of pools) if (session.expiresAt <= now) pools.delete(pool);
      if (pools.size === 0) this.#browsers.delete(id);
    }
  }
}
