import { AuthSessions } from './auth-sessions.ts';
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

/** The custom sign-ins in progress (see {@link AuthSessions}). */
export class CustomAuthSessions extends AuthSessions<CustomAuthState> {
  /** The state behind `session`, which no longer holds; Cognito's error if it is unknown, expired or another client's. */
  override take(session: unknown, clientId: unknown, admin = false): CustomAuthState {
    return super.take(session, { clientId, admin });
  }
}
