import { MFA } from './classic-ids.ts';
import { html, pagePath } from './html.ts';
import { errorMessage, hidden, layout } from './layout.ts';
import { PAGE_PATHS } from './page-paths.ts';

export interface MfaPageOptions {
  readonly parameters: URLSearchParams;
  /** The sign-in's Session for RespondToAuthChallenge (SOFTWARE_TOKEN_MFA). */
  readonly session: string;
  readonly error?: string;
}

/** The SOFTWARE_TOKEN_MFA page: the code of the user's authenticator app. */
export function mfaPage({ parameters, session, error }: MfaPageOptions): string {
  return layout({
    title: 'Multi-factor authentication',
    lang: parameters.get('lang'),
    body: html`<div class="modal-content">
<h1>Multi-factor authentication</h1>
<p>Enter the code from your authenticator app.</p>
${errorMessage(error)}
<form name="mfaForm" action="${pagePath(PAGE_PATHS.mfa, parameters)}" method="post">
${hidden('session', session)}
<label class="label-customizable">Code
<input id="${MFA.code}" name="${MFA.codeName}" type="text" inputmode="numeric" autocomplete="one-time-code" class="form-control inputField-customizable" required aria-label="Code">
</label>
<button name="${MFA.submit}" type="submit" class="btn btn-primary submitButton-customizable">Sign in</button>
</form>
</div>`,
  });
}
