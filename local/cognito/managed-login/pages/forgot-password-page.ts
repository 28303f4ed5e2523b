import { FORGOT_PASSWORD } from './classic-ids.ts';
import { html, pagePath } from './html.ts';
import { errorMessage, layout } from './layout.ts';
import { PAGE_PATHS } from './page-paths.ts';

export interface ForgotPasswordPageOptions {
  readonly parameters: URLSearchParams;
  /** What the username field asks for (username-kind.ts). */
  readonly usernameLabel: string;
  readonly username?: string;
  readonly error?: string;
}

/**
 * /forgotPassword: the username whose password to reset; the pool sends a code.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/managed-login-endpoints.html
 */
export function forgotPasswordPage({ parameters, usernameLabel, username, error }: ForgotPasswordPageOptions): string {
  return layout({
    title: 'Forgot Password',
    lang: parameters.get('lang'),
    body: html`<div class="modal-content">
<h1>Forgot your password?</h1>
<p>Enter your ${usernameLabel} below and we will send a message to reset your password</p>
${errorMessage(error)}
<form name="forgotPasswordForm" action="${pagePath(PAGE_PATHS.forgotPassword, parameters)}" method="post">
<label class="label-customizable">${usernameLabel}
<input id="${FORGOT_PASSWORD.username}" name="username" type="text" class="form-control inputField-customizable" autocapitalize="none" autocomplete="username" required aria-label="${usernameLabel}" value="${username ?? ''}">
</label>
<button name="${FORGOT_PASSWORD.submit}" type="submit" class="btn btn-primary submitButton-customizable">Reset my password</button>
</form>
</div>`,
  });
}
