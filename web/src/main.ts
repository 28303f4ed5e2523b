// Composition root: wires the stack's config, Amplify and the API client to the page.
import { callApi } from './api.ts';
import {
  configureAuth,
  confirmEmail,
  confirmPasswordReset,
  currentIdToken,
  currentUser,
  refreshSession,
  requestPasswordReset,
  resendConfirmationCode,
  signInWithEmail,
  signOutUser,
  signUpWithEmail,
} from './auth.ts';
import { webConfig } from './config.ts';
import { fetchInbox } from './dev-inbox.ts';
import { bindButton, bindForm, fieldValue, fillCode, showApiResult, showInbox, showUser, type Outcome } from './view.ts';

configureAuth(webConfig);

/** Runs an auth step and turns Cognito's errors into what the page shows: `Name: message`. */
async function attempt(step: () => Promise<string>): Promise<Outcome> {
  try {
    return { ok: true, text: await step() };
  } catch (error) {
    const { name, message } = error as Error;
    return { ok: false, text: `${name}: ${message}` };
  }
}

async function refreshUser(): Promise<void> {
  showUser(await currentUser().catch(() => undefined));
}

async function refreshInbox(): Promise<void> {
  if (webConfig.inboxUrl) showInbox(await fetchInbox(webConfig.inboxUrl), ({ to, code }) => fillCode(to, code));
}

/** An auth step that emails a code: the inbox panel shows it as soon as it is sent. */
async function attemptAndRefreshInbox(step: () => Promise<string>): Promise<Outcome> {
  const outcome = await attempt(step);
  await refreshInbox();
  return outcome;
}

bindForm('sign-up-form', ({ email = '', password = '' }) => attemptAndRefreshInbox(() => signUpWithEmail(email, password)));
bindForm('confirm-form', ({ email = '', code = '' }) => attempt(() => confirmEmail(email, code)));
bindButton('resend-code', () => attemptAndRefreshInbox(() => resendConfirmationCode(fieldValue('confirm-form', 'email'))));
bindForm('forgot-form', ({ email = '' }) => attemptAndRefreshInbox(() => requestPasswordReset(email)));
bindForm('reset-form', ({ email = '', code = '', password = '' }) => attempt(() => confirmPasswordReset(email, code, password)));
bindForm('sign-in-form', async ({ email = '', password = '' }) => {
  const outcome = await attempt(() => signInWithEmail(email, password));
  await refreshUser();
  return outcome;
});
bindButton('sign-out', async () => {
  const outcome = await attempt(signOutUser);
  await refreshUser();
  return outcome;
});
bindButton('refresh-session', () => attempt(refreshSession));
bindButton('call-public', async () => showApiResult(await callApi(webConfig.apiUrl, '/api/helloWorld')));
bindButton('call-secured', async () => {
  const idToken = await currentIdToken().catch(() => undefined);
  showApiResult(await callApi(webConfig.apiUrl, '/api/helloWorldSecured', idToken));
});
bindButton('refresh-inbox', refreshInbox);

await refreshUser();
await refreshInbox();
