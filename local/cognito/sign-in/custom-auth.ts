import type { AdminInitiateAuthCommandInput, RespondToAuthChallengeCommandInput } from '@aws-sdk/client-cognito-identity-provider';
import {
  type AppClient,
  attributesToRecord,
  type Context,
  type Router,
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
import type { PoolTriggers } from '../triggers/pool-triggers.ts';
import {
  customAuthNotConfigured,
  incorrectUsernameOrPassword,
  invalidLambdaResponse,
  invalidSession,
  missingParameter,
  notAuthorized,
  passwordResetRequired,
  userDoesNotExist,
  userIsDisabled,
  userNotConfirmed,
} from '../cognito-answers.ts';
import { appClientOf } from '../request-context.ts';

type Request = AdminInitiateAuthCommandInput & Partial<RespondToAuthChallengeCommandInput>;

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
 * Every other request goes to `router` untouched.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-challenge.html
 */
export function withCustomAuth(
  router: Router,
  services: Pick<Services, 'clock' | 'cognito' | 'tokenGenerator'>,
  triggers: PoolTriggers,
): Router {
  const sessions = new CustomAuthSessions(() => services.clock.now());
  const { cognito } = services;

  async function initiate(ctx: Context, req: Request, admin: boolean) {
    const clientId = req.ClientId ?? '';
    const pool = admin ? await cognito.getUserPool(ctx, req.UserPoolId ?? '') : await cognito.getUserPoolForClientId(ctx, clientId);
    const client = await appClientOf({ cognito }, ctx, clientId);
    if (!client || client.UserPoolId !== pool.options.Id) throw notAuthorized();
    if (!triggers.has(pool.options, 'DefineAuthChallenge')) {
      throw customAuthNotConfigured();
    }
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
    return next(ctx, { pool, client, user, state, context }, session);
  }

  async function respond(ctx: Context, req: Request, admin: boolean) {
    const { pending, session, ...state } = sessions.take(req.Session, req.ClientId, admin);
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
      const correct = await verifyAuthChallengeResponse(triggers, context, pending.privateChallengeParameters, responses.ANSWER);
      result = { challengeName: 'CUSTOM_CHALLENGE', challengeResult: correct, challengeMetadata: pending.challengeMetadata };
    } else {
      // A wrong password is a PASSWORD_VERIFIER result of false, for DefineAuthChallenge to judge ([U]);
      // it counts for the lockout, as a password check ([D] lockout behavior).
      const holds = passwordClaimHolds(pending.srp, responses);
      if (user) {
        const now = services.clock.now();
        await refuseLockedOut(ctx, pool, user, now);
        user = await recordPasswordCheck(ctx, pool, user, holds, now);
      }
      result = { challengeName: 'PASSWORD_VERIFIER', challengeResult: holds };
    }
    return next(ctx, { pool, client, user, state, context, clientMetadata: req.ClientMetadata }, [...session, result]);
  }

  /** Asks DefineAuthChallenge what comes after `session`, and answers the client with it. */
  async function next(ctx: Context, step: Step, session: readonly ChallengeResult[]) {
    const decision = await defineAuthChallenge(triggers, step.context, session);
    if (decision.failAuthentication) throw incorrectUsernameOrPassword();
    if (decision.issueTokens) {
      if (!step.user) throw incorrectUsernameOrPassword();
      return issueTokens(ctx, step, step.user);
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
        Session: sessions.open({ ...step.state, session, pending }),
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
        Session: sessions.open({ ...step.state, session, pending: { challengeName: 'PASSWORD_VERIFIER', srp } }),
        $metadata: {},
      };
    }
    if (decision.challengeName === undefined) throw invalidLambdaResponse();
    throw new UnsupportedError(
      `DefineAuthChallenge challengeName ${decision.challengeName} (the emulator runs CUSTOM_CHALLENGE and PASSWORD_VERIFIER)`,
    );
  }

  /** The end every sign-in shares (PostAuthentication, the tokens, the refresh token kept). */
  const issueTokens = (ctx: Context, { pool, client, clientMetadata, state }: Step, user: User) =>
    issueSignInTokens(ctx, { services, triggers }, { pool, client, clientMetadata, admin: state.admin }, user);

  const isCustomStep = (req: Request | undefined) =>
    req?.ChallengeName === 'CUSTOM_CHALLENGE' || (req?.ChallengeName === 'PASSWORD_VERIFIER' && sessions.has(req.Session));
  return (target) => {
    const route = router(target);
    switch (target) {
      case 'InitiateAuth':
      case 'AdminInitiateAuth':
        return (ctx, req) => (req?.AuthFlow === 'CUSTOM_AUTH' ? initiate(ctx, req, target === 'AdminInitiateAuth') : route(ctx, req));
      case 'RespondToAuthChallenge':
      case 'AdminRespondToAuthChallenge':
        return (ctx, req) => (isCustomStep(req) ? respond(ctx, req, target === 'AdminRespondToAuthChallenge') : route(ctx, req));
      default:
        return route;
    }
  };
}

/** The user's attributes as the challenge triggers get them, with `cognito:user_status`. */
const userAttributesOf = (user: User | undefined): Record<string, string> =>
  user ? { ...attributesToRecord(user.Attributes), 'cognito:user_status': user.UserStatus ?? 'CONFIRMED' } : {};
