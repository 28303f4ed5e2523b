// The only module that touches the DOM: it binds the page's controls to handlers and shows
// what they return.
import type { ApiResult } from './api.ts';
import type { SignedInUser } from './auth.ts';
import type { InboxMessage } from './dev-inbox.ts';

export type Outcome = { ok: true; text: string } | { ok: false; text: string };

function element<T extends Element>(selector: string, root: ParentNode = document): T {
  const found = root.querySelector<T>(selector);
  if (!found) throw new Error(`The page has no ${selector}`);
  return found;
}

/** Calls `handler` with the form's fields on submit and shows its outcome under the form. */
export function bindForm(formId: string, handler: (fields: Record<string, string>) => Promise<Outcome>): void {
  const form = element<HTMLFormElement>(`#${formId}`);
  const result = element<HTMLElement>('.result', form.parentElement!);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const fields = Object.fromEntries([...new FormData(form)].map(([key, value]) => [key, String(value).trim()]));
    showOutcome(result, { ok: true, text: 'Working…' });
    showOutcome(result, await handler(fields));
  });
}

/** The current value of a field of a form, by name. */
export function fieldValue(formId: string, name: string): string {
  return (element<HTMLFormElement>(`#${formId}`).elements.namedItem(name) as HTMLInputElement).value.trim();
}

/** Calls `handler` on click; its outcome goes to the section's result line, if it has one. */
export function bindButton(buttonId: string, handler: () => Promise<Outcome | void>): void {
  const button = element<HTMLButtonElement>(`#${buttonId}`);
  const result = button.closest('section')?.querySelector<HTMLElement>('.result');
  button.addEventListener('click', async () => {
    const outcome = await handler();
    if (outcome && result) showOutcome(result, outcome);
  });
}

/**
 * Adds a button to the hosted UI section for each identity provider (`labelOf` says what it
 * signs in with), each calling `handler` with the provider's name; removes the hosted UI's own
 * button when the app client does not offer its form (`COGNITO`).
 */
export function showIdentityProviders(
  providers: readonly string[],
  labelOf: (provider: string) => string,
  handler: (provider: string) => Promise<Outcome>,
): void {
  const buttons = element<HTMLElement>('#hosted-ui-buttons');
  const result = element<HTMLElement>('.result', buttons.closest('section')!);
  if (!providers.includes('COGNITO')) element('#hosted-ui-sign-in').remove();
  for (const provider of providers.filter((name) => name !== 'COGNITO')) {
    const button = Object.assign(document.createElement('button'), { type: 'button', textContent: `Sign in with ${labelOf(provider)}` });
    button.addEventListener('click', async () => showOutcome(result, await handler(provider)));
    buttons.append(button);
  }
}

/** Shows an outcome that arrives by itself (the hosted UI's, once the page is back) under a section, by its heading's id. */
export function showSectionOutcome(titleId: string, outcome: Outcome): void {
  showOutcome(element<HTMLElement>('.result', element(`#${titleId}`).closest('section')!), outcome);
}

function showOutcome(target: HTMLElement, outcome: Outcome): void {
  target.textContent = outcome.text;
  target.className = `result ${outcome.ok ? 'ok' : 'error'}`;
}

/**
 * Turns off the sections a stack cannot serve (by their headings' ids), each with a line saying
 * why, and says so where the current user is shown when `headline` is given.
 */
export function turnOffSections(titleIds: readonly string[], reason: string, headline?: string): void {
  for (const id of titleIds) {
    const section = element<HTMLElement>(`#${id}`).closest('section')!;
    for (const control of section.querySelectorAll<HTMLButtonElement | HTMLInputElement>('button, input')) control.disabled = true;
    const note = Object.assign(document.createElement('p'), { className: 'off', textContent: `Not available: ${reason}.` });
    note.setAttribute('role', 'note');
    section.querySelector('h2')!.after(note);
  }
  if (headline) element('#current-user').textContent = headline;
}

export function showUser(user: SignedInUser | undefined): void {
  const groups = user?.groups.length ? ` (${user.groups.join(', ')})` : '';
  element('#current-user').textContent = user ? `Signed in as ${user.email}${groups}` : 'Not signed in';
}

export function showApiResult(result: ApiResult): void {
  const output = element<HTMLOutputElement>('#api-response');
  const ok = result.status !== undefined && result.status < 400;
  output.className = ok ? 'ok' : 'error';
  element('.request', output).textContent = result.request;
  element('.status', output).textContent = result.status === undefined ? 'No response' : `HTTP ${result.status}`;
  element('.body', output).textContent = result.body;
}

const KIND_LABELS: Record<string, string> = {
  SignUp: 'Sign-up',
  ResendCode: 'Sign-up (resent)',
  ForgotPassword: 'Password reset',
  AdminCreateUser: 'Invitation',
};

/** Lists the dev inbox, newest first, each message with a button that hands it to `onUse`. */
export function showInbox(messages: readonly InboxMessage[], onUse: (message: InboxMessage) => void): void {
  const panel = element<HTMLElement>('#dev-inbox');
  panel.hidden = false;
  const rows = [...messages].reverse().map((message) => {
    const row = document.createElement('tr');
    const kind = KIND_LABELS[message.kind] ?? message.kind;
    for (const text of [
      message.to,
      // A CustomMessage trigger's subject; its whole message on hover.
      message.subject ? `${kind}: “${message.subject}”` : kind,
      message.code,
      new Date(message.sentAt).toLocaleTimeString(),
    ]) {
      row.append(Object.assign(document.createElement('td'), { textContent: text }));
    }
    if (message.message) row.title = message.message;
    const use = Object.assign(document.createElement('button'), { type: 'button', textContent: 'Use this code' });
    use.setAttribute('aria-label', `Use code ${message.code} for ${message.to}`);
    use.addEventListener('click', () => onUse(message));
    const action = document.createElement('td');
    action.append(use);
    row.append(action);
    return row;
  });
  element('tbody', panel).replaceChildren(...rows);
}

/** Puts an email and a code into every form that asks for a code. */
export function fillCode(email: string, code: string): void {
  for (const form of document.querySelectorAll<HTMLFormElement>('form:has([name="code"])')) {
    (form.elements.namedItem('email') as HTMLInputElement).value = email;
    (form.elements.namedItem('code') as HTMLInputElement).value = code;
  }
}
