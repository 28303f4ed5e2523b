import type { AdminInitiateAuthCommandInput, RespondToAuthChallengeCommandInput } from '@aws-sdk/client-cognito-identity-provider';
import {
  type AppClient,
  attributesToRecord,
  type Context,
  type Services,
  UnsupportedError,
  type User,
  type UserPoolService,
} from '../cognito-local.ts';
import { recordPasswordCheck, refuseLockedOut } from './lockout.ts';
import { issueTokens as issueSignInTokens } from './complete-sign-in.ts';
import { clientEphemeral, passwordClaimHolds, passwordVerifierChallenge } from '../srp/password-verifier.ts';
import { type ChallengeResult, CustomAuthSessions, type CustomAuthState } from './custom-auth-session.ts';
import { type ChallengeContext, createAuthChallenge, defineAuthChallenge, verifyAuthChallengeResponse } from './custom-auth-triggers.ts';
import type { SignInContext, SignInTriggers } from './sign-in-state.ts';
import {
  customAuthNotConfigured,
  incorrectUsernameOrPassword,
  invalidLambdaResponse,
  invalidSession,
  missingParameter,
  passwordResetRequired,
  userDoesNotExist,
  userIsDisabled,
  userNotConfirmed,
} from '../cognito-answers.ts';
import { appClientOf } from '../request-context.ts';

/** Where a custom sign-in stands: its pool, client and user, and what each trigger is told. */
interface Step {
  readonly pool: UserPoolService;
  readonly client: AppClient;
  readonly user: User | undefined;
  readonly state: Omit<CustomAuthState, 'pending' | 'session'>;
  readonly context: ChallengeContext;
  /** RespondToAuthChallenge's ClientMetadata, which PostAuthentication and PreTokenGeneration get; InitiateAuth's is not passed on [D]. */
  readonly clientMetadata?: Record<string, string>;
}

/**
 * Cognito's custom authentication: InitiateAuth and AdminInitiateAuth with CUSTOM_AUTH (with
 * SRP_A first, Amplify's CUSTOM_WITH_SRP), and the CUSTOM_CHALLENGE and PASSWORD_VERIFIER answers
 * of such a sign-in, run through the pool's DefineAuthChallenge, CreateAuthChallenge and
 * VerifyAuthChallengeResponse triggers until DefineAuthChallenge issues tokens or fails it.
 * The operations (operations/initiate-auth.ts, respond-to-auth-challenge.ts) call it once their
 * gates passed.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-challenge.html
 */
export class CustomAuth {
  readonly #sessions: CustomAuthSessions;

  constructor(
    private readonly services: Pick<Services, 'clock' | 'cognito' | 'tokenGenerator'>,
    private readonly triggers: SignInTriggers,
  ) {
    this.#sessions = new CustomAuthSessions(() => services.clock.now());
  }

  /** Whether `req` answers a challenge of a custom sign-in (its PASSWORD_VERIFIER too, told apart by its Session). */
  continues(req: Pick<RespondToAuthChallengeCommandInput, 'ChallengeName' | 'Session'>): boolean {
    return req.ChallengeName === 'CUSTOM_CHALLENGE' || (req.ChallengeName === 'PASSWORD_VERIFIER' && this.#sessions.has(req.Session));
  }

  /** CUSTOM_AUTH, for the pool and client InitiateAuth or AdminInitiateAuth resolved. */
  async initiate(
    ctx: Context,
    { pool, client, admin }: SignInContext,
    req: Pick<AdminInitiateAuthCommandInput, 'AuthParameters' | 'ClientMetadata'>,
  ) {
    const { triggers } = this;
    if (!triggers.has(pool.options, 'DefineAuthChallenge')) throw customAuthNotConfigured();
    const parameters = req.AuthParameters ?? {};
    if (!parameters.USERNAME) throw missingParameter('USERNAME');
    const user = (await pool.getUserByUsername(ctx, parameters.USERNAME)) ?? undefined;
    if (!user && client.PreventUserExistenceErrors !== 'ENABLED') throw userDoesNotExist();
    if (user?.Enabled === false) throw userIsDisabled();
    if (user?.UserStatus === 'UNCONFIRMED') throw userNotConfirmed();
    if (user?.UserStatus === 'RESET_REQUIRED') throw passwordResetRequired();
    const subject = { userPoolId: pool.options.Id, clientId: client.ClientId, username: user?.Username ?? parameters.USERNAME };
    if (user && triggers.has(pool.options, 'PreAuthentication')) {
      await triggers.preAuthentication(subject, user.Attributes, user.UserStatus ?? 'CONFIRMED', req.ClientMetadata);
    }
    const srpA = parameters.SRP_A ? clientEphemeral(parameters.SRP_A) : undefined;
    const state = { userPoolId: pool.options.Id, clientId: client.ClientId, username: subject.username, userNotFound: !user, admin, srpA };
    const context = { subject, userAttributes: userAttributesOf(user), clientMetadata: {}, userNotFound: !user };
    const session: ChallengeResult[] = srpA === undefined ? [] : [{ challengeName: 'SRP_A', challengeResult: true }];
    return this.#next(ctx, { pool, client, user, state, context }, session);
  }

  /** The answer to a challenge of a custom sign-in (see {@link continues}), for the pool and client its Session is bound to. */
  async respond(ctx: Context, req: RespondToAuthChallengeCommandInput, admin: boolean) {
    const { cognito } = this.services;
    const { pending, session, ...state } = this.#sessions.take(req.Session, req.ClientId, admin);
    const responses = req.ChallengeResponses ?? {};
    if (!responses.USERNAME) throw missingParameter('USERNAME');
    if (req.ChallengeName !== pending.challengeName) throw invalidSession();
    const pool = await cognito.getUserPool(ctx, state.userPoolId);
    const client = await appClientOf({ cognito }, ctx, state.clientId);
    let user = state.userNotFound ? undefined : ((await pool.getUserByUsername(ctx, state.username)) ?? undefined);
    if (!client || (!state.userNotFound && !user)) throw incorrectUsernameOrPassword();
    const named = state.userNotFound ? responses.USERNAME : (await pool.getUserByUsername(ctx, responses.USERNAME))?.Username;
    if (named !== state.username) throw invalidSession();

    const clientMetadata = req.ClientMetadata ?? {};
    const subject = { userPoolId: state.userPoolId, clientId: state.clientId, username: state.username };
    const context = { subject, userAttributes: userAttributesOf(user), clientMetadata, userNotFound: state.userNotFound };
    let result: ChallengeResult;
    if (pending.challengeName === 'CUSTOM_CHALLENGE') {
      if (responses.ANSWER === undefined) throw missingParameter('ANSWER');
      const correct = await verifyAuthChallengeResponse(this.triggers, context, pending.privateChallengeParameters, responses.ANSWER);
      result = { challengeName: 'CUSTOM_CHALLENGE', challengeResult: correct, challengeMetadata: pending.challengeMetadata };
    } else {
      // A wrong password is a PASSWORD_VERIFIER result of false, for DefineAuthChallenge to judge ([U]);
      // it counts for the lockout, as a password check ([D] lockout behavior).
      const holds = passwordClaimHolds(pending.srp, responses);
      if (user) {
        const now = this.services.clock.now();
        await refuseLockedOut(ctx, pool, user, now);
        user = await recordPasswordCheck(ctx, pool, user, holds, now);
      }
      result = { challengeName: 'PASSWORD_VERIFIER', challengeResult: holds };
    }
    return this.#next(ctx, { pool, client, user, state, context, clientMetadata: req.ClientMetadata }, [...session, result]);
  }

  /** Asks DefineAuthChallenge what comes after `session`, and answers the client with it. */
  async #next(ctx: Context, step: Step, session: readonly ChallengeResult[]) {
    const { triggers } = this;
    const decision = await defineAuthChallenge(triggers, step.context, session);
    if (decision.failAuthentication) throw incorrectUsernameOrPassword();
    if (decision.issueTokens) {
      if (!step.user) throw incorrectUsernameOrPassword();
      return this.#issueTokens(ctx, step, step.user);
    }
    const username = step.state.username;
    if (decision.challengeName === 'CUSTOM_CHALLENGE') {
      const challenge = await createAuthChallenge(triggers, step.context, decision.challengeName, session);
      const pending = {
        challengeName: 'CUSTOM_CHALLENGE' as const,
        privateChallengeParameters: challenge.privateChallengeParameters,
        challengeMetadata: challenge.challengeMetadata,
      };
      return {
        ChallengeName: 'CUSTOM_CHALLENGE',
        // Cognito adds USERNAME, which Amplify reads back as the sign-in's username ([C]).
        ChallengeParameters: { ...challenge.publicChallengeParameters, USERNAME: username },
        Session: this.#sessions.open({ ...step.state, session, pending }),
        $metadata: {},
      };
    }
    if (decision.challengeName === 'PASSWORD_VERIFIER') {
      if (step.state.srpA === undefined) throw invalidLambdaResponse();
      if (!step.user) throw incorrectUsernameOrPassword();
      const { state: srp, challengeParameters } = passwordVerifierChallenge(step.state.userPoolId, step.user, step.state.srpA);
      return {
        ChallengeName: 'PASSWORD_VERIFIER',
        ChallengeParameters: challengeParameters,
        Session: this.#sessions.open({ ...step.state, session, pending: { challengeName: 'PASSWORD_VERIFIER', srp } }),
        $metadata: {},
      };
    }
    if (decision.challengeName === undefined) throw invalidLambdaResponse();
    throw new UnsupportedError(
      `DefineAuthChallenge challengeName ${decision.challengeName} (the emulator runs CUSTOM_CHALLENGE and PASSWORD_VERIFIER)`,
    );
  }

  /** The end every sign-in shares (PostAuthentication, the tokens, the refresh token kept). */
  #issueTokens(ctx: Context, { pool, client, clientMetadata, state }: Step, user: User) {
    const { services, triggers } = this;
    return issueSignInTokens(ctx, { services, triggers }, { pool, client, clientMetadata, admin: state.admin }, user);
  }
}

/** The user's attributes as the challenge triggers get them, with `cognito:user_status`. */
const userAttributesOf = (user: User | undefined): Record<string, string> =>
  user ? { ...attributesToRecord(user.Attributes), 'cognito:user_status': user.UserStatus ?? 'CONFIRMED' } : {};
