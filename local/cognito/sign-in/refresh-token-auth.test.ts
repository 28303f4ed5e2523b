import { describe, expect, it } from 'vitest';
import type { AppClient } from '../cognito-local.ts';
import { appClient, ctx, fakeCognito, poolUser, rejection } from '../testing/fake-cognito.ts';
import { opaqueRefreshToken } from '../refresh-tokens.ts';
import { refreshTokenAuth } from './refresh-token-auth.ts';

const used = opaqueRefreshToken({ jti: '0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d', authTime: 1_790_000_000 });
const ada = poolUser('ada', 'ada@example.com', 'CONFIRMED', { RefreshTokens: [used] });

function signIn(client: AppClient) {
  const fake = fakeCognito({ users: [ada], clients: [client], tokens: { AccessToken: 'a', IdToken: 'i', RefreshToken: 'r' } });
  return {
    fake,
    run: () => refreshTokenAuth(ctx, fake.services, { pool: fake.userPool, client, admin: false }, { REFRESH_TOKEN: used }, ada),
  };
}

describe('REFRESH_TOKEN_AUTH', () => {
  it('issues ID and access tokens, no refresh token, on a client that does not rotate', async () => {
    const { run } = signIn(appClient('client-1'));
    expect(await run()).toEqual({
      ChallengeParameters: {},
      AuthenticationResult: { AccessToken: 'a', IdToken: 'i', ExpiresIn: 3600, TokenType: 'Bearer' },
    });
  });

  it('is refused on a client that rotates refresh tokens, naming GetTokensFromRefreshToken', async () => {
    const { run, fake } = signIn(appClient('client-1', { RefreshTokenRotation: { Feature: 'ENABLED' } }));
    const error = await rejection(run());
    expect(error.code).toBe('InvalidParameterException');
    expect(error.message).toMatch(/GetTokensFromRefreshToken/);
    expect(fake.generated).toEqual([]);
  });

  it('refuses a token rotation replaced, whatever the grace period', async () => {
    const rotated = poolUser('ada', 'ada@example.com', 'CONFIRMED', { RefreshTokens: [used] });
    const fake = fakeCognito({
      users: [{ ...rotated, RotatedRefreshTokens: [{ Token: used, RotatedAt: Date.now() }] } as typeof rotated],
      clients: [appClient('client-1')],
    });
    const error = await rejection(
      refreshTokenAuth(
        ctx,
        fake.services,
        { pool: fake.userPool, client: appClient('client-1'), admin: false },
        { REFRESH_TOKEN: used },
        await fake.userPool.getUserByRefreshToken(ctx, used),
      ),
    );
    expect(error.code).toBe('RefreshTokenReuseException');
  });
});
