import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import type { TokenCustomizer } from '../triggers/pre-token-generation.ts';
import { getTokensFromRefreshToken } from '../operations/get-tokens-from-refresh-token.ts';
import { refreshTokenAuth } from '../sign-in/refresh-token-auth.ts';
import { appClient, ctx, userWithAttributes } from '../testing/fake-cognito.ts';
import { oauthTestbed } from '../testing/oauth-testbed.ts';
import { oauthTokens } from './oauth-tokens.ts';

// https://docs.aws.amazon.com/cognito/latest/developerguide/token-endpoint.html
// https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-token-generation.html (TokenGeneration_HostedAuth)

const web = appClient('web', {
  ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
  IdTokenValidity: 2,
  TokenValidityUnits: { IdToken: 'hours' },
});
const ada = userWithAttributes('ada-sub', { email: 'ada@example.com' });

function grantTokens(scopes: string[], refreshToken: boolean, customizer?: TokenCustomizer) {
  const bed = oauthTestbed({ users: [ada], clients: [web], customizer });
  const issue = () =>
    oauthTokens(bed.deps, ctx, { pool: bed.userPool, client: web, user: ada, scopes, nonce: 'n-1', authTime: 1_790_000_000, refreshToken });
  return { bed, issue };
}

describe('oauthTokens', () => {
  it('gives the code grant ID, access and refresh tokens; the implicit flow no refresh token, its origin kept live all the same', async () => {
    const code = await grantTokens(['openid', 'profile'], true).issue();
    expect(code).toMatchObject({ token_type: 'Bearer', expires_in: 3600, refresh_token: expect.any(String) });
    expect(decodeJwt(code.id_token!)).toMatchObject({ nonce: 'n-1', auth_time: 1_790_000_000, exp: expect.any(Number) });
    const { bed, issue } = grantTokens(['openid'], false);
    const implicit = await issue();
    expect(implicit).not.toHaveProperty('refresh_token');
    // Stored, not handed out: the access token works until a global sign-out drops its origin.
    const [[stored]] = bed.storedRefreshTokens.slice(-1) as [[string, string]];
    expect(bed.stored.get('ada-sub')?.RefreshTokens).toContain(stored);
  });

  it('gives an ID token only with openid', async () => {
    const tokens = await grantTokens(['email', 'aws.cognito.signin.user.admin'], true).issue();
    expect(tokens).not.toHaveProperty('id_token');
    expect(decodeJwt(tokens.access_token).scope).toBe('email aws.cognito.signin.user.admin');
  });

  it('asks PreTokenGeneration with TokenGeneration_HostedAuth and the granted scopes', async () => {
    const asked: unknown[][] = [];
    const customizer: TokenCustomizer = {
      enabled: () => true,
      overrides: async (...args) => {
        asked.push(args);
        return {
          idToken: { addOrOverride: {}, suppress: [] },
          accessToken: { addOrOverride: {}, suppress: [], scopesToAdd: ['orders/read'] },
        };
      },
    };
    const tokens = await grantTokens(['openid', 'email'], true, customizer).issue();
    expect(asked.map((args) => [args[4], args[5]])).toEqual([['HostedAuth', ['openid', 'email']]]);
    expect(decodeJwt(tokens.access_token).scope).toBe('openid email orders/read');
  });
});

// Amplify refreshes through the JSON API (GetTokensFromRefreshToken; InitiateAuth REFRESH_TOKEN_AUTH
// before 6.x): a managed login session's refresh keeps its scopes there too.
describe('a refresh of OAuth tokens through the JSON API', () => {
  it('keeps the grant’s scopes and origin in GetTokensFromRefreshToken, with an ID token only with openid', async () => {
    for (const scopes of [['openid', 'email'], ['email']]) {
      const { bed, issue } = grantTokens(scopes, true);
      const grant = await issue();
      const { AuthenticationResult } = await getTokensFromRefreshToken(bed.services, ctx, {
        ClientId: 'web',
        RefreshToken: grant.refresh_token,
      });
      const access = decodeJwt(AuthenticationResult!.AccessToken!);
      expect(access.scope).toBe(scopes.join(' '));
      expect(access.origin_jti).toBe(decodeJwt(grant.access_token).origin_jti);
      expect(access.auth_time).toBe(1_790_000_000);
      expect(AuthenticationResult?.IdToken !== undefined).toBe(scopes.includes('openid'));
    }
  });

  it('keeps them through InitiateAuth REFRESH_TOKEN_AUTH', async () => {
    const { bed, issue } = grantTokens(['openid', 'phone'], true);
    const { refresh_token } = await issue();
    const holder = await bed.userPool.getUserByRefreshToken(ctx, refresh_token!);
    const { AuthenticationResult } = await refreshTokenAuth(
      ctx,
      bed.services,
      { pool: bed.userPool, client: web, admin: false },
      { REFRESH_TOKEN: refresh_token! },
      holder,
    );
    expect(decodeJwt(AuthenticationResult.AccessToken).scope).toBe('openid phone');
    expect(decodeJwt(AuthenticationResult.IdToken!).token_use).toBe('id');
  });
});
