import type { CodeDeliveryDetailsType } from '@aws-sdk/client-cognito-identity-provider';
import { NEW_PASSWORD } from './classic-ids.ts';
import { sentTo } from './confirm-page.ts';
import { html, pagePath } from './html.ts';
import { errorMessage, hidden, layout } from './layout.ts';
import { PAGE_PATHS } from './page-paths.ts';

export interface ConfirmForgotPasswordPageOptions {
  readonly parameters: URLSearchParams;
  /** The username the reset code was sent for, as the user typed it. */
  readonly username: string;
  /** Where the code went (masked), when this page follows ForgotPassword. */
  readonly delivery?: CodeDeliveryDetailsType;
  readonly error?: string;
}

/**
 * /confirmforgotPassword: the reset code (the dev inbox has it) and the new password, twice.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/managed-login-endpoints.html
 */
export function confirmForgotPasswordPage({ parameters, username, delivery, error }: ConfirmForgotPasswordPageOptions): string {
  return layout({
    title: 'Reset Password',
    lang: parameters.get('lang'),
    body: html`<div class="modal-content">
<h1>Reset your password</h1>
${sentTo(delivery, 'Enter it below to reset your password.')}
${errorMessage(error)}
<form name="confirmForgotPasswordForm" action="${pagePath(PAGE_PATHS.confirmForgotPassword, parameters)}" method="post">
${hidden('username', username)}
<label class="label-customizable">Code
<input id="${NEW_PASSWORD.code}" name="${NEW_PASSWORD.codeName}" type="text" inputmode="numeric" autocomplete="one-time-code" class="form-control inputField-customizable" required aria-label="Code">
</label>
<label class="label-customizable">New Password
<input id="${NEW_PASSWORD.password}" name="${NEW_PASSWORD.passwordName}" type="password" class="form-control inputField-customizable" autocomplete="new-password" required aria-label="New Password">
</label>
<label class="label-customizable">Enter New Password Again
<input id="${NEW_PASSWORD.confirm}" name="${NEW_PASSWORD.confirmName}" type="password" class="form-control inputField-customizable" autocomplete="new-password" required aria-label="Enter New Password Again">
</label>
<button name="${NEW_PASSWORD.submit}" type="submit" class="btn btn-primary submitButton-customizable">Change Password</button>
</form>
</div>`,
  });
}
