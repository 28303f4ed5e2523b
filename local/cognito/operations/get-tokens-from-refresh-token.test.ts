import type { GetTokensFromRefreshTokenCommandInput } from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { appClient, ctx, fakeCognito, poolUser, rejection } from '../testing/fake-cognito.ts';
import { opaqueRefreshToken } from '../refresh-tokens.ts';
import { getTokensFromRefreshToken } from './get-tokens-from-refresh-token.ts';

const client = appClient('client-1', { ClientName: 'web' });
const ada = poolUser('4f1c2a4e-0000-4000-8000-000000000001', 'ada@example.com', 'CONFIRMED', {
  RefreshTokens: ['refresh-ada-1', opaqueRefreshToken({ jti: '0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d', authTime: 1_790_000_000 })],
});

/** cognito-local's services, in memory: one pool, one client, one user in 'admins'. */
function fakeServices() {
  return fakeCognito({
    users: [ada],
    clients: [client],
    groups: { admins: [ada.Username] },
    tokens: { AccessToken: 'new-access-token', IdToken: 'new-id-token', RefreshToken: 'rotated-refresh-token' },
  });
}

describe('GetTokensFromRefreshToken', () => {
  it('issues new ID and access tokens for a refresh token the pool stored', async () => {
    const { services, generated } = fakeServices();
    const result = await getTokensFromRefreshToken(services, ctx, {
      ClientId: 'client-1',
      RefreshToken: ada.RefreshTokens[1]!,
      ClientMetadata: { origin: 'test' },
    });
    expect(result).toStrictEqual({
      AuthenticationResult: { AccessToken: 'new-access-token', IdToken: 'new-id-token', ExpiresIn: 3600, TokenType: 'Bearer' },
    });
    // The new tokens keep the refresh token's origin (origin_jti), so that revoking it revokes them.
    expect(generated).toEqual([
      [
        ctx,
        ada,
        ['admins'],
        client,
        { origin: 'test' },
        'RefreshTokens',
        { jti: '0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d', authTime: 1_790_000_000 },
      ],
    ]);
  });

  it("keeps the client's refresh token: none is returned", async () => {
    const { services } = fakeServices();
    const result = await getTokensFromRefreshToken(services, ctx, { ClientId: 'client-1', RefreshToken: 'refresh-ada-1' });
    expect(result.AuthenticationResult).not.toHaveProperty('RefreshToken');
  });

  it('says a refresh token of the emulator’s shape that no user holds was revoked, and any other is invalid', async () => {
    const { services, generated } = fakeServices();
    const refresh = (RefreshToken: string) => rejection(getTokensFromRefreshToken(services, ctx, { ClientId: 'client-1', RefreshToken }));
    const revoked = await refresh(opaqueRefreshToken());
    expect([revoked.code, revoked.message]).toEqual(['NotAuthorizedException', 'Refresh Token has been revoked']);
    const invalid = await refresh('made-up');
    expect([invalid.code, invalid.message]).toEqual(['NotAuthorizedException', 'Invalid Refresh Token']);
    expect(generated).toEqual([]);
  });

  it('refuses an unknown app client', async () => {
    const { services, generated } = fakeServices();
    const error = await rejection(getTokensFromRefreshToken(services, ctx, { ClientId: 'client-unknown', RefreshToken: 'refresh-ada-1' }));
    expect(error.code).toBe('NotAuthorizedException');
    expect(error.message).toBe('Invalid Refresh Token');
    expect(generated).toEqual([]);
  });

  // Requests arrive as JSON from any client, so a "required" field may well be missing.
  it('refuses a request without a refresh token', async () => {
    const { services, generated } = fakeServices();
    const error = await rejection(
      getTokensFromRefreshToken(services, ctx, { ClientId: 'client-1' } as GetTokensFromRefreshTokenCommandInput),
    );
    expect(error.code).toBe('NotAuthorizedException');
    expect(error.message).toBe('Invalid Refresh Token');
    expect(generated).toEqual([]);
  });

  it('refuses a request without a client id', async () => {
    const { services } = fakeServices();
    const error = await rejection(
      getTokensFromRefreshToken(services, ctx, { RefreshToken: 'refresh-ada-1' } as GetTokensFromRefreshTokenCommandInput),
    );
    expect(error.code).toBe('NotAuthorizedException');
  });
});

describe('the app client a refresh token was issued to', () => {
  // https://github.com/aws/aws-sdk-js/issues/4016: NotAuthorizedException "Refresh Token has different Client" (since 2022)
  it("refuses another client's refresh token, and takes the client's own and one that names no client", async () => {
    const ORIGIN = { jti: '0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d', authTime: 1_790_000_000 };
    const [own, others] = [opaqueRefreshToken(ORIGIN, 'client-1'), opaqueRefreshToken(ORIGIN, 'client-2')];
    const { services, generated } = fakeCognito({
      users: [{ ...ada, RefreshTokens: [own, others, ada.RefreshTokens[1]!] }],
      clients: [client, appClient('client-2')],
      tokens: { AccessToken: 'new-access-token', IdToken: 'new-id-token', RefreshToken: 'new-refresh-token' },
    });
    const error = await rejection(getTokensFromRefreshToken(services, ctx, { ClientId: 'client-1', RefreshToken: others }));
    expect([error.code, error.message]).toEqual(['NotAuthorizedException', 'Refresh Token has different Client']);
    expect(generated).toEqual([]);
    for (const RefreshToken of [own, ada.RefreshTokens[1]!]) {
      expect((await getTokensFromRefreshToken(services, ctx, { ClientId: 'client-1', RefreshToken })).AuthenticationResult?.IdToken).toBe(
        'new-id-token',
      );
    }
  });
});

describe('GetTokensFromRefreshToken on a client that rotates refresh tokens', () => {
  const ORIGIN = { jti: '0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d', authTime: 1_790_000_000 };
  const used = opaqueRefreshToken(ORIGIN);
  const issued = opaqueRefreshToken(ORIGIN);
  const rotating = (RetryGracePeriodSeconds: number) =>
    appClient('client-1', { RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds } });

  function rotatingServices(RetryGracePeriodSeconds: number) {
    return fakeCognito({
      users: [{ ...ada, RefreshTokens: ['other-device', used] }],
      clients: [rotating(RetryGracePeriodSeconds)],
      tokens: { AccessToken: 'new-access-token', IdToken: 'new-id-token', RefreshToken: issued },
    });
  }

  it('returns a new refresh token of the same origin and saves the user once, holding it instead of the used one', async () => {
    const { services, saved, generated, stored } = rotatingServices(0);
    const result = await getTokensFromRefreshToken(services, ctx, { ClientId: 'client-1', RefreshToken: used });
    expect(result.AuthenticationResult).toEqual({
      AccessToken: 'new-access-token',
      IdToken: 'new-id-token',
      RefreshToken: issued,
      ExpiresIn: 3600,
      TokenType: 'Bearer',
    });
    expect((generated[0] as unknown[] | undefined)?.[6]).toEqual(ORIGIN);
    expect(saved).toHaveLength(1);
    expect(stored.get(ada.Username)?.RefreshTokens).toEqual(['other-device', issued]);
  });

  it('without a grace period, refuses the used token at once: RefreshTokenReuseException', async () => {
    const { services } = rotatingServices(0);
    const refresh = (RefreshToken: string) => getTokensFromRefreshToken(services, ctx, { ClientId: 'client-1', RefreshToken });
    await refresh(used);
    expect((await rejection(refresh(used))).code).toBe('RefreshTokenReuseException');
  });

  it('with a grace period, takes the used token again until it is over, then refuses it', async () => {
    const { services, clock } = rotatingServices(5);
    const refresh = (RefreshToken: string) => getTokensFromRefreshToken(services, ctx, { ClientId: 'client-1', RefreshToken });
    await refresh(used);
    clock.advance(4_000);
    await expect(refresh(used)).resolves.toHaveProperty('AuthenticationResult.RefreshToken', issued);
    clock.advance(1_100);
    expect((await rejection(refresh(used))).code).toBe('RefreshTokenReuseException');
  });

  it('says a replaced token is revoked once the user holds no token of its origin (GlobalSignOut)', async () => {
    const { services, stored, userPool } = rotatingServices(0);
    await getTokensFromRefreshToken(services, ctx, { ClientId: 'client-1', RefreshToken: used });
    await userPool.saveUser(ctx, { ...stored.get(ada.Username)!, RefreshTokens: [] });
    const error = await rejection(getTokensFromRefreshToken(services, ctx, { ClientId: 'client-1', RefreshToken: used }));
    expect([error.code, error.message]).toEqual(['NotAuthorizedException', 'Refresh Token has been revoked']);
  });
});
