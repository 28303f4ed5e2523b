import { LOGIN } from './classic-ids.ts';
import { html, type Markup, pagePath } from './html.ts';
import { errorMessage, layout } from './layout.ts';
import { PAGE_PATHS } from './page-paths.ts';

/** An identity provider of the pool the client supports, as the login page offers it. */
export interface PageIdentityProvider {
  /** Its ProviderName (`Google`, `MyCorporateIdP`). */
  readonly name: string;
  /** Its ProviderType (`Google`, `Facebook`, `LoginWithAmazon`, `SignInWithApple`, `OIDC`, `SAML`). */
  readonly type: string;
}

export interface LoginPageOptions {
  /** The authorize parameters the page carries on (page-types.ts `authorizeParameters`). */
  readonly parameters: URLSearchParams;
  /** The app client's ClientName. */
  readonly clientName: string;
  /** Cognito's answer to the last attempt, shown above the form. */
  readonly error?: string;
  /** The username to fill in again (the last attempt's, or `login_hint`). */
  readonly username?: string;
  /** Whether the pool lets users sign themselves up (AdminCreateUserConfig.AllowAdminCreateUserOnly is not set). */
  readonly allowSignUp: boolean;
  /** The identity providers the client supports besides COGNITO, in the order to show them. */
  readonly identityProviders: readonly PageIdentityProvider[];
  /** What the username field asks for: `Username`, `Email`, `Phone number`. */
  readonly usernameLabel: string;
  /**
   * Whether the client signs in the pool's own users (COGNITO among its SupportedIdentityProviders);
   * true unless given. Without it the page offers the identity providers only, and no sign-up.
   */
  readonly localSignIn?: boolean;
}

/** The social providers' buttons, in the classic hosted UI's words. */
const SOCIAL_LABELS: Readonly<Record<string, string>> = {
  Google: 'Continue with Google',
  Facebook: 'Continue with Facebook',
  LoginWithAmazon: 'Continue with Amazon',
  SignInWithApple: 'Continue with Apple',
};

/**
 * /login: the classic hosted UI's sign-in form, twice (one copy for small screens, one for large,
 * as AWS's page has it), a link to each identity provider through /oauth2/authorize, and the
 * forgot-password and sign-up links.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/login-endpoint.html
 */
export function loginPage(options: LoginPageOptions): string {
  const copy = (visibility: string) => html`<div class="modal-content ${visibility}">
${signInCopy(options)}
</div>`;
  return layout({
    title: 'Signin',
    lang: options.parameters.get('lang'),
    body: html`${copy('visible-xs visible-sm')}
${copy('visible-md visible-lg')}`,
  });
}

function signInCopy(options: LoginPageOptions): Markup {
  const { parameters, clientName, identityProviders, localSignIn = true } = options;
  return html`<h1 class="textDescription-customizable">${clientName}</h1>
${providerLinks(parameters, identityProviders, localSignIn)}
${localSignIn ? passwordForm(options) : html``}`;
}

function passwordForm({ parameters, error, username, allowSignUp, usernameLabel }: LoginPageOptions): Markup {
  return html`<h2>Sign in with your ${usernameLabel.toLowerCase()} and password</h2>
${errorMessage(error, LOGIN.error)}
<form name="${LOGIN.form}" action="${pagePath(PAGE_PATHS.login, parameters)}" method="post">
<label class="label-customizable">${usernameLabel}
<input id="${LOGIN.username}" name="username" type="text" class="form-control inputField-customizable" placeholder="${usernameLabel}" autocapitalize="none" autocomplete="username" required aria-label="${usernameLabel}" value="${username ?? ''}">
</label>
<label class="label-customizable">Password
<input id="${LOGIN.password}" name="password" type="password" class="form-control inputField-customizable" placeholder="Password" autocomplete="current-password" required aria-label="Password">
</label>
<a class="redirect-customizable" href="${pagePath(PAGE_PATHS.forgotPassword, parameters)}">Forgot your password?</a>
<input name="${LOGIN.submit}" type="submit" value="Sign in" class="btn btn-primary submitButton-customizable" aria-label="submit">
</form>
${allowSignUp ? html`<p class="redirect-customizable"><span>Need an account?</span> <a href="${pagePath(PAGE_PATHS.signUp, parameters)}">Sign up</a></p>` : html``}`;
}

function providerLinks(parameters: URLSearchParams, providers: readonly PageIdentityProvider[], localSignIn: boolean): Markup {
  if (providers.length === 0) return html``;
  const links = providers.map(({ name, type }) => {
    const next = new URLSearchParams(parameters);
    next.set('identity_provider', name);
    next.delete('idp_identifier');
    return html`<a class="btn socialButton-customizable" href="${pagePath('/oauth2/authorize', next)}">${SOCIAL_LABELS[type] ?? name}</a>`;
  });
  return html`<div class="idp-buttons">${links}</div>
${localSignIn ? html`<p class="textDescription-customizable">or</p>` : html``}`;
}
