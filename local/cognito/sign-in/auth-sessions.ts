import { randomBytes } from 'node:crypto';
import { expiredSession, invalidSession } from '../cognito-answers.ts';

/** What every sign-in step behind a Session is bound to: the app client, and whether an admin operation began it. */
export interface SessionBinding {
  readonly clientId: string;
  /** AdminInitiateAuth started it: only AdminRespondToAuthChallenge continues it (and the reverse). */
  readonly admin: boolean;
}

/**
 * How long the client has to answer: the app client's AuthSessionValidity, 3 to 15 minutes,
 * 3 by default (cognito-local keeps no AuthSessionValidity, so always 3 here).
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html
 */
export const AUTH_SESSION_TTL_MS = 3 * 60 * 1000;

/**
 * Sign-ins between two steps, each behind an opaque `Session` that holds for one step: answering
 * takes it, and the next step gets a new one (Cognito refuses a Session used once). Custom
 * authentication keeps its own (triggers/custom-auth-session.ts); the other flows share one
 * (sign-in/sign-in-router.ts).
 */
export class AuthSessions<State extends SessionBinding> {
  readonly #states = new Map<string, { state: State; expiresAt: number }>();

  constructor(
    /** The local stack's time, epoch ms (local/clock.ts). */
    private readonly now: () => number,
    private readonly ttlMs = AUTH_SESSION_TTL_MS,
  ) {}

  /** A new Session for `state`. */
  open(state: State): string {
    this.#forgetExpired();
    const session = randomBytes(96).toString('base64url');
    this.#states.set(session, { state, expiresAt: this.now() + this.ttlMs });
    return session;
  }

  /** Whether `session` is one of these. */
  has(session: unknown): boolean {
    return typeof session === 'string' && this.#states.has(session);
  }

  /**
   * The state behind `session`, which no longer holds; Cognito's error if it is unknown, expired,
   * or another client's. Without `binding` (AssociateSoftwareToken and VerifySoftwareToken, which
   * name no client), the Session alone decides.
   */
  take(session: unknown, binding?: { readonly clientId: unknown; readonly admin: boolean }): State {
    const entry = typeof session === 'string' ? this.#states.get(session) : undefined;
    if (!entry) throw invalidSession();
    this.#states.delete(session as string);
    if (entry.expiresAt < this.now()) throw expiredSession();
    if (binding && (entry.state.clientId !== binding.clientId || entry.state.admin !== binding.admin)) throw invalidSession();
    return entry.state;
  }

  #forgetExpired(): void {
    const now = this.now();
    for (const [session, { expiresAt }] of this.#states) if (expiresAt < now) this.#states.delete(session);
  }
}
