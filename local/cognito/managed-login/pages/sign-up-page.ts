import { SIGN_UP } from './classic-ids.ts';
import { html, pagePath } from './html.ts';
import { errorMessage, layout } from './layout.ts';
import { PAGE_PATHS } from './page-paths.ts';
import { type UsernameKind, usernameInputType, usernameLabelOf } from './username-kind.ts';

export interface SignUpPageOptions {
  readonly parameters: URLSearchParams;
  /** What the pool signs users up with. */
  readonly usernameKind: UsernameKind;
  /** The pool's required attributes the form asks for (without `sub`, nor the one the username already is). */
  readonly requiredAttributes: readonly string[];
  readonly error?: string;
  /** The last attempt's values, filled in again (never the password). */
  readonly values?: Readonly<Record<string, string>>;
}

/**
 * /signup: a new user of the pool, with its required attributes.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/managed-login-endpoints.html
 */
export function signUpPage({ parameters, usernameKind, requiredAttributes, error, values = {} }: SignUpPageOptions): string {
  const label = usernameLabelOf(usernameKind);
  const attributes = requiredAttributes.map((name) => {
    const field = SIGN_UP.attribute(name);
    return html`<label class="label-customizable">${name}
<input id="${name}" name="${field}" type="text" class="form-control inputField-customizable" required aria-label="${name}" value="${values[field] ?? ''}">
</label>`;
  });
  return layout({
    title: 'Signup',
    lang: parameters.get('lang'),
    body: html`<div class="modal-content">
<h1>Sign up with a new account</h1>
${errorMessage(error)}
<form name="signupform" action="${pagePath(PAGE_PATHS.signUp, parameters)}" method="post">
<label class="label-customizable">${label}
<input id="username" name="${SIGN_UP.username}" type="${usernameInputType(usernameKind)}" class="form-control inputField-customizable" autocapitalize="none" autocomplete="username" required aria-label="${label}" value="${values[SIGN_UP.username] ?? ''}">
</label>
${attributes}
<label class="label-customizable">Password
<input id="password" name="${SIGN_UP.password}" type="password" class="form-control inputField-customizable" autocomplete="new-password" required aria-label="Password">
</label>
<button name="${SIGN_UP.submit}" type="submit" class="btn btn-primary submitButton-customizable">Sign up</button>
</form>
<p class="redirect-customizable"><span>Already have an account?</span> <a href="${pagePath(PAGE_PATHS.login, parameters)}">Sign in</a></p>
</div>`,
  });
}
