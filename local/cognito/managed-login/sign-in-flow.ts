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
import type { LoginSessions } from './login-sessions.ts';
import type { PageHandler, PageRequest, PageResult, SignedIn } from './page-types.ts';

/** The HTML of the sign-in pages (pages/): each value they show is escaped there. */
export interface SignInPages {
  login(page: {
    readonly parameters: URLSearchParams;
    readonly clientName: string;
    readonly error?: string;
    readonly username?: string;
    readonly allowSignUp: boolean;
    readonly identityProviders: readonly { readonly name: string; readonly type: string }[];
    readonly usernameLabel: string;
  }): string;
  newPassword(page: {
    readonly parameters: URLSearchParams;
    readonly session: string;
    readonly username: string;
    readonly requiredAttributes: readonly string[];
    readonly error?: string;
  }): string;
  mfa(page: {
    readonly parameters: URLSearchParams;
    readonly session: string;
    readonly username: string;
    readonly challengeName: string;
    readonly error?: string;
  }): string;
  mfaSetup(page: {
    readonly parameters: URLSearchParams;
    readonly session: string;
    readonly username: string;
    readonly secret: string;
    readonly otpauthUri: string;
    readonly error?: string;
  }): string;
  error(page: { readonly status: number; readonly message: string }): string;
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

/** The challenges the sign-in pages answer; the form says which, with the Session of the sign-in. */
const CHALLENGE_FIELD = 'challenge_name';
const SESSION_FIELD = 'session';

/**
 * The managed login's sign-in: `/oauth2/authorize`, `/login` with its challenge steps, `/logout`
 * and `/error`, and {@link SignedIn}, how every sign-in ends (this page's, a confirmed sign-up's,
 * a federated one's): the session cookie, then the code or tokens for the app.
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
    return { kind: 'redirect', location: `/login?${page.query}` };
  };

  const login: PageHandler = async (page) => {
    const ctx = deps.context();
    const read = await readAuthorizeRequest(deps, ctx, page.query);
    if ('refused' in read) return read.refused;
    const { request } = read;
    if (page.method === 'GET') {
      const signedInAs = await sessionUser(ctx, page, request);
      if (signedInAs) return { kind: 'redirect', location: await grant(ctx, request, signedInAs.user, signedInAs.authTime) };
      return loginPage(request, { username: request.loginHint });
    }
    const username = page.form.get('username') ?? '';
    const challenge = page.form.get(CHALLENGE_FIELD);
    try {
      const step = challenge
        ? await answerChallenge(ctx, request, page.form, challenge, username)
        : await deps.hostedSignIn.password(ctx, request.pool, request.client, username, page.form.get('password') ?? '');
      return await next(ctx, page, request, step, username);
    } catch (error) {
      if (!(error instanceof CognitoError)) throw error;
      return challenge
        ? challengePage(request, page.form, challenge, username, error.message)
        : loginPage(request, { username, error: error.message });
    }
  };

  async function answerChallenge(ctx: Context, request: AuthorizeRequest, form: URLSearchParams, challenge: string, username: string) {
    const session = form.get(SESSION_FIELD) ?? '';
    const clientId = request.client.ClientId;
    if (challenge === 'NEW_PASSWORD_REQUIRED') {
      const responses: Record<string, string> = { USERNAME: username, NEW_PASSWORD: form.get('password') ?? '' };
      for (const [name, value] of form) if (name.startsWith('userAttributes.') && value !== '') responses[name] = value;
      return deps.hostedSignIn.answer(ctx, clientId, challenge, session, responses);
    }
    if (challenge === 'MFA_SETUP') {
      const verified = await deps.hostedSignIn.verifySoftwareToken(ctx, session, form.get('code') ?? '');
      return deps.hostedSignIn.answer(ctx, clientId, challenge, verified, { USERNAME: username });
    }
    const codeName = challenge === 'SMS_MFA' ? 'SMS_MFA_CODE' : 'SOFTWARE_TOKEN_MFA_CODE';
    return deps.hostedSignIn.answer(ctx, clientId, challenge, session, { USERNAME: username, [codeName]: form.get('code') ?? '' });
  }

  /** After a step: signed in, or the page of the next challenge. */
  async function next(ctx: Context, page: PageRequest, request: AuthorizeRequest, step: HostedStep, username: string): Promise<PageResult> {
    if (step.kind === 'signed-in') return signedIn(page, request.pool.options.Id, step.username, request.parameters);
    if (step.name === 'SELECT_MFA_TYPE') {
      // The managed login offers the authenticator app when the user has one ([U]: README).
      const mfa = await deps.hostedSignIn.answer(ctx, request.client.ClientId, step.name, step.session, {
        USERNAME: username,
        ANSWER: 'SOFTWARE_TOKEN_MFA',
      });
      return next(ctx, page, request, mfa, username);
    }
    if (step.name === 'MFA_SETUP') {
      const { secret, session } = await deps.hostedSignIn.associateSoftwareToken(ctx, step.session);
      const form = new URLSearchParams({ [SESSION_FIELD]: session });
      return { kind: 'html', status: 200, html: mfaSetupHtml(request, form, username, secret) };
    }
    const form = new URLSearchParams({ [SESSION_FIELD]: step.session });
    return challengePage(request, form, step.name, username);
  }

  function mfaSetupHtml(request: AuthorizeRequest, form: URLSearchParams, username: string, secret: string, error?: string): string {
    const issuer = request.pool.options.Name ?? request.pool.options.Id;
    const otpauthUri = `otpauth://totp/${encodeURIComponent(`${issuer}:${username}`)}?${new URLSearchParams({ secret, issuer })}`;
    return deps.pages.mfaSetup({
      parameters: request.parameters,
      session: form.get(SESSION_FIELD) ?? '',
      username,
      secret,
      otpauthUri,
      ...(error !== undefined && { error }),
    });
  }

  function challengePage(
    request: AuthorizeRequest,
    form: URLSearchParams,
    challenge: string,
    username: string,
    error?: string,
  ): PageResult {
    const session = form.get(SESSION_FIELD) ?? '';
    const shown = error !== undefined ? { error } : {};
    if (challenge === 'NEW_PASSWORD_REQUIRED') {
      const requiredAttributes = requiredAttributesOf(request);
      return {
        kind: 'html',
        status: 200,
        html: deps.pages.newPassword({ parameters: request.parameters, session, username, requiredAttributes, ...shown }),
      };
    }
    if (challenge === 'MFA_SETUP') {
      // A failed code used up the Session: the sign-in starts over.
      return loginPage(request, { username, ...shown });
    }
    return {
      kind: 'html',
      status: 200,
      html: deps.pages.mfa({ parameters: request.parameters, session, username, challengeName: challenge, ...shown }),
    };
  }

  function loginPage(request: AuthorizeRequest, shown: { readonly username?: string; readonly error?: string }): PageResult {
    const { pool, client } = request;
    const html = deps.pages.login({
      parameters: request.parameters,
      clientName: client.ClientName ?? '',
      ...(shown.username !== undefined && { username: shown.username }),
      ...(shown.error !== undefined && { error: shown.error }),
      allowSignUp: pool.options.AdminCreateUserConfig?.AllowAdminCreateUserOnly !== true,
      identityProviders: (client.SupportedIdentityProviders ?? [])
        .filter((name) => name !== 'COGNITO')
        .map((name) => ({ name, type: name })),
      usernameLabel: usernameLabel(request),
    });
    return { kind: 'html', status: shown.error === undefined ? 200 : 400, html };
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
      return { kind: 'redirect', location: logoutUri, cookies: [] };
    }
    // Signed out, then to the sign-in page with authorize's parameters (its checks included).
    const read = await readAuthorizeRequest(deps, ctx, page.query);
    if ('refused' in read) return read.refused;
    deps.sessions.end(page.cookies, read.request.pool.options.Id);
    return { kind: 'redirect', location: `/login?${page.query}` };
  };

  const error: PageHandler = async (page) => {
    const description = page.query.get('error_description');
    const message = `An error was encountered with the requested page.${description ? ` ${description}` : ''}`;
    return { kind: 'html', status: 400, html: deps.pages.error({ status: 400, message }) };
  };

  return { authorize, login, logout, error, signedIn };
}

/** What the form asks for: the attribute the pool signs in by, or a user name. */
function usernameLabel({ pool }: AuthorizeRequest): string {
  const by = pool.options.UsernameAttributes ?? [];
  if (by.includes('email') && by.includes('phone_number')) return 'Email or phone number';
  if (by.includes('email')) return 'Email';
  if (by.includes('phone_number')) return 'Phone number';
  return 'Username';
}

function requiredAttributesOf({ pool }: AuthorizeRequest): string[] {
  return (pool.options.SchemaAttributes ?? []).filter(({ Name, Required }) => Required && Name && Name !== 'sub').map(({ Name }) => Name!);
}
