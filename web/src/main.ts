// Composition root: wires the stack's config, Amplify and the API client to the page.
import { callApi } from './api.ts';
import {
  configureAuth,
  confirmEmail,
  confirmPasswordReset,
  currentIdToken,
  currentUser,
  onRedirectSignIn,
  providerLabel,
  refreshSession,
  requestPasswordReset,
  resendConfirmationCode,
  signInThroughHostedUi,
  signInWithEmail,
  signOutUser,
  signUpWithEmail,
} from './auth.ts';
import { webConfig } from './config.ts';
import { fetchInbox } from './dev-inbox.ts';
import {
  bindButton,
  bindForm,
  fieldValue,
  fillCode,
  showApiResult,
  showIdentityProviders,
  showInbox,
  showSectionOutcome,
  showUser,
  turnOffSections,
  type Outcome,
} from './view.ts';

const { auth, apiUrl, hostedUi } = webConfig;
// Before Amplify is configured: configuring it is what completes a sign-in coming back from the hosted UI.
onRedirectSignIn(async (outcome) => {
  showSectionOutcome('hosted-ui-title', outcome);
  await refreshUser();
});
if (auth) configureAuth({ ...webConfig, auth });

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
  if (auth) showUser(await currentUser().catch(() => undefined));
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
if (hostedUi) {
  bindButton('hosted-ui-sign-in', () => attempt(() => signInThroughHostedUi()));
  showIdentityProviders(hostedUi.identityProviders, providerLabel, (provider) => attempt(() => signInThroughHostedUi(provider)));
}
if (apiUrl) {
  bindButton('call-public', async () => showApiResult(await callApi(apiUrl, '/api/helloWorld')));
  bindButton('call-secured', async () => {
    const idToken = auth ? await currentIdToken().catch(() => undefined) : undefined;
    showApiResult(await callApi(apiUrl, '/api/helloWorldSecured', idToken));
  });
}
bindButton('refresh-inbox', refreshInbox);

// A stack without a usable pool or without an API: the page runs without those parts, saying why.
if (webConfig.authOff) {
  const sections = ['sign-up-title', 'confirm-title', 'sign-in-title', 'hosted-ui-title', 'forgot-title'];
  turnOffSections(sections, webConfig.authOff, `Sign-in is off: ${webConfig.authOff}.`);
}
if (webConfig.apiOff) turnOffSections(['api-title'], webConfig.apiOff);
if (webConfig.hostedUiOff && !webConfig.authOff) turnOffSections(['hosted-ui-title'], webConfig.hostedUiOff);

await refreshUser();
await refreshInbox();
