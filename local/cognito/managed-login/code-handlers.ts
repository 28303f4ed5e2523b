import type { ForgotPasswordCommandOutput, ResendConfirmationCodeCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { ManagedLoginDeps } from './managed-login-deps.ts';
import { isPageResult, PAGE_REFUSALS, type PageClient, pageClientOf, refused } from './page-client.ts';
import { runOperation, secretHashFor, storedUsername } from './page-operations.ts';
import type { PageHandler, PageRequest, PageResult, SignedIn } from './page-types.ts';
import { CONFIRM, NEW_PASSWORD } from './pages/classic-ids.ts';
import { confirmForgotPasswordPage } from './pages/confirm-forgot-password-page.ts';
import { confirmPage } from './pages/confirm-page.ts';
import { forgotPasswordPage } from './pages/forgot-password-page.ts';
import { pagePath } from './pages/html.ts';
import { PAGE_PATHS } from './pages/page-paths.ts';
import { usernameKindOf, usernameLabelOf } from './pages/username-kind.ts';

/** [U] the classic pages check it in the browser; here the server does, before ConfirmForgotPassword. */
export const PASSWORDS_DIFFER = 'Passwords do not match';

type ClientPage = (page: PageClient, request: PageRequest) => Promise<PageResult>;

/** A handler that first finds the request's client (page-client.ts), or answers with its refusal. */
function forClient(deps: ManagedLoginDeps, handle: ClientPage): PageHandler {
  return async (request) => {
    const resolved = await pageClientOf(deps, request);
    return isPageResult(resolved) ? resolved : handle(resolved, request);
  };
}

const html = (page: string, status = 200): PageResult => ({ kind: 'html', status, html: page });

/** The username a page is about: the form's on a POST, the query's on a GET (the link /resendcode gets). */
const usernameOf = (request: PageRequest) => (request.method === 'POST' ? request.form.get('username') : request.query.get('username'));

/**
 * /confirm: the sign-up code, for ConfirmSignUp. A confirmed user is signed in and sent on to the
 * callback, as the classic hosted UI does after a sign-up.
 */
export function confirmHandler(deps: ManagedLoginDeps, signedIn: SignedIn): PageHandler {
  return forClient(deps, async ({ client, pool, parameters, ctx }, request) => {
    const username = usernameOf(request);
    if (!username) return refused(PAGE_REFUSALS.missingParameters);
    if (request.method !== 'POST') return html(confirmPage({ parameters, username }));
    const outcome = await runOperation(deps, ctx, 'ConfirmSignUp', {
      ClientId: client.ClientId,
      Username: username,
      ConfirmationCode: request.form.get(CONFIRM.codeName) ?? '',
      ...secretHashFor(client, username),
    });
    if (outcome.error !== undefined) return html(confirmPage({ parameters, username, error: outcome.error }), 400);
    const stored = await storedUsername(deps, ctx, pool.Id!, username);
    return stored === undefined ? refused(PAGE_REFUSALS.missingParameters) : signedIn(request, pool.Id!, stored, parameters);
  });
}

/** /resendcode?username=…: ResendConfirmationCode, then the confirm page saying where the new code went. */
export function resendCodeHandler(deps: ManagedLoginDeps): PageHandler {
  return forClient(deps, async ({ client, parameters, ctx }, request) => {
    const username = request.query.get('username');
    if (!username) return refused(PAGE_REFUSALS.missingParameters);
    const outcome = await runOperation<ResendConfirmationCodeCommandOutput>(deps, ctx, 'ResendConfirmationCode', {
      ClientId: client.ClientId,
      Username: username,
      ...secretHashFor(client, username),
    });
    if (outcome.error !== undefined) return html(confirmPage({ parameters, username, error: outcome.error }), 400);
    return html(confirmPage({ parameters, username, delivery: outcome.output.CodeDeliveryDetails }));
  });
}

/** /forgotPassword: the username, for ForgotPassword; then the page that takes the code and the new password. */
export function forgotPasswordHandler(deps: ManagedLoginDeps): PageHandler {
  return forClient(deps, async ({ client, pool, parameters, ctx }, request) => {
    const usernameLabel = usernameLabelOf(usernameKindOf(pool));
    if (request.method !== 'POST') return html(forgotPasswordPage({ parameters, usernameLabel }));
    const username = request.form.get('username') ?? '';
    const outcome = await runOperation<ForgotPasswordCommandOutput>(deps, ctx, 'ForgotPassword', {
      ClientId: client.ClientId,
      Username: username,
      ...secretHashFor(client, username),
    });
    if (outcome.error !== undefined) return html(forgotPasswordPage({ parameters, usernameLabel, username, error: outcome.error }), 400);
    return html(confirmForgotPasswordPage({ parameters, username, delivery: outcome.output.CodeDeliveryDetails }));
  });
}

/** /confirmforgotPassword: the code and the new password (twice), for ConfirmForgotPassword; then back to /login. */
export function confirmForgotPasswordHandler(deps: ManagedLoginDeps): PageHandler {
  return forClient(deps, async ({ client, parameters, ctx }, request) => {
    const username = usernameOf(request);
    if (!username) return refused(PAGE_REFUSALS.missingParameters);
    if (request.method !== 'POST') return html(confirmForgotPasswordPage({ parameters, username }));
    const password = request.form.get(NEW_PASSWORD.passwordName) ?? '';
    if (password !== request.form.get(NEW_PASSWORD.confirmName)) {
      return html(confirmForgotPasswordPage({ parameters, username, error: PASSWORDS_DIFFER }), 400);
    }
    const outcome = await runOperation(deps, ctx, 'ConfirmForgotPassword', {
      ClientId: client.ClientId,
      Username: username,
      ConfirmationCode: request.form.get(NEW_PASSWORD.codeName) ?? '',
      Password: password,
      ...secretHashFor(client, username),
    });
    if (outcome.error !== undefined) return html(confirmForgotPasswordPage({ parameters, username, error: outcome.error }), 400);
    return { kind: 'redirect', location: pagePath(PAGE_PATHS.login, parameters) };
  });
}
