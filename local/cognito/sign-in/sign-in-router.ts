import type { AdminInitiateAuthCommandInput, AdminRespondToAuthChallengeCommandInput } from '@aws-sdk/client-cognito-identity-provider';
import type { Context, Router, Services, Triggers } from '../cognito-local.ts';
import { AuthSessions } from './auth-sessions.ts';
import { afterPassword, issueTokens } from './complete-sign-in.ts';
import { namedUser, passwordFactor, passwordVerifierAnswer, srpFactor } from './first-factor.ts';
import { checkMfaCode, methodChallenge } from './mfa.ts';
import { applyNewPassword } from './new-password.ts';
import { refreshTokenAuth } from './refresh-token-auth.ts';
import type { SignInContext, SignInServices, SignInState } from './sign-in-state.ts';
import { associateSoftwareToken, verifySoftwareToken } from './software-token-setup.ts';
import { answerChoice, startUserAuth } from './user-auth.ts';
import {
  incorrectUsernameOrPassword,
  invalidSession,
  mfaMethodNotOffered,
  missingParameter,
  userPoolClientDoesNotExist,
} from '../cognito-answers.ts';
import { appClientOf } from '../request-context.ts';

type InitiateRequest = Partial<AdminInitiateAuthCommandInput>;
type RespondRequest = Partial<AdminRespondToAuthChallengeCommandInput>;

/**
 * Cognito's sign-in, every flow but CUSTOM_AUTH (triggers/custom-auth.ts): InitiateAuth and
 * AdminInitiateAuth with USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH (ADMIN_NO_SRP_AUTH),
 * USER_SRP_AUTH, USER_AUTH and REFRESH_TOKEN_AUTH; RespondToAuthChallenge and
 * AdminRespondToAuthChallenge for their challenges, each behind a Session bound to its pool,
 * client, user and challenge, good for one answer within 3 minutes; and AssociateSoftwareToken and
 * VerifySoftwareToken with the Session of MFA_SETUP. With an access token, those two go to `router`.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-authentication-flow-methods.html
 */
export function withSignIn(
  router: Router,
  services: Pick<Services, 'clock' | 'cognito' | 'tokenGenerator' | 'messages' | 'otp'> & {
    readonly triggers?: Pick<Triggers, 'enabled' | 'postAuthentication'>;
  },
  sessions = new AuthSessions<SignInState>(() => services.clock.now()),
): Router {
  const deps: SignInServices = { services, triggers: services.triggers, sessions };
  const { cognito } = services;

  async function initiate(ctx: Context, req: InitiateRequest, admin: boolean) {
    const clientId = req.ClientId ?? '';
    const pool = admin ? await cognito.getUserPool(ctx, req.UserPoolId ?? '') : await cognito.getUserPoolForClientId(ctx, clientId);
    const client = await appClientOf({ cognito }, ctx, clientId);
    if (!client || client.UserPoolId !== pool.options.Id) throw userPoolClientDoesNotExist(clientId);
    // InitiateAuth's ClientMetadata goes to no trigger after PreAuthentication, nor to the tokens [D].
    const signIn: SignInContext = { pool, client, admin, clientMetadata: admin ? req.ClientMetadata : undefined };
    const parameters = req.AuthParameters ?? {};
    const flow = req.AuthFlow;
    if (flow === 'REFRESH_TOKEN_AUTH' || flow === 'REFRESH_TOKEN') return refreshTokenAuth(ctx, services, signIn, parameters);
    if (!parameters.USERNAME) throw missingParameter('USERNAME');
    const user = await namedUser(ctx, pool, client, parameters.USERNAME);
    const passwordFlow = admin ? flow === 'ADMIN_USER_PASSWORD_AUTH' || flow === 'ADMIN_NO_SRP_AUTH' : flow === 'USER_PASSWORD_AUTH';
    if (passwordFlow) {
      if (!parameters.PASSWORD) throw missingParameter('PASSWORD');
      return passwordFactor(ctx, deps, signIn, user, parameters.PASSWORD);
    }
    if (flow === 'USER_SRP_AUTH') {
      if (!parameters.SRP_A) throw missingParameter('SRP_A');
      return srpFactor(ctx, deps, signIn, user, parameters.SRP_A);
    }
    return startUserAuth(ctx, deps, signIn, user, parameters);
  }

  async function respond(ctx: Context, req: RespondRequest, admin: boolean) {
    const state = sessions.take(req.Session, { clientId: req.ClientId, admin });
    if ((admin && req.UserPoolId !== state.userPoolId) || req.ChallengeName !== state.challenge.name) throw invalidSession();
    const responses = req.ChallengeResponses ?? {};
    if (!responses.USERNAME) throw missingParameter('USERNAME');
    const pool = await cognito.getUserPool(ctx, state.userPoolId);
    const client = await appClientOf({ cognito }, ctx, state.clientId);
    const user = state.userNotFound ? undefined : ((await pool.getUserByUsername(ctx, state.username)) ?? undefined);
    const named = state.userNotFound ? responses.USERNAME : (await pool.getUserByUsername(ctx, responses.USERNAME))?.Username;
    if (!client || named !== state.username) throw invalidSession();
    const signIn: SignInContext = { pool, client, admin, clientMetadata: req.ClientMetadata };
    const { challenge } = state;
    if (challenge.name === 'SELECT_CHALLENGE' || challenge.name === 'PASSWORD' || challenge.name === 'PASSWORD_SRP') {
      return answerChoice(ctx, deps, signIn, user, challenge.name, responses);
    }
    if (!user) throw incorrectUsernameOrPassword();
    switch (challenge.name) {
      case 'PASSWORD_VERIFIER':
        return passwordVerifierAnswer(ctx, deps, signIn, user, challenge.srp, responses);
      case 'NEW_PASSWORD_REQUIRED':
        return afterPassword(ctx, deps, signIn, await applyNewPassword(ctx, pool, user, responses, services.clock.get()));
      case 'SELECT_MFA_TYPE': {
        const method = challenge.methods.find((candidate) => candidate === responses.ANSWER);
        if (!method) throw mfaMethodNotOffered(challenge.methods);
        return methodChallenge(ctx, deps, signIn, user, method);
      }
      case 'MFA_SETUP':
        // The Session VerifySoftwareToken answered with; MFA_SETUP's own, or AssociateSoftwareToken's, sets nothing up.
        if (!challenge.verified) throw invalidSession();
        return issueTokens(ctx, deps, signIn, user);
      default:
        checkMfaCode(challenge, user, responses);
        return issueTokens(ctx, deps, signIn, user);
    }
  }

  const SIGN_IN_FLOWS = new Set(['USER_PASSWORD_AUTH', 'USER_SRP_AUTH', 'USER_AUTH', 'REFRESH_TOKEN_AUTH', 'REFRESH_TOKEN']);
  const ADMIN_FLOWS = new Set([...SIGN_IN_FLOWS, 'ADMIN_USER_PASSWORD_AUTH', 'ADMIN_NO_SRP_AUTH']);
  const associate = associateSoftwareToken(deps);
  const verify = verifySoftwareToken(deps);
  return (target) => {
    const route = router(target);
    switch (target) {
      case 'InitiateAuth':
        return (ctx, req) => (SIGN_IN_FLOWS.has(req?.AuthFlow) ? initiate(ctx, req, false) : route(ctx, req));
      case 'AdminInitiateAuth':
        return (ctx, req) => (ADMIN_FLOWS.has(req?.AuthFlow) ? initiate(ctx, req, true) : route(ctx, req));
      case 'RespondToAuthChallenge':
        return (ctx, req) => respond(ctx, req ?? {}, false);
      case 'AdminRespondToAuthChallenge':
        return (ctx, req) => respond(ctx, req ?? {}, true);
      case 'AssociateSoftwareToken':
        return (ctx, req) => (req?.AccessToken === undefined && req?.Session !== undefined ? associate(ctx, req) : route(ctx, req));
      case 'VerifySoftwareToken':
        return (ctx, req) => (req?.AccessToken === undefined && req?.Session !== undefined ? verify(ctx, req) : route(ctx, req));
      default:
        return route;
    }
  };
}
