import { Amplify } from 'aws-amplify';
import {
  confirmResetPassword,
  confirmSignUp,
  fetchAuthSession,
  fetchUserAttributes,
  resendSignUpCode,
  resetPassword,
  signIn,
  signOut,
  signUp,
  type SignInOutput,
} from 'aws-amplify/auth';
import type { WebConfig } from './config.ts';

/** Points Amplify at the stack's user pool: the emulator locally, Cognito itself on AWS. */
export function configureAuth(config: WebConfig & Required<Pick<WebConfig, 'auth'>>): void {
  Amplify.configure({
    Auth: {
      Cognito: {
        userPoolId: config.auth.userPoolId,
        userPoolClientId: config.auth.userPoolClientId,
        ...(config.cognitoEndpoint && { userPoolEndpoint: config.cognitoEndpoint }),
        loginWith: { email: true },
        signUpVerificationMethod: 'code',
      },
    },
  });
}

export async function signUpWithEmail(email: string, password: string): Promise<string> {
  const { nextStep } = await signUp({ username: email, password, options: { userAttributes: { email } } });
  return nextStep.signUpStep === 'CONFIRM_SIGN_UP'
    ? `Check ${nextStep.codeDeliveryDetails.destination ?? email} for a confirmation code.`
    : 'Signed up.';
}

export async function confirmEmail(email: string, code: string): Promise<string> {
  await confirmSignUp({ username: email, confirmationCode: code });
  return 'Email confirmed. You can sign in now.';
}

export async function resendConfirmationCode(email: string): Promise<string> {
  const { destination } = await resendSignUpCode({ username: email });
  return `A new code is on its way to ${destination ?? email}.`;
}

export async function requestPasswordReset(email: string): Promise<string> {
  const { nextStep } = await resetPassword({ username: email });
  return nextStep.resetPasswordStep === 'CONFIRM_RESET_PASSWORD_WITH_CODE'
    ? `Check ${nextStep.codeDeliveryDetails.destination ?? email} for a reset code.`
    : 'Password reset.';
}

export async function confirmPasswordReset(email: string, code: string, newPassword: string): Promise<string> {
  await confirmResetPassword({ username: email, confirmationCode: code, newPassword });
  return 'Password changed. You can sign in with the new one.';
}

export async function signInWithEmail(email: string, password: string): Promise<string> {
  // Amplify's default flow, USER_SRP_AUTH: the password never leaves the browser.
  const result: SignInOutput = await signIn({ username: email, password });
  return result.isSignedIn ? 'Signed in.' : `Next step: ${result.nextStep.signInStep}`;
}

export async function signOutUser(): Promise<string> {
  await signOut();
  return 'Signed out.';
}

/** Trades the refresh token for new ID and access tokens now, instead of when they expire. */
export async function refreshSession(): Promise<string> {
  const { tokens } = await fetchAuthSession({ forceRefresh: true });
  if (!tokens?.idToken) throw new Error('Nobody is signed in.');
  const expiry = new Date((tokens.idToken.payload.exp ?? 0) * 1000).toLocaleTimeString();
  return `Session refreshed: new ID token, valid until ${expiry}.`;
}

export interface SignedInUser {
  readonly email: string;
  /** The user's groups, from the ID token's `cognito:groups` claim. */
  readonly groups: readonly string[];
}

/** Who is signed in, or undefined when nobody is. */
export async function currentUser(): Promise<SignedInUser | undefined> {
  const { tokens } = await fetchAuthSession();
  if (!tokens) return undefined;
  const { email = '' } = await fetchUserAttributes();
  const groups = tokens.idToken?.payload['cognito:groups'];
  return { email, groups: Array.isArray(groups) ? groups.map(String) : [] };
}

/** The ID token to send as `Authorization: Bearer …`, if someone is signed in. */
export async function currentIdToken(): Promise<string | undefined> {
  const { tokens } = await fetchAuthSession();
  return tokens?.idToken?.toString();
}
