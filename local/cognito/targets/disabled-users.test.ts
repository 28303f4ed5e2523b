import { describe, expect, it } from 'vitest';
import type { Route } from '../cognito-local.ts';
import { signedAccessToken, signInRefreshToken } from '../testing/access-token.ts';
import { appClient, ctx, fakeCognito, poolUser, rejection } from '../testing/fake-cognito.ts';
import { accessTokenUser } from './access-tokens.ts';
import { refuseDisabledUsersOnRefresh, revokeRefreshTokensOnEnable } from './disabled-users.ts';

const ada = poolUser('ada', 'ada@example.com', 'CONFIRMED', { Enabled: false, RefreshTokens: ['refresh-ada'] });
const bob = poolUser('bob', 'bob@example.com', 'CONFIRMED', { RefreshTokens: ['refresh-bob'] });
const fakePool = () => fakeCognito({ users: [ada, bob], pool: { UsernameAttributes: ['email'] }, clients: [appClient('client-1')] });

describe('refuseDisabledUsersOnRefresh', () => {
  it('refuses a refresh of a disabled user before the operation, both ways, and on AdminInitiateAuth', async () => {
    const { services } = fakePool();
    let ran = false;
    const route: Route = async () => {
      ran = true;
      return {};
    };
    const refreshes: Array<[string, object]> = [
      ['InitiateAuth', { ClientId: 'client-1', AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: 'refresh-ada' } }],
      [
        'AdminInitiateAuth',
        { UserPoolId: 'local_Pool1', ClientId: 'client-1', AuthFlow: 'REFRESH_TOKEN', AuthParameters: { REFRESH_TOKEN: 'refresh-ada' } },
      ],
      ['GetTokensFromRefreshToken', { ClientId: 'client-1', RefreshToken: 'refresh-ada' }],
    ];
    for (const [target, req] of refreshes) {
      expect((await rejection(refuseDisabledUsersOnRefresh(services, target)(route)(ctx, req))).message).toBe('User is disabled.');
    }
    expect(ran).toBe(false);
    await refuseDisabledUsersOnRefresh(services, 'GetTokensFromRefreshToken')(route)(ctx, {
      ClientId: 'client-1',
      RefreshToken: 'refresh-bob',
    });
    expect(ran).toBe(true);
  });
});

describe('AdminDisableUser and AdminEnableUser', () => {
  // AdminDisableUser "revokes all access tokens for the user"; revocation is by origin, so a
  // sign-in after AdminEnableUser, even in the same second, gets tokens that work at once.
  it("refuses a disabled user's access token, keeps refusing it after AdminEnableUser, and takes a new sign-in's", async () => {
    const fake = fakePool();
    await fake.userPool.saveUser(ctx, { ...fake.stored.get('bob')!, RefreshTokens: [signInRefreshToken()] });
    const before = signedAccessToken('bob', 'client-1');
    await fake.userPool.saveUser(ctx, { ...fake.stored.get('bob')!, Enabled: false });
    expect((await rejection(accessTokenUser(fake.services, ctx, before))).message).toBe('User is disabled.');

    const enable: Route = async () => {
      await fake.userPool.saveUser(ctx, { ...fake.stored.get('bob')!, Enabled: true });
      return {};
    };
    await revokeRefreshTokensOnEnable(fake.services)(enable)(ctx, { UserPoolId: 'local_Pool1', Username: 'bob' });
    expect((await rejection(accessTokenUser(fake.services, ctx, before))).message).toBe('Access Token has been revoked');
    expect(fake.stored.get('bob')?.RefreshTokens).toEqual([]);

    const again = '7d0c8e52-0000-4000-8000-0000000000d4';
    await fake.userPool.saveUser(ctx, { ...fake.stored.get('bob')!, RefreshTokens: [signInRefreshToken(again)] });
    const after = signedAccessToken('bob', 'client-1', { origin_jti: again });
    await expect(accessTokenUser(fake.services, ctx, after)).resolves.toHaveProperty('user.Username', 'bob');
  });

  it('leaves the refresh tokens of a user AdminEnableUser finds already enabled', async () => {
    const fake = fakePool();
    await revokeRefreshTokensOnEnable(fake.services)(async () => ({}))(ctx, { UserPoolId: 'local_Pool1', Username: 'bob' });
    expect(fake.stored.get('bob')?.RefreshTokens).toEqual(['refresh-bob']);
  });
});
