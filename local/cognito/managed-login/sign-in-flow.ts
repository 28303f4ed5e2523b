import { CognitoError, type Context, type User } from '../cognito-local.ts';
import type { AuthorizationCodes } from './authorization-codes.ts';
import {
  type AuthorizeDeps,
  type AuthorizeRequest,
  errorPage,
  errorRedirect,
  readAuthorizeRequest,
  withFragment,
  withQuery,
} from './authorize-request.ts';
import type { HostedSignIn, HostedStep } from './hosted-sign-in.ts';
import { loginPageOptionsOf } from './login-page-options.ts';
import type { LoginSessions } from './login-sessions.ts';
import type { PageHandler, PageRequest, PageResult, SignedIn } from './page-types.ts';
import type { ErrorPageOptions } from './pages/error-page.ts';
import type { LoginPageOptions } from './pages/login-page.ts';
import type { MfaPageOptions } from './pages/mfa-page.ts';
import type { MfaSetupPageOptions } from './pages/mfa-setup-page.ts';
import type { NewPasswordPageOptions } from './pages/new-password-page.ts';
import { challengeRequiredAttributes, readLoginForm, readMfaForm, readNewPasswordForm } from './pages/page-forms.ts';
import { PAGE_PATHS } from './pages/page-paths.ts';

/** The HTML of the sign-in pages (pages/), each value escaped there. */
export interface SignInPages {
  login(page: LoginPageOptions): string;
  newPassword(page: NewPasswordPageOptions): string;
  mfa(page: MfaPageOptions): string;
  mfaSetup(page: MfaSetupPageOptions): string;
  error(page: ErrorPageOptions): string;
}

/** The implicit grant's tokens, as the redirect's fragment carries them (`id_token`, `access_token`, `token_type`, `expires_in`). */
export type ImplicitTokens = (ctx: Context, request: AuthorizeRequest, user: User, authTime: number) => Promise<Record<string, string>>;

/** What a federated sign-in answers when authorize names an identity provider (federation/). */
export type StartFederation = (ctx: Context, request: AuthorizeRequest) => Promise<PageResult>;

export interface SignInFlowDeps extends AuthorizeDeps {
  readonly sessions: LoginSessions;
  readonly codes: AuthorizationCodes;
  readonly hostedSignIn: HostedSignIn;
  readonly pages: SignInPages;
  readonly implicitTokens: ImplicitTokens;
  readonly startFederation?: StartFederation;
  /** A context for the operations one page request runs. */
  readonly context: () => Context;
}

/**
 * The managed login's sign-in: `/oauth2/authorize`, `/login` and its further steps (a new
 * password, an MFA code, MFA setup), `/logout` and `/error`, and {@link SignedIn}, how every
 * sign-in ends (this page's, a confirmed sign-up's, a federated one's): the session cookie, then
 * the code or tokens for the app. Each step's form carries the authorize parameters in its query
 * and the sign-in's Session in a field; a failed step (a wrong code, a password the policy refuses)
 * uses its Session up, as the API's does, so the page starts the sign-in over with the error.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/authorization-endpoint.html
 * https://docs.aws.amazon.com/cognito/latest/developerguide/login-endpoint.html
 * https://docs.aws.amazon.com/cognito/latest/developerguide/logout-endpoint.html
 */
export function signInFlow(deps: SignInFlowDeps) {
  /** The code or tokens for `request`'s app, for `user` signed in at `authTime`. */
  async function grant(ctx: Context, request: AuthorizeRequest, user: User, authTime: number): Promise<string> {
    if (request.responseType === 'token') {
      const tokens = await deps.implicitTokens(ctx, request, user, authTime);
      return withFragment(request.redirectUri, { ...tokens, ...(request.state !== undefined && { state: request.state }) });
    }
    const code = deps.codes.issue({
      userPoolId: request.pool.options.Id,
      clientId: request.client.ClientId,
      redirectUri: request.redirectUri,
      username: user.Username,
      scopes: request.scopes,
      authTime,
      ...(request.nonce !== undefined && { nonce: request.nonce }),
      ...(request.codeChallenge !== undefined && {
        codeChallenge: request.codeChallenge,
        codeChallengeMethod: request.codeChallengeMethod,
      }),
    });
    return withQuery(request.redirectUri, { code, ...(request.state !== undefined && { state: request.state }) });
  }

  /** The user the browser's session is signed in as, when it may skip the form (not with prompt=login). */
  async function sessionUser(ctx: Context, page: PageRequest, request: AuthorizeRequest) {
    if (request.prompts.has('login') || request.prompts.has('select_account')) return undefined;
    const session = deps.sessions.find(page.cookies, request.pool.options.Id);
    const user = session && (await request.pool.getUserByUsername(ctx, session.username));
    return user && user.Enabled !== false ? { user, authTime: session!.authTime } : undefined;
  }

  const signedIn: SignedIn = async (page, userPoolId, username, parameters) => {
    const ctx = deps.context();
    const read = await readAuthorizeRequest(deps, ctx, parameters);
    if ('refused' in read) return read.refused;
    if (read.request.pool.options.Id !== userPoolId) return errorPage('invalid_request', 'The sign-in is of another user pool.');
    const user = await read.request.pool.getUserByUsername(ctx, username);
    if (!user) return errorPage('invalid_request', 'The user no longer exists.');
    const cookie = deps.sessions.open(page.cookies, userPoolId, user.Username);
    const authTime = deps.sessions.find({ [cookie.name]: cookie.value }, userPoolId)!.authTime;
    return { kind: 'redirect', location: await grant(ctx, read.request, user, authTime), cookies: [cookie] };
  };

  const authorize: PageHandler = async (page) => {
    if (page.method !== 'GET') return { kind: 'json', status: 405, body: { error: 'invalid_request', error_description: 'GET only.' } };
    const ctx = deps.context();
    const read = await readAuthorizeRequest(deps, ctx, page.query);
    if ('refused' in read) return read.refused;
    const { request } = read;
    if (request.identityProvider !== undefined) {
      if (!deps.startFederation)
        return errorRedirect(request.redirectUri, 'invalid_request', 'Federated sign-in is not served locally.', request.state);
      return deps.startFederation(ctx, request);
    }
    const signedInAs = await sessionUser(ctx, page, request);
    if (signedInAs) return { kind: 'redirect', location: await grant(ctx, request, signedInAs.user, signedInAs.authTime) };
    // OpenID Connect's prompt=none: no page may be shown.
    if (request.prompts.has('none')) return errorRedirect(request.redirectUri, 'login_required', undefined, request.state);
    return { kind: 'redirect', location: `${PAGE_PATHS.login}?${page.query}` };
  };

  /** A step of /login's flow: the authorize request checked again (each page carries it), then `run`. */
  function step(run: (ctx: Context, page: PageRequest, request: AuthorizeRequest) => Promise<PageResult>): PageHandler {
    return async (page) => {
      const ctx = deps.context();
      const read = await readAuthorizeRequest(deps, ctx, page.query);
      if ('refused' in read) return read.refused;
      return run(ctx, page, read.request);
    };
  }

  /** After a step, signed in or the page of the next; a refused step starts the sign-in over, showing Cognito's message. */
  async function after(ctx: Context, page: PageRequest, request: AuthorizeRequest, run: () => Promise<HostedStep>, username?: string) {
    try {
      return await next(ctx, page, request, await run());
    } catch (error) {
      if (!(error instanceof CognitoError)) throw error;
      return loginPage(request, { error: error.message, ...(username !== undefined && { username }) });
    }
  }

  const login = step(async (ctx, page, request) => {
    if (page.method !== 'POST') {
      const signedInAs = await sessionUser(ctx, page, request);
      if (signedInAs) return { kind: 'redirect', location: await grant(ctx, request, signedInAs.user, signedInAs.authTime) };
      return loginPage(request, {});
    }
    const { username, password } = readLoginForm(page.form);
    // A client that does not support COGNITO has no password form (its page shows only its identity providers).
    if (!(request.client.SupportedIdentityProviders ?? []).includes('COGNITO')) {
      return loginPage(request, { error: 'The app client does not let users sign in with a password.' });
    }
    return after(ctx, page, request, () => deps.hostedSignIn.password(ctx, request.pool, request.client, username, password), username);
  });

  const newPassword = step(async (ctx, page, request) => {
    if (page.method !== 'POST') return { kind: 'redirect', location: `${PAGE_PATHS.login}?${request.parameters}` };
    const form = readNewPasswordForm(page.form);
    if (form.password !== form.confirmPassword) {
      return html(deps.pages.newPassword({ ...newPasswordOptions(request, form.session), error: 'Passwords do not match' }), 400);
    }
    const responses: Record<string, string> = { NEW_PASSWORD: form.password };
    for (const [name, value] of Object.entries(form.attributes)) if (value !== '') responses[`userAttributes.${name}`] = value;
    return after(ctx, page, request, () => deps.hostedSignIn.answer(ctx, request.client.ClientId, form.session, responses));
  });

  const mfa = step(async (ctx, page, request) => {
    if (page.method !== 'POST') return { kind: 'redirect', location: `${PAGE_PATHS.login}?${request.parameters}` };
    const { session, code } = readMfaForm(page.form);
    // The page is the same for a texted code and an authenticator's: the Session says which it answers.
    const responses = { SMS_MFA_CODE: code, SOFTWARE_TOKEN_MFA_CODE: code };
    return after(ctx, page, request, () => deps.hostedSignIn.answer(ctx, request.client.ClientId, session, responses));
  });

  const mfaSetup = step(async (ctx, page, request) => {
    if (page.method !== 'POST') return { kind: 'redirect', location: `${PAGE_PATHS.login}?${request.parameters}` };
    const { session, code } = readMfaForm(page.form);
    return after(ctx, page, request, async () => {
      const verified = await deps.hostedSignIn.verifySoftwareToken(ctx, session, code);
      return deps.hostedSignIn.answer(ctx, request.client.ClientId, verified, {});
    });
  });

  /** After a step: signed in, or the page of the next challenge. */
  async function next(ctx: Context, page: PageRequest, request: AuthorizeRequest, step: HostedStep): Promise<PageResult> {
    if (step.kind === 'signed-in') return signedIn(page, request.pool.options.Id, step.username, request.parameters);
    if (step.name === 'SELECT_MFA_TYPE') {
      // The managed login offers the authenticator app when the user has both ([U]: README).
      return next(
        ctx,
        page,
        request,
        await deps.hostedSignIn.answer(ctx, request.client.ClientId, step.session, { ANSWER: 'SOFTWARE_TOKEN_MFA' }),
      );
    }
    if (step.name === 'NEW_PASSWORD_REQUIRED') {
      const requiredAttributes = challengeRequiredAttributes(step.parameters.requiredAttributes);
      return html(deps.pages.newPassword({ ...newPasswordOptions(request, step.session), requiredAttributes }));
    }
    if (step.name === 'MFA_SETUP') {
      const { secret, session } = await deps.hostedSignIn.associateSoftwareToken(ctx, step.session);
      const issuer = request.pool.options.Name ?? request.pool.options.Id;
      const label = encodeURIComponent(`${issuer}:${step.parameters.USER_ID_FOR_SRP ?? ''}`);
      const otpauthUri = `otpauth://totp/${label}?${new URLSearchParams({ secret, issuer })}`;
      return html(deps.pages.mfaSetup({ parameters: request.parameters, session, secret, otpauthUri }));
    }
    if (step.name === 'SOFTWARE_TOKEN_MFA' || step.name === 'SMS_MFA')
      return html(deps.pages.mfa({ parameters: request.parameters, session: step.session }));
    throw new Error(`The managed login has no page for the challenge ${step.name}.`);
  }

  function newPasswordOptions(request: AuthorizeRequest, session: string): NewPasswordPageOptions {
    return { parameters: request.parameters, session, requiredAttributes: [] };
  }

  function loginPage(request: AuthorizeRequest, last: { readonly username?: string; readonly error?: string }): PageResult {
    const options = loginPageOptionsOf(request.client, request.pool.options, request.settings, request.parameters, last);
    return html(deps.pages.login(options), last.error === undefined ? 200 : 400);
  }

  const logout: PageHandler = async (page) => {
    const ctx = deps.context();
    const clientId = page.query.get('client_id') ?? '';
    const logoutUri = page.query.get('logout_uri');
    if (logoutUri !== null) {
      const client = clientId ? await deps.cognito.getAppClient(ctx, clientId) : null;
      if (!client) return errorPage('invalid_request', clientId ? `The app client ${clientId} does not exist.` : 'client_id is missing.');
      if (!(client.LogoutURLs ?? []).includes(logoutUri)) return errorPage('redirect_mismatch', undefined, clientId);
      deps.sessions.end(page.cookies, client.UserPoolId);
      return { kind: 'redirect', location: logoutUri };
    }
    // Signed out, then to the sign-in page with authorize's parameters (its checks included).
    const read = await readAuthorizeRequest(deps, ctx, page.query);
    if ('refused' in read) return read.refused;
    deps.sessions.end(page.cookies, read.request.pool.options.Id);
    return { kind: 'redirect', location: `${PAGE_PATHS.login}?${page.query}` };
  };

  const error: PageHandler = async (page) => {
    const description = page.query.get('error_description');
    const message = `An error was encountered with the requested page.${description ? ` ${description}` : ''}`;
    return html(deps.pages.error({ status: 400, message }), 400);
  };

  return {
    routes: {
      '/oauth2/authorize': authorize,
      [PAGE_PATHS.login]: login,
      [PAGE_PATHS.newPassword]: newPassword,
      [PAGE_PATHS.mfa]: mfa,
      [PAGE_PATHS.mfaSetup]: mfaSetup,
      '/logout': logout,
      '/error': error,
    } satisfies Record<string, PageHandler>,
    signedIn,
  };
}

function html(text: string, status = 200): PageResult {
  return { kind: 'html', status, html: text };
}
