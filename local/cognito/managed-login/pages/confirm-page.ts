import type { CodeDeliveryDetailsType } from '@aws-sdk/client-cognito-identity-provider';
import { CONFIRM } from './classic-ids.ts';
import { html, type Markup, pagePath } from './html.ts';
import { errorMessage, hidden, layout } from './layout.ts';
import { PAGE_PATHS } from './page-paths.ts';

export interface ConfirmPageOptions {
  readonly parameters: URLSearchParams;
  /** The username the code was sent for, as the user typed it. */
  readonly username: string;
  /** Where the code went (masked, as the operation answered), when this page follows a send. */
  readonly delivery?: CodeDeliveryDetailsType;
  readonly error?: string;
}

/**
 * /confirm: the code the pool sent at sign-up (the dev inbox has it), and a link that sends a new one.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/managed-login-endpoints.html
 */
export function confirmPage({ parameters, username, delivery, error }: ConfirmPageOptions): string {
  const resend = new URLSearchParams(parameters);
  resend.set('username', username);
  return layout({
    title: 'Confirm',
    lang: parameters.get('lang'),
    body: html`<div class="modal-content">
<h1>Confirm your account</h1>
${sentTo(delivery, 'Enter it below to confirm your account.')}
${errorMessage(error)}
<form name="confirmForm" action="${pagePath(PAGE_PATHS.confirm, parameters)}" method="post">
${hidden('username', username)}
<label class="label-customizable">Verification Code
<input id="${CONFIRM.code}" name="${CONFIRM.codeName}" type="text" inputmode="numeric" autocomplete="one-time-code" class="form-control inputField-customizable" required aria-label="Verification Code">
</label>
<button name="${CONFIRM.submit}" type="submit" class="btn btn-primary submitButton-customizable">Confirm Account</button>
</form>
<p class="redirect-customizable"><span>Didn't receive a code?</span> <a href="${pagePath(PAGE_PATHS.resendCode, resend)}">Send a new code</a></p>
</div>`,
  });
}

/** "We have sent a code by email to a***@e***." and what to do with it, or nothing when no code was just sent. */
export function sentTo(delivery: CodeDeliveryDetailsType | undefined, then: string): Markup {
  if (delivery?.Destination === undefined) return html``;
  const medium = delivery.DeliveryMedium === 'SMS' ? 'SMS' : 'email';
  return html`<p id="codeSentMessage">We have sent a code by ${medium} to ${delivery.Destination}. ${then}</p>`;
}
