import { describe, expect, it } from 'vitest';
import { totpCode, type User } from '../cognito-local.ts';
import { signInDeps } from '../operations/sign-in-deps.ts';
import { appClient, ctx, fakeCognito, poolUser } from '../testing/fake-cognito.ts';
import { AuthorizationCodes } from './authorization-codes.ts';
import { HostedSignIn } from './hosted-sign-in.ts';
import { LoginSessions } from './login-sessions.ts';
import type { PageRequest, PageResult } from './page-types.ts';
import { MFA, NEW_PASSWORD } from './pages/classic-ids.ts';
import { type SignInPages, signInFlow } from './sign-in-flow.ts';
import { NO_TRIGGERS } from '../testing/sign-in-router.ts';

// The managed login's authorize, sign-in and sign-out, as Cognito documents them:
// https://docs.aws.amazon.com/cognito/latest/developerguide/authorization-endpoint.html
// https://docs.aws.amazon.com/cognito/latest/developerguide/login-endpoint.html
// https://docs.aws.amazon.com/cognito/latest/developerguide/logout-endpoint.html

const POOL_ID = 'eu-west-1_Managed1';
const CALLBACK = 'https://app.example.com/callback';
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const PASSWORD = 'Correct-Horse-1';

const web = appClient('web', {
  UserPoolId: POOL_ID,
  ClientName: 'Web <app>',
  AllowedOAuthFlowsUserPoolClient: true,
  AllowedOAuthFlows: ['code', 'implicit'],
  AllowedOAuthScopes: ['openid', 'email', 'profile', 'aws.cognito.signin.user.admin'],
  CallbackURLs: [CALLBACK, 'https://app.example.com/other?tab=1'],
  LogoutURLs: ['https://app.example.com/signed-out'],
  SupportedIdentityProviders: ['COGNITO'],
});
const codeOnly = appClient('code-only', { ...web, ClientId: 'code-only', AllowedOAuthFlows: ['code'] });
const noOAuth = appClient('no-oauth', { ...web, ClientId: 'no-oauth', AllowedOAuthFlowsUserPoolClient: false });

/** Pages that show what they were given, as JSON, so that a test reads what the flow passed them. */
const pages: SignInPages = {
  login: (page) => JSON.stringify({ page: 'login', ...page, parameters: page.parameters.toString() }),
  newPassword: (page) => JSON.stringify({ page: 'newPassword', ...page, parameters: page.parameters.toString() }),
  mfa: (page) => JSON.stringify({ page: 'mfa', ...page, parameters: page.parameters.toString() }),
  mfaSetup: (page) => JSON.stringify({ page: 'mfaSetup', ...page, parameters: page.parameters.toString() }),
  error: (page) => JSON.stringify({ page: 'error', ...page }),
};

function setUp(users: User[], pool: Record<string, unknown> = {}, domain: string | null = 'my-app') {
  const cognito = fakeCognito({ users, pool: { Id: POOL_ID, Name: 'Managed', ...pool }, clients: [web, codeOnly, noOAuth] });
  const codes = new AuthorizationCodes(cognito.services.clock);
  const sessions = new LoginSessions(cognito.services.clock);
  const deps = signInDeps(cognito.services, NO_TRIGGERS);
  const flow = signInFlow({
    cognito: cognito.services.cognito,
    configs: { settingsOf: async () => ({ domain: domain ?? undefined, resourceServers: [], identityProviders: [] }) },
    sessions,
    codes,
    hostedSignIn: new HostedSignIn(deps),
    pages,
    implicitTokens: async (_ctx, request, user, authTime) => ({
      access_token: `access:${user.Username}:${request.scopes.join(',')}:${authTime}`,
      token_type: 'Bearer',
      expires_in: '3600',
    }),
    context: () => ctx,
  });
  const call = (request: PageRequest) => flow.routes[request.path as keyof typeof flow.routes](request);
  return { ...cognito, codes, sessions, call };
}

function get(path: string, query: Record<string, string>, cookies: Record<string, string> = {}): PageRequest {
  return { method: 'GET', path, query: new URLSearchParams(query), form: new URLSearchParams(), headers: {}, cookies };
}

function post(path: string, query: URLSearchParams | Record<string, string>, form: Record<string, string>, cookies = {}): PageRequest {
  return { method: 'POST', path, query: new URLSearchParams(query), form: new URLSearchParams(form), headers: {}, cookies };
}

const authorizeQuery = (extra: Record<string, string> = {}) => ({
  client_id: 'web',
  response_type: 'code',
  redirect_uri: CALLBACK,
  state: 'st&te=<1>',
  scope: 'openid email',
  ...extra,
});

function location(result: PageResult): URL {
  if (result.kind !== 'redirect') throw new Error(`expected a redirect, got ${JSON.stringify(result)}`);
  return new URL(result.location, 'https://auth.local');
}

function shown(result: PageResult): Record<string, unknown> {
  if (result.kind !== 'html') throw new Error(`expected a page, got ${JSON.stringify(result)}`);
  return JSON.parse(result.html);
}

const ada = () => poolUser('ada', 'ada@example.com', 'CONFIRMED', { Password: PASSWORD });

describe('/oauth2/authorize refuses what it cannot redirect with its error page', () => {
  it.each([
    ['an unknown client', { client_id: 'nobody' }, 'invalid_request'],
    ['a redirect_uri that is not a callback URL', { redirect_uri: 'https://evil.example.com/' }, 'redirect_mismatch'],
    ['a callback URL that differs by a trailing slash', { redirect_uri: `${CALLBACK}/` }, 'redirect_mismatch'],
    ['no redirect_uri', { redirect_uri: '' }, 'redirect_mismatch'],
  ])('%s', async (_case, query, error) => {
    const answer = await setUp([]).call(get('/oauth2/authorize', authorizeQuery(query)));
    expect(location(answer).pathname).toBe('/error');
    expect(location(answer).searchParams.get('error')).toBe(error);
  });

  it('an identity provider the pool lacks or the client does not support', async () => {
    const answer = location(await setUp([]).call(get('/oauth2/authorize', authorizeQuery({ identity_provider: 'Google' }))));
    expect(answer.pathname).toBe('/error');
    expect(answer.searchParams.get('error_description')).toBe('Login option is not available. Please try another one.');
  });

  it('a client of a pool without a domain', async () => {
    const answer = await setUp([], {}, null).call(get('/oauth2/authorize', authorizeQuery()));
    expect(location(answer).pathname).toBe('/error');
  });
});

describe('/oauth2/authorize sends other errors to the redirect_uri with the state', () => {
  it.each([
    ['no response_type', { response_type: '' }, 'invalid_request'],
    ['a response_type Cognito has not', { response_type: 'id_token' }, 'unsupported_response_type'],
    ['the implicit grant on a client without it', { client_id: 'code-only', response_type: 'token' }, 'unauthorized_client'],
    ['a client without OAuth flows', { client_id: 'no-oauth' }, 'unauthorized_client'],
    ['PKCE plain (Cognito supports only S256)', { code_challenge: 'abc', code_challenge_method: 'plain' }, 'invalid_request'],
    ['a code_challenge without its method', { code_challenge: 'abc' }, 'invalid_request'],
    ['a scope the client may not ask for', { scope: 'openid phone' }, 'invalid_scope'],
    ['email without openid', { scope: 'email' }, 'invalid_scope'],
    ['prompt=none with another prompt', { prompt: 'none login' }, 'invalid_request'],
  ])('%s', async (_case, query, error) => {
    const answer = location(await setUp([]).call(get('/oauth2/authorize', authorizeQuery(query))));
    expect(`${answer.origin}${answer.pathname}`).toBe(CALLBACK);
    expect(answer.searchParams.get('error')).toBe(error);
    expect(answer.searchParams.get('state')).toBe('st&te=<1>');
  });

  it('keeps the query a callback URL has', async () => {
    const answer = await setUp([]).call(
      get('/oauth2/authorize', authorizeQuery({ redirect_uri: 'https://app.example.com/other?tab=1', scope: 'x' })),
    );
    expect(location(answer).searchParams.get('tab')).toBe('1');
    expect(location(answer).searchParams.get('error')).toBe('invalid_scope');
  });
});

describe('signing in through the managed login', () => {
  it('sends a browser without a session to /login with the same parameters', async () => {
    const answer = location(await setUp([ada()]).call(get('/oauth2/authorize', authorizeQuery())));
    expect(answer.pathname).toBe('/login');
    expect(Object.fromEntries(answer.searchParams)).toEqual(authorizeQuery());
  });

  it('shows the sign-in form with the login_hint, then answers the code, the state exactly, and a session cookie', async () => {
    const setup = setUp([ada()]);
    const query = authorizeQuery({ login_hint: 'ada@example.com', nonce: 'n-1', code_challenge: 'chal', code_challenge_method: 'S256' });
    expect(shown(await setup.call(get('/login', query)))).toMatchObject({
      page: 'login',
      username: 'ada@example.com',
      clientName: 'Web <app>',
    });

    const answer = await setup.call(post('/login', query, { username: 'ada', password: PASSWORD }));
    const callback = location(answer);
    expect(`${callback.origin}${callback.pathname}`).toBe(CALLBACK);
    expect(callback.searchParams.get('state')).toBe('st&te=<1>');
    expect(answer.kind === 'redirect' && answer.cookies?.[0]?.name).toBe('cognito');
    const grant = setup.codes.redeem(callback.searchParams.get('code')!);
    expect(grant).toMatchObject({
      userPoolId: POOL_ID,
      clientId: 'web',
      redirectUri: CALLBACK,
      username: 'ada',
      scopes: ['openid', 'email'],
      nonce: 'n-1',
      codeChallenge: 'chal',
      codeChallengeMethod: 'S256',
    });
    expect(setup.codes.redeem(callback.searchParams.get('code')!)).toBeUndefined();
  });

  it('grants all the client allows when the request names no scope', async () => {
    const setup = setUp([ada()]);
    const answer = location(await setup.call(post('/login', authorizeQuery({ scope: '' }), { username: 'ada', password: PASSWORD })));
    expect(setup.codes.redeem(answer.searchParams.get('code')!)?.scopes).toEqual(web.AllowedOAuthScopes);
  });

  it("shows Cognito's message for a wrong password, keeping the user name", async () => {
    const answer = await setUp([ada()]).call(post('/login', authorizeQuery(), { username: 'ada', password: 'wrong' }));
    expect(shown(answer)).toMatchObject({ page: 'login', username: 'ada', error: 'Incorrect username or password.' });
  });

  it('asks a user on a temporary password for a new one, then signs them in', async () => {
    const setup = setUp([poolUser('ada', 'ada@example.com', 'FORCE_CHANGE_PASSWORD', { Password: 'Temp-Pass-1' })]);
    const page = shown(await setup.call(post('/login', authorizeQuery(), { username: 'ada', password: 'Temp-Pass-1' })));
    expect(page).toMatchObject({ page: 'newPassword', requiredAttributes: [] });
    const mismatch = await setup.call(
      post('/login/new-password', authorizeQuery(), {
        session: page.session as string,
        [NEW_PASSWORD.passwordName]: 'New-Passw0rd!',
        [NEW_PASSWORD.confirmName]: 'Other-Passw0rd!',
      }),
    );
    expect(shown(mismatch)).toMatchObject({ page: 'newPassword', error: 'Passwords do not match' });
    const answer = await setup.call(
      post('/login/new-password', authorizeQuery(), {
        session: page.session as string,
        [NEW_PASSWORD.passwordName]: 'New-Passw0rd!',
        [NEW_PASSWORD.confirmName]: 'New-Passw0rd!',
      }),
    );
    expect(location(answer).searchParams.get('code')).toBeTruthy();
    expect(setup.stored.get('ada')).toMatchObject({ UserStatus: 'CONFIRMED', Password: 'New-Passw0rd!' });
  });

  it('asks a user with TOTP MFA for a code; a wrong one starts the sign-in over, saying why', async () => {
    const user = poolUser('ada', 'ada@example.com', 'CONFIRMED', {
      Password: PASSWORD,
      SoftwareTokenMfaConfiguration: { Secret: SECRET, Verified: true },
      UserMFASettingList: ['SOFTWARE_TOKEN_MFA'],
    } as Partial<User>);
    const setup = setUp([user], { MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } });
    const page = shown(await setup.call(post('/login', authorizeQuery(), { username: 'ada', password: PASSWORD })));
    expect(page).toMatchObject({ page: 'mfa' });
    const wrong = String((Number(totpCode(SECRET)) + 500_000) % 1_000_000).padStart(6, '0');
    const refused = await setup.call(post('/login/mfa', authorizeQuery(), { session: page.session as string, [MFA.codeName]: wrong }));
    // The Session is used up, as the API's is: the sign-in starts over, saying why.
    expect(shown(refused)).toMatchObject({ page: 'login', error: 'Invalid code received for user' });

    const again = shown(await setup.call(post('/login', authorizeQuery(), { username: 'ada', password: PASSWORD })));
    const signedIn = await setup.call(
      post('/login/mfa', authorizeQuery(), { session: again.session as string, [MFA.codeName]: totpCode(SECRET) }),
    );
    expect(location(signedIn).searchParams.get('code')).toBeTruthy();
  });

  it('sets up TOTP for a user of a pool that requires MFA, then signs them in with a code of the new secret', async () => {
    const setup = setUp([ada()], { MfaConfiguration: 'ON', SoftwareTokenMfaConfiguration: { Enabled: true } });
    const page = shown(await setup.call(post('/login', authorizeQuery(), { username: 'ada', password: PASSWORD })));
    expect(page).toMatchObject({ page: 'mfaSetup', otpauthUri: expect.stringMatching(/^otpauth:\/\/totp\/Managed%3Aada\?secret=/) });
    const secret = page.secret as string;
    const answer = await setup.call(
      post('/login/mfa-setup', authorizeQuery(), { session: page.session as string, [MFA.codeName]: totpCode(secret) }),
    );
    expect(location(answer).searchParams.get('code')).toBeTruthy();
    expect(setup.stored.get('ada')).toMatchObject({ SoftwareTokenMfaConfiguration: { Secret: secret, Verified: true } });
  });

  it('skips the form on a second authorize in the same browser, unless prompt=login; prompt=none without a session is login_required', async () => {
    const setup = setUp([ada()]);
    const signedIn = await setup.call(post('/login', authorizeQuery(), { username: 'ada', password: PASSWORD }));
    const cookie = signedIn.kind === 'redirect' ? signedIn.cookies![0]! : undefined;
    const cookies = { [cookie!.name]: cookie!.value };

    const again = location(await setup.call(get('/oauth2/authorize', authorizeQuery({ state: 'two' }), cookies)));
    expect(again.searchParams.get('code')).toBeTruthy();
    expect(again.searchParams.get('state')).toBe('two');
    expect(location(await setup.call(get('/oauth2/authorize', authorizeQuery({ prompt: 'login' }), cookies))).pathname).toBe('/login');
    expect(location(await setup.call(get('/oauth2/authorize', authorizeQuery({ prompt: 'none' })))).searchParams.get('error')).toBe(
      'login_required',
    );

    // /logout with a registered logout_uri ends it.
    const out = await setup.call(get('/logout', { client_id: 'web', logout_uri: 'https://app.example.com/signed-out' }, cookies));
    expect(location(out).href).toBe('https://app.example.com/signed-out');
    expect(location(await setup.call(get('/oauth2/authorize', authorizeQuery(), cookies))).pathname).toBe('/login');
  });

  it('refuses a logout_uri that is not one of the client LogoutURLs, leaving the session', async () => {
    const setup = setUp([ada()]);
    const signedIn = await setup.call(post('/login', authorizeQuery(), { username: 'ada', password: PASSWORD }));
    const cookie = signedIn.kind === 'redirect' ? signedIn.cookies![0]! : undefined;
    const cookies = { [cookie!.name]: cookie!.value };
    const out = await setup.call(get('/logout', { client_id: 'web', logout_uri: 'https://evil.example.com/' }, cookies));
    expect(location(out).pathname).toBe('/error');
    expect(location(await setup.call(get('/oauth2/authorize', authorizeQuery(), cookies))).searchParams.get('code')).toBeTruthy();
  });

  it('answers the implicit grant in the fragment, with the state', async () => {
    const setup = setUp([ada()]);
    const answer = location(
      await setup.call(post('/login', authorizeQuery({ response_type: 'token' }), { username: 'ada', password: PASSWORD })),
    );
    const fragment = new URLSearchParams(answer.hash.slice(1));
    expect(answer.search).toBe('');
    expect(fragment.get('access_token')).toMatch(/^access:ada:openid,email:\d+$/);
    expect(fragment.get('state')).toBe('st&te=<1>');
  });
});
