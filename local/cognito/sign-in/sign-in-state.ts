import type { AppClient, Services, UserPoolService } from '../cognito-local.ts';
import type { SrpVerifierState } from '../srp/password-verifier.ts';
import type { PoolTriggers } from '../triggers/pool-triggers.ts';
import type { AuthSessions, SessionBinding } from './auth-sessions.ts';

export type MfaMethod = 'SMS_MFA' | 'SOFTWARE_TOKEN_MFA';

/** The challenge a Session was given for, with what its answer is checked against. */
export type PendingChallenge =
  | { readonly name: 'SELECT_CHALLENGE' | 'PASSWORD' | 'PASSWORD_SRP' | 'NEW_PASSWORD_REQUIRED' | 'SOFTWARE_TOKEN_MFA' }
  | { readonly name: 'PASSWORD_VERIFIER'; readonly srp: SrpVerifierState }
  | { readonly name: 'SELECT_MFA_TYPE'; readonly methods: readonly MfaMethod[] }
  | { readonly name: 'SMS_MFA'; readonly code: string }
  /** The secret once AssociateSoftwareToken made it; `verified` once VerifySoftwareToken took a code of it. */
  | { readonly name: 'MFA_SETUP'; readonly secret?: string; readonly verified?: boolean };

/** A sign-in between two steps: whom it is for and what the client must answer next. */
export interface SignInState extends SessionBinding {
  readonly userPoolId: string;
  /** The user's Username, or the name the client sent when `userNotFound`. */
  readonly username: string;
  /** PreventUserExistenceErrors is ENABLED and no such user: the sign-in fails at its password step. */
  readonly userNotFound?: boolean;
  readonly challenge: PendingChallenge;
  /** The managed login's sign-in page began it: only that page continues it (managed-login/hosted-sign-in.ts). */
  readonly hosted?: boolean;
}

/** The pools' triggers a sign-in runs: UserMigration, PreAuthentication, PostAuthentication, the custom challenge ones. */
export type SignInTriggers = Pick<PoolTriggers, 'enabled' | 'has' | 'run' | 'preAuthentication' | 'postAuthentication'>;

/** What a sign-in step uses: the pools and their users, the pools' triggers, and the Sessions of sign-ins under way. */
export interface SignInServices {
  readonly services: Pick<Services, 'clock' | 'cognito' | 'tokenGenerator' | 'messages' | 'otp'>;
  readonly triggers: SignInTriggers;
  readonly sessions: AuthSessions<SignInState>;
}

/** A sign-in's pool and app client, who started it, and the ClientMetadata its triggers and tokens get. */
export interface SignInContext {
  readonly pool: UserPoolService;
  readonly client: AppClient;
  readonly admin: boolean;
  /** InitiateAuth's is not passed on; AdminInitiateAuth's and the challenge answers' are ([D] API_InitiateAuth). */
  readonly clientMetadata?: Record<string, string>;
  /**
   * The managed login's sign-in page runs it: at its end the user is signed in to the managed
   * login (its session), and the OAuth 2.0 endpoints issue the tokens, not the sign-in.
   */
  readonly hosted?: boolean;
}

/** A challenge for the client, behind a new Session bound to this sign-in's pool, client, user and challenge. */
export interface ChallengeAnswer {
  readonly ChallengeName: string;
  readonly ChallengeParameters: Record<string, string>;
  readonly Session: string;
  readonly AvailableChallenges?: string[];
}

export function openChallenge(
  { sessions }: SignInServices,
  { pool, client, admin, hosted }: SignInContext,
  user: { readonly username: string; readonly userNotFound?: boolean },
  challenge: PendingChallenge,
  parameters: Record<string, string>,
): ChallengeAnswer {
  const Session = sessions.open({
    userPoolId: pool.options.Id,
    clientId: client.ClientId,
    admin,
    ...user,
    challenge,
    ...(hosted && { hosted }),
  });
  return { ChallengeName: challenge.name, ChallengeParameters: parameters, Session };
}
