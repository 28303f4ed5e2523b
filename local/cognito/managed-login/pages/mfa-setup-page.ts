import { MFA } from './classic-ids.ts';
import { html, pagePath } from './html.ts';
import { errorMessage, hidden, layout } from './layout.ts';
import { PAGE_PATHS } from './page-paths.ts';

export interface MfaSetupPageOptions {
  readonly parameters: URLSearchParams;
  /** The sign-in's Session (MFA_SETUP), for AssociateSoftwareToken and VerifySoftwareToken. */
  readonly session: string;
  /** The TOTP secret AssociateSoftwareToken made, base32. */
  readonly secret: string;
  /** The `otpauth://totp/…` URI an authenticator app reads. Shown as text: a link may only be http(s). */
  readonly otpauthUri: string;
  readonly error?: string;
}

/**
 * The MFA_SETUP page: the user adds the pool's TOTP to an authenticator app (no QR code locally:
 * the secret and the otpauth URI as text) and proves it with a code.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa-totp.html
 */
export function mfaSetupPage({ parameters, session, secret, otpauthUri, error }: MfaSetupPageOptions): string {
  return layout({
    title: 'Set up multi-factor authentication',
    lang: parameters.get('lang'),
    body: html`<div class="modal-content">
<h1>Set up multi-factor authentication</h1>
<p>Add this key to your authenticator app, then enter the code it shows.</p>
<p><code id="totpSecret">${secret}</code></p>
<p><code id="otpauthUri">${otpauthUri}</code></p>
${errorMessage(error)}
<form name="mfaSetupForm" action="${pagePath(PAGE_PATHS.mfaSetup, parameters)}" method="post">
${hidden('session', session)}
<label class="label-customizable">Code
<input id="${MFA.code}" name="${MFA.codeName}" type="text" inputmode="numeric" autocomplete="one-time-code" class="form-control inputField-customizable" required aria-label="Code">
</label>
<label class="label-customizable">Device name (optional)
<input id="${MFA.deviceName}" name="${MFA.deviceName}" type="text" class="form-control inputField-customizable" aria-label="Device name">
</label>
<button name="${MFA.submit}" type="submit" class="btn btn-primary submitButton-customizable">Sign in</button>
</form>
</div>`,
  });
}
