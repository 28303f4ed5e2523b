import { randomBytes } from 'node:crypto';
import { NotAuthorizedError } from '../cognito-local.ts';
import type { SrpVerifierState } from '../srp/password-verifier.ts';

/** One entry of DefineAuthChallenge's and CreateAuthChallenge's `request.session`, as Cognito names its members. */
export interface ChallengeResult {
  readonly challengeName: string;
  readonly challengeResult: boolean;
  readonly challengeMetadata?: string;
}

/** A custom sign-in between two steps: whom it is for, what was asked so far and what the client must answer next. */
export interface CustomAuthState {
  readonly userPoolId: string;
  readonly clientId: string;
  /** The user's Username, or the name the client sent when `userNotFound`. */
  readonly username: string;
  /** PreventUserExistenceErrors is ENABLED and no such user: the triggers run with `userNotFound: true`. */
  readonly userNotFound: boolean;
  /** AdminInitiateAuth started it: only AdminRespondToAuthChallenge continues it. */
  readonly admin: boolean;
  readonly session: readonly ChallengeResult[];
  /** The client's SRP_A, when the sign-in began with one (CUSTOM_WITH_SRP). */
  readonly srpA?: bigint;
  /** The challenge the client was sent, with what its answer is checked against. */
  readonly pending:
    | {
        readonly challengeName: 'CUSTOM_CHALLENGE';
        readonly privateChallengeParameters: Record<string, string>;
        readonly challengeMetadata?: string;
      }
    | { readonly challengeName: 'PASSWORD_VERIFIER'; readonly srp: SrpVerifierState };
}

/**
 * How long the client has to answer: the app client's AuthSessionValidity, 3 to 15 minutes,
 * 3 by default (cognito-local keeps no AuthSessionValidity, so always 3 here).
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html
 */
export const AUTH_SESSION_TTL_MS = 3 * 60 * 1000;

/** Cognito's answer to a Session it did not give, already used, or given to another client ([C], amplify-js#5834). */
export const invalidSession = () => new NotAuthorizedError('Invalid session for the user.');

/** Cognito's answer to a Session past its AuthSessionValidity ([U]: the wording is the one community reports quote). */
export const expiredSession = () => new NotAuthorizedError('Invalid session for the user, session is expired.');

/**
 * The custom sign-ins in progress, each behind an opaque `Session` that holds for one step:
 * answering takes it, and the next step gets a new one (Cognito refuses a Session used once).
 */
export class CustomAuthSessions {
  readonly #states = new Map<string, { state: CustomAuthState; expiresAt: number }>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly ttlMs = AUTH_SESSION_TTL_MS,
  ) {}

  /** A new Session for `state`. */
  open(state: CustomAuthState): string {
    this.#forgetExpired();
    const session = randomBytes(96).toString('base64url');
    this.#states.set(session, { state, expiresAt: this.now() + this.ttlMs });
    return session;
  }

  /** Whether `session` is one of these (the SRP step of a custom sign-in, as opposed to a plain USER_SRP_AUTH). */
  has(session: unknown): boolean {
    return typeof session === 'string' && this.#states.has(session);
  }

  /** The state behind `session`, which no longer holds; Cognito's error if it is unknown, expired or another client's. */
  take(session: unknown, clientId: unknown, admin: boolean): CustomAuthState {
    const entry = typeof session === 'string' ? this.#states.get(session) : undefined;
    if (!entry) throw invalidSession();
    this.#states.delete(session as string);
    if (entry.expiresAt < this.now()) throw expiredSession();
    if (entry.state.clientId !== clientId || entry.state.admin !== admin) throw invalidSession();
    return entry.state;
  }

  #forgetExpired(): void {
    const now = this.now();
    for (const [session, { expiresAt }] of this.#states) if (expiresAt < now) this.#states.delete(session);
  }
}
