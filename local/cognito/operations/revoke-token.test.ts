import { describe, expect, it } from 'vitest';
import type { AppClient } from '../cognito-local.ts';
import { signedAccessToken } from '../testing/access-token.ts';
import { appClient, ctx, fakeCognito, poolUser, rejection } from '../testing/fake-cognito.ts';
import { opaqueRefreshToken } from '../refresh-tokens.ts';
import { revokeToken } from './revoke-token.ts';

const ORIGIN = { jti: '0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d', authTime: 1_790_000_000 };
const revoked = opaqueRefreshToken(ORIGIN);
// The refresh token rotation issued in its place: the same origin.
const rotatedIn = opaqueRefreshToken(ORIGIN);
const otherSession = opaqueRefreshToken();
const ada = poolUser('ada', 'ada@example.com', 'CONFIRMED', { RefreshTokens: [otherSession, revoked, rotatedIn] });

function revoke(request: { ClientId: string; Token: string; ClientSecret?: string }, clients: AppClient[] = [appClient('client-1')]) {
  const fake = fakeCognito({ users: [ada], clients });
  return { fake, result: revokeToken(fake.services, ctx, request) };
}

describe('revokeToken', () => {
  it('drops the refresh token and every other of its origin, and leaves the user’s other sessions', async () => {
    const { fake, result } = revoke({ ClientId: 'client-1', Token: revoked });
    expect(await result).toEqual({});
    expect(fake.saved).toHaveLength(1);
    expect(fake.stored.get('ada')?.RefreshTokens).toEqual([otherSession]);
  });

  // A sign-in of the same user while RevokeToken runs: its refresh token is kept (updateUser reads the user as they are now).
  it('keeps a refresh token stored after it read the user', async () => {
    const fake = fakeCognito({ users: [ada], clients: [appClient('client-1')] });
    const signedInMeanwhile = opaqueRefreshToken();
    const read = fake.userPool.getUserByRefreshToken.bind(fake.userPool);
    fake.userPool.getUserByRefreshToken = async (context, token) => {
      const user = await read(context, token);
      await fake.userPool.saveUser(context, { ...user!, RefreshTokens: [...user!.RefreshTokens, signedInMeanwhile] });
      return user;
    };
    await revokeToken(fake.services, ctx, { ClientId: 'client-1', Token: revoked });
    expect(fake.stored.get('ada')?.RefreshTokens).toEqual([otherSession, signedInMeanwhile]);
  });

  it('takes a refresh token no one holds any more (revoked already) and does nothing', async () => {
    const { fake, result } = revoke({ ClientId: 'client-1', Token: opaqueRefreshToken() });
    expect(await result).toEqual({});
    expect(fake.saved).toEqual([]);
  });

  it('refuses an access token: UnsupportedTokenTypeException', async () => {
    const { result } = revoke({ ClientId: 'client-1', Token: signedAccessToken('ada', 'client-1') });
    expect((await rejection(result)).code).toBe('UnsupportedTokenTypeException');
  });

  it('refuses a client with a secret called without it, or with another: UnauthorizedException', async () => {
    const clients = [appClient('client-1', { ClientSecret: 'the-client-secret-of-24-chars' })];
    for (const ClientSecret of [undefined, 'not-the-client-secret-at-all']) {
      const { fake, result } = revoke({ ClientId: 'client-1', Token: revoked, ClientSecret }, clients);
      expect((await rejection(result)).code).toBe('UnauthorizedException');
      expect(fake.saved).toEqual([]);
    }
    const { result } = revoke({ ClientId: 'client-1', Token: revoked, ClientSecret: 'the-client-secret-of-24-chars' }, clients);
    expect(await result).toEqual({});
  });

  it('refuses on a client whose EnableTokenRevocation is false: UnsupportedOperationException', async () => {
    const { fake, result } = revoke({ ClientId: 'client-1', Token: revoked }, [appClient('client-1', { EnableTokenRevocation: false })]);
    expect((await rejection(result)).code).toBe('UnsupportedOperationException');
    expect(fake.saved).toEqual([]);
  });

  it('refuses an unknown client: UnauthorizedException', async () => {
    const { result } = revoke({ ClientId: 'client-unknown', Token: revoked });
    expect((await rejection(result)).code).toBe('UnauthorizedException');
  });
});
