import type { AdminRespondToAuthChallengeCommandInput } from '@aws-sdk/client-cognito-identity-provider';
import type { Context } from '../cognito-local.ts';
import { incorrectUsernameOrPassword, invalidSession, mfaMethodNotOffered, missingParameter } from '../cognito-answers.ts';
import { appClientOf } from '../request-context.ts';
import { afterPassword, issueTokens } from '../sign-in/complete-sign-in.ts';
import { passwordVerifierAnswer } from '../sign-in/first-factor.ts';
import { checkMfaCode, methodChallenge } from '../sign-in/mfa.ts';
import { applyNewPassword } from '../sign-in/new-password.ts';
import type { SignInContext } from '../sign-in/sign-in-state.ts';
import { answerChoice } from '../sign-in/user-auth.ts';
import { refuseWrongSecretHash } from '../rules/client-secret-rules.ts';
import type { SignInDeps } from './sign-in-deps.ts';

/**
 * RespondToAuthChallenge, and AdminRespondToAuthChallenge when `admin`: the client's SECRET_HASH
 * over the USERNAME it answers for, then the answer to the challenge its Session was given for —
 * a custom sign-in's (sign-in/custom-auth.ts), or PASSWORD_VERIFIER, NEW_PASSWORD_REQUIRED,
 * SELECT_MFA_TYPE, SMS_MFA, SOFTWARE_TOKEN_MFA, MFA_SETUP and USER_AUTH's choices. Each Session
 * is bound to its pool, client, user and challenge, and good for one answer within 3 minutes.
 * The managed login answers its own sign-ins' challenges through it (`hosted`): Cognito itself,
 * it sends no SECRET_HASH, and no API call continues its Sessions, nor it theirs.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RespondToAuthChallenge.html
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminRespondToAuthChallenge.html
 */
export async function respondToAuthChallenge(
  deps: SignInDeps,
  ctx: Context,
  input: AdminRespondToAuthChallengeCommandInput,
  admin = false,
  hosted = false,
) {
  const { cognito } = deps.services;
  let responses = input.ChallengeResponses ?? {};
  const secretClient = input.ClientId && !hosted ? await appClientOf({ cognito }, ctx, input.ClientId) : null;
  if (secretClient) refuseWrongSecretHash(secretClient, responses.SECRET_HASH, responses.USERNAME ? [responses.USERNAME] : []);
  if (deps.customAuth.continues(input)) return deps.customAuth.respond(ctx, input, admin);

  const state = deps.sessions.take(input.Session, { clientId: input.ClientId, admin });
  if ((state.hosted ?? false) !== hosted) throw invalidSession();
  // The managed login's forms carry only the Session: it names the challenge and the user.
  const challengeName = hosted ? (input.ChallengeName ?? state.challenge.name) : input.ChallengeName;
  if (hosted) responses = { USERNAME: state.username, ...responses };
  if ((admin && input.UserPoolId !== state.userPoolId) || challengeName !== state.challenge.name) throw invalidSession();
  if (!responses.USERNAME) throw missingParameter('USERNAME');
  const pool = await cognito.getUserPool(ctx, state.userPoolId);
  const client = await appClientOf({ cognito }, ctx, state.clientId);
  const user = state.userNotFound ? undefined : ((await pool.getUserByUsername(ctx, state.username)) ?? undefined);
  const named = state.userNotFound ? responses.USERNAME : (await pool.getUserByUsername(ctx, responses.USERNAME))?.Username;
  if (!client || named !== state.username) throw invalidSession();
  const signIn: SignInContext = { pool, client, admin, clientMetadata: input.ClientMetadata, ...(hosted && { hosted }) };
  const { challenge } = state;
  if (challenge.name === 'SELECT_CHALLENGE' || challenge.name === 'PASSWORD' || challenge.name === 'PASSWORD_SRP') {
    return answerChoice(ctx, deps, signIn, user, challenge.name, responses);
  }
  if (!user) throw incorrectUsernameOrPassword();
  switch (challenge.name) {
    case 'PASSWORD_VERIFIER':
      return passwordVerifierAnswer(ctx, deps, signIn, user, challenge.srp, responses);
    case 'NEW_PASSWORD_REQUIRED':
      return afterPassword(ctx, deps, signIn, await applyNewPassword(ctx, pool, user, responses, deps.services.clock.get()));
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
