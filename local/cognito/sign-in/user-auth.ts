import { type Context, UnsupportedError, type User } from '../cognito-local.ts';
import { passwordFactor, srpFactor } from './first-factor.ts';
import { openChallenge, type SignInContext, type SignInServices } from './sign-in-state.ts';
import { invalidChallengeChoice, missingParameter } from '../cognito-answers.ts';

// USER_AUTH, choice-based sign-in (Amplify v6's `authFlowType: 'USER_AUTH'`), with its two
// password choices: PASSWORD (the password sent) and PASSWORD_SRP (SRP_A, then PASSWORD_VERIFIER).
// https://docs.aws.amazon.com/cognito/latest/developerguide/authentication-flows-selection-sdk.html
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RespondToAuthChallenge.html

/** The first factors the emulator offers; the passwordless ones Cognito also has are refused by name. */
const AVAILABLE = ['PASSWORD', 'PASSWORD_SRP'];
const PASSWORDLESS = ['EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN'];

function refuseChoice(choice: string): never {
  if (PASSWORDLESS.includes(choice)) {
    throw new UnsupportedError(`USER_AUTH with ${choice} (the emulator offers PASSWORD and PASSWORD_SRP, not passwordless sign-in)`);
  }
  throw invalidChallengeChoice(choice, AVAILABLE);
}

/** The user's name, and whether there is no such user, as a challenge's Session keeps them. */
const subjectOf = (user: User | undefined, username: string) => (user ? { username: user.Username } : { username, userNotFound: true });

/**
 * InitiateAuth USER_AUTH: the PREFERRED_CHALLENGE at once when its answer came along (PASSWORD
 * with PASSWORD, PASSWORD_SRP with SRP_A), its challenge when not; without one, SELECT_CHALLENGE
 * with the AvailableChallenges.
 */
export async function startUserAuth(
  ctx: Context,
  deps: SignInServices,
  signIn: SignInContext,
  user: User | undefined,
  parameters: Readonly<Record<string, string>>,
) {
  const username = parameters.USERNAME!;
  const preferred = parameters.PREFERRED_CHALLENGE;
  if (preferred === undefined) {
    return { ...openChallenge(deps, signIn, subjectOf(user, username), { name: 'SELECT_CHALLENGE' }, {}), AvailableChallenges: AVAILABLE };
  }
  if (preferred === 'PASSWORD') {
    if (parameters.PASSWORD === undefined) return openChallenge(deps, signIn, subjectOf(user, username), { name: 'PASSWORD' }, {});
    return passwordFactor(ctx, deps, signIn, user, parameters.PASSWORD);
  }
  if (preferred === 'PASSWORD_SRP') {
    if (parameters.SRP_A === undefined) return openChallenge(deps, signIn, subjectOf(user, username), { name: 'PASSWORD_SRP' }, {});
    return srpFactor(ctx, deps, signIn, user, parameters.SRP_A);
  }
  return refuseChoice(preferred);
}

/** The answer to SELECT_CHALLENGE, PASSWORD or PASSWORD_SRP: the chosen first factor, with its answer. */
export async function answerChoice(
  ctx: Context,
  deps: SignInServices,
  signIn: SignInContext,
  user: User | undefined,
  challengeName: 'SELECT_CHALLENGE' | 'PASSWORD' | 'PASSWORD_SRP',
  responses: Readonly<Record<string, string>>,
) {
  const choice = challengeName === 'SELECT_CHALLENGE' ? responses.ANSWER : challengeName;
  if (choice === undefined) throw missingParameter('ANSWER');
  if (choice === 'PASSWORD') {
    if (responses.PASSWORD === undefined) throw missingParameter('PASSWORD');
    return passwordFactor(ctx, deps, signIn, user, responses.PASSWORD);
  }
  if (choice === 'PASSWORD_SRP') {
    if (responses.SRP_A === undefined) throw missingParameter('SRP_A');
    return srpFactor(ctx, deps, signIn, user, responses.SRP_A);
  }
  return refuseChoice(choice);
}
