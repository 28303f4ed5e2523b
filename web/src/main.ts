// Composition root: wires the stack's config, Amplify and the API client to the page.
import { callApi } from './api.ts';
import {
  configureAuth,
  confirmEmail,
  currentIdToken,
  currentUserEmail,
  signInWithEmail,
  signOutUser,
  signUpWithEmail,
} from './auth.ts';
import { webConfig } from './config.ts';
import { fetchInbox } from './dev-inbox.ts';
import { bindButton, bindForm, showApiResult, showInbox, showUser, type Outcome } from './view.ts';

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
  showUser(await currentUserEmail().catch(() => undefined));
}

async function refreshInbox(): Promise<void> {
  if (webConfig.inboxUrl) showInbox(await fetchInbox(webConfig.inboxUrl));
}

bindForm('sign-up-form', async ({ email = '', password = '' }) => {
  const outcome = await attempt(() => signUpWithEmail(email, password));
  await refreshInbox();
  return outcome;
});
bindForm('confirm-form', ({ email = '', code = '' }) => attempt(() => confirmEmail(email, code)));
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
bindButton('call-public', async () => showApiResult(await callApi(webConfig.apiUrl, '/api/helloWorld')));
bindButton('call-secured', async () => {
  const idToken = await currentIdToken().catch(() => undefined);
  showApiResult(await callApi(webConfig.apiUrl, '/api/helloWorldSecured', idToken));
});
bindButton('refresh-inbox', refreshInbox);

await refreshUser();
await refreshInbox();
