import { NEW_PASSWORD, SIGN_UP } from './classic-ids.ts';
import { html, pagePath } from './html.ts';
import { errorMessage, hidden, layout } from './layout.ts';
import { PAGE_PATHS } from './page-paths.ts';

export interface NewPasswordPageOptions {
  readonly parameters: URLSearchParams;
  /** The sign-in's Session for RespondToAuthChallenge. */
  readonly session: string;
  /** The attributes the challenge asks for (its `requiredAttributes`, without the `userAttributes.` prefix). */
  readonly requiredAttributes: readonly string[];
  readonly error?: string;
}

/**
 * The NEW_PASSWORD_REQUIRED page: a user with a temporary password chooses their own, with the
 * attributes the pool requires and the user lacks.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RespondToAuthChallenge.html
 */
export function newPasswordPage({ parameters, session, requiredAttributes, error }: NewPasswordPageOptions): string {
  const attributes = requiredAttributes.map(
    (name) => html`<label class="label-customizable">${name}
<input name="${SIGN_UP.attribute(name)}" type="text" class="form-control inputField-customizable" required aria-label="${name}">
</label>`,
  );
  return layout({
    title: 'Change Password',
    lang: parameters.get('lang'),
    body: html`<div class="modal-content">
<h1>Change Password</h1>
<p>Please enter a new password.</p>
${errorMessage(error)}
<form name="newPasswordForm" action="${pagePath(PAGE_PATHS.newPassword, parameters)}" method="post">
${hidden('session', session)}
<label class="label-customizable">New Password
<input id="${NEW_PASSWORD.password}" name="${NEW_PASSWORD.passwordName}" type="password" class="form-control inputField-customizable" autocomplete="new-password" required aria-label="New Password">
</label>
<label class="label-customizable">Enter New Password Again
<input id="${NEW_PASSWORD.confirm}" name="${NEW_PASSWORD.confirmName}" type="password" class="form-control inputField-customizable" autocomplete="new-password" required aria-label="Enter New Password Again">
</label>
${attributes}
<button name="${NEW_PASSWORD.submit}" type="submit" class="btn btn-primary submitButton-customizable">Send</button>
</form>
</div>`,
  });
}
