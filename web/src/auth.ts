import { Amplify } from 'aws-amplify';
import {
  signInWithRedirect,
  type SignInWithRedirectInput,
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
import { Hub } from 'aws-amplify/utils';
import type { HostedUiConfig, WebConfig } from './config.ts';

/** Points Amplify at the stack's user pool: the emulator locally, Cognito itself on AWS. */
export function configureAuth(config: WebConfig & Required<Pick<WebConfig, 'auth'>>): void {
  Amplify.configure({
    Auth: {
      Cognito: {
        userPoolId: config.auth.userPoolId,
        userPoolClientId: config.auth.userPoolClientId,
        ...(config.cognitoEndpoint && { userPoolEndpoint: config.cognitoEndpoint }),
        loginWith: {
          email: true,
          // The hosted UI: Amplify sends users to https://<domain>/oauth2/authorize and, when they
          // come back to the redirect of this page's origin, trades the code for tokens itself.
          ...(config.hostedUi && { oauth: amplifyOAuth(config.hostedUi) }),
        },
        signUpVerificationMethod: 'code',
      },
    },
  });
}

function amplifyOAuth({ domain, scopes, redirectSignIn, redirectSignOut, responseType }: HostedUiConfig) {
  return { domain, scopes, redirectSignIn, redirectSignOut, responseType };
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

/**
 * Amplify's names for the social providers (signInWithRedirect({ provider: 'Google' })); any other
 * provider (OIDC, SAML) goes by its name, `{ custom: name }`.
 */
const SOCIAL_PROVIDERS: Readonly<Record<string, 'Google' | 'Facebook' | 'Amazon' | 'Apple'>> = {
  Google: 'Google',
  Facebook: 'Facebook',
  LoginWithAmazon: 'Amazon',
  SignInWithApple: 'Apple',
};

/** What a sign-in button says for an identity provider of the app client. */
export function providerLabel(provider: string): string {
  return SOCIAL_PROVIDERS[provider] ?? provider;
}

/**
 * Leaves for the hosted UI: its own sign-in form (`COGNITO`), or straight to an identity provider,
 * as on AWS. The page comes back at its redirect URL; {@link onRedirectSignIn} tells how it went.
 */
export async function signInThroughHostedUi(provider = 'COGNITO'): Promise<string> {
  const input: SignInWithRedirectInput = provider === 'COGNITO' ? {} : { provider: SOCIAL_PROVIDERS[provider] ?? { custom: provider } };
  await signInWithRedirect(input);
  return 'Going to the hosted UI…';
}

/** Calls `handler` when the page, back from the hosted UI, has its tokens (or has failed to get them). */
export function onRedirectSignIn(handler: (outcome: { ok: boolean; text: string }) => void): void {
  Hub.listen('auth', ({ payload }) => {
    if (payload.event === 'signInWithRedirect') handler({ ok: true, text: 'Signed in through the hosted UI.' });
    if (payload.event === 'signInWithRedirect_failure') {
      const error = payload.data?.error;
      handler({ ok: false, text: `${error?.name ?? 'Error'}: ${error?.message ?? 'the hosted UI sign-in failed'}` });
    }
  });
}

/** Signs out; after a hosted UI sign-in, Amplify then sends the browser to the hosted UI's /logout, which ends its session too. */
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
