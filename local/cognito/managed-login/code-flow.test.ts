import { createHash, randomBytes } from 'node:crypto';
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { signInDeps } from '../operations/sign-in-deps.ts';
import { appClient, ctx, userWithAttributes } from '../testing/fake-cognito.ts';
import { formPost, jsonOf, oauthTestbed } from '../testing/oauth-testbed.ts';
import { HostedSignIn } from './hosted-sign-in.ts';
import { LoginSessions } from './login-sessions.ts';
import { implicitTokens } from './oauth-tokens.ts';
import type { PageRequest, PageResult } from './page-types.ts';
import { type SignInPages, signInFlow } from './sign-in-flow.ts';
import { NO_TRIGGERS } from '../testing/sign-in-router.ts';

// What an OIDC relying party does against the managed login, in one process: authorize with PKCE,
// sign in on /login, redeem the code, read userInfo, refresh; and the implicit flow's tokens.
// https://docs.aws.amazon.com/cognito/latest/developerguide/using-pkce-in-authorization-code.html

const CALLBACK = 'https://app.example.com/callback';
const PASSWORD = 'Correct-Horse-1';
const web = appClient('web', {
  AllowedOAuthFlowsUserPoolClient: true,
  AllowedOAuthFlows: ['code', 'implicit'],
  AllowedOAuthScopes: ['openid', 'email', 'aws.cognito.signin.user.admin'],
  CallbackURLs: [CALLBACK],
  SupportedIdentityProviders: ['COGNITO'],
  ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
});
const ada = userWithAttributes('ada-sub', { email: 'ada@example.com', email_verified: 'true' }, { Password: PASSWORD });
const pages: SignInPages = {
  login: () => 'login',
  newPassword: () => 'newPassword',
  mfa: () => 'mfa',
  mfaSetup: () => 'mfaSetup',
  error: (page) => `error ${page.message}`,
};
function managedLogin() {
  const bed = oauthTestbed({ users: [ada], clients: [web] });
  const flow = signInFlow({
    cognito: bed.services.cognito,
    configs: bed.deps.configs,
    sessions: new LoginSessions(bed.services.clock),
    codes: bed.codes,
    hostedSignIn: new HostedSignIn(signInDeps(bed.services, NO_TRIGGERS)),
    pages,
    implicitTokens: implicitTokens(bed.deps),
    context: () => ctx,
  });
  return { bed, flow };
}

const signInPost = (query: Record<string, string>): PageRequest => ({
  method: 'POST',
  path: '/login',
  query: new URLSearchParams(query),
  form: new URLSearchParams({ username: 'ada-sub', password: PASSWORD }),
  headers: {},
  cookies: {},
});

function redirectOf(result: PageResult): URL {
  if (result.kind !== 'redirect') throw new Error(`expected a redirect, got ${JSON.stringify(result)}`);
  return new URL(result.location);
}

describe('the authorization code grant with PKCE, end to end in one process', () => {
  it('signs in, redeems the code, reads userInfo and refreshes, keeping the scopes and the nonce', async () => {
    const { bed, flow } = managedLogin();
    const verifier = randomBytes(32).toString('base64url');
    const query = {
      client_id: 'web',
      response_type: 'code',
      redirect_uri: CALLBACK,
      state: 'xyz',
      scope: 'openid email aws.cognito.signin.user.admin',
      nonce: 'n-42',
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
    };
    const callback = redirectOf(await flow.routes['/login'](signInPost(query)));
    expect(callback.searchParams.get('state')).toBe('xyz');
    const code = callback.searchParams.get('code')!;

    const token = jsonOf(
      await bed.call(
        '/oauth2/token',
        formPost('/oauth2/token', {
          grant_type: 'authorization_code',
          client_id: 'web',
          code,
          redirect_uri: CALLBACK,
          code_verifier: verifier,
        }),
      ),
    );
    expect(token.status).toBe(200);
    expect(decodeJwt(String(token.body.id_token))).toMatchObject({ nonce: 'n-42', email: 'ada@example.com', aud: 'web' });
    expect(decodeJwt(String(token.body.access_token)).scope).toBe('openid email aws.cognito.signin.user.admin');

    const info = jsonOf(
      await bed.call('/oauth2/userInfo', {
        method: 'GET',
        path: '/oauth2/userInfo',
        query: new URLSearchParams(),
        form: new URLSearchParams(),
        headers: { authorization: `Bearer ${token.body.access_token}` },
        cookies: {},
      }),
    );
    expect(info.body).toEqual({ sub: 'ada-sub', email: 'ada@example.com', email_verified: 'true', username: 'ada-sub' });

    const refreshed = jsonOf(
      await bed.call(
        '/oauth2/token',
        formPost('/oauth2/token', { grant_type: 'refresh_token', client_id: 'web', refresh_token: String(token.body.refresh_token) }),
      ),
    );
    expect(decodeJwt(String(refreshed.body.access_token)).scope).toBe('openid email aws.cognito.signin.user.admin');
    // The same code a second time: used up.
    const again = formPost('/oauth2/token', {
      grant_type: 'authorization_code',
      client_id: 'web',
      code,
      redirect_uri: CALLBACK,
      code_verifier: verifier,
    });
    expect(jsonOf(await bed.call('/oauth2/token', again)).body.error).toBe('invalid_grant');
  });

  it('gives the implicit flow an ID token with the nonce and an access token, no refresh token, in the fragment', async () => {
    const { flow } = managedLogin();
    const query = { client_id: 'web', response_type: 'token', redirect_uri: CALLBACK, scope: 'openid email', nonce: 'n-7', state: 's' };
    const fragment = new URLSearchParams(redirectOf(await flow.routes['/login'](signInPost(query))).hash.slice(1));
    expect(decodeJwt(fragment.get('id_token')!)).toMatchObject({ nonce: 'n-7', token_use: 'id' });
    expect(decodeJwt(fragment.get('access_token')!).scope).toBe('openid email');
    expect(Object.fromEntries(fragment)).toMatchObject({ token_type: 'Bearer', expires_in: '3600', state: 's' });
    expect(fragment.has('refresh_token')).toBe(false);
  });
});
