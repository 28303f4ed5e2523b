import { describe, expect, it } from 'vitest';
import { signedAccessToken, signInRefreshToken } from '../testing/access-token.ts';
import { appClient, ctx, fakeCognito, poolUser, rejection } from '../testing/fake-cognito.ts';
import { accessTokenUser } from '../rules/access-tokens.ts';
import { adminDisableUser } from './admin-disable-user.ts';
import { adminEnableUser } from './admin-enable-user.ts';

const bob = poolUser('bob', 'bob@example.com', 'CONFIRMED');
const NOW = new Date('2026-12-07T10:00:00Z');

function fakePool() {
  const fake = fakeCognito({ users: [bob], pool: { UsernameAttributes: ['email'] }, clients: [appClient('client-1')] });
  return { ...fake, services: { ...fake.services, clock: { get: () => NOW, now: () => NOW.getTime() } } };
}

describe('AdminDisableUser and AdminEnableUser', () => {
  // AdminDisableUser "revokes all access tokens for the user"; revocation is by origin, so a
  // sign-in after AdminEnableUser, even in the same second, gets tokens that work at once.
  it("refuse a disabled user's access token, keep refusing it after AdminEnableUser, and take a new sign-in's", async () => {
    const fake = fakePool();
    const before = signedAccessToken('bob', 'client-1');
    await expect(accessTokenUser(fake.services, ctx, before)).resolves.toHaveProperty('user.Username', 'bob');

    await adminDisableUser(fake.services, ctx, { UserPoolId: 'local_Pool1', Username: 'bob@example.com' });
    expect(fake.stored.get('bob')).toMatchObject({ Enabled: false, UserLastModifiedDate: NOW, RefreshTokens: bob.RefreshTokens });
    expect((await rejection(accessTokenUser(fake.services, ctx, before))).message).toBe('User is disabled.');

    await adminEnableUser(fake.services, ctx, { UserPoolId: 'local_Pool1', Username: 'bob' });
    expect(fake.stored.get('bob')).toMatchObject({ Enabled: true, RefreshTokens: [] });
    expect((await rejection(accessTokenUser(fake.services, ctx, before))).message).toBe('Access Token has been revoked');

    const again = '7d0c8e52-0000-4000-8000-0000000000d4';
    await fake.userPool.saveUser(ctx, { ...fake.stored.get('bob')!, RefreshTokens: [signInRefreshToken(again)] });
    const after = signedAccessToken('bob', 'client-1', { origin_jti: again });
    await expect(accessTokenUser(fake.services, ctx, after)).resolves.toHaveProperty('user.Username', 'bob');
  });

  it('save the user once each', async () => {
    const fake = fakePool();
    await adminDisableUser(fake.services, ctx, { UserPoolId: 'local_Pool1', Username: 'bob' });
    await adminEnableUser(fake.services, ctx, { UserPoolId: 'local_Pool1', Username: 'bob' });
    expect(fake.saved).toHaveLength(2);
  });

  it('leave the refresh tokens of a user AdminEnableUser finds already enabled', async () => {
    const fake = fakePool();
    await adminEnableUser(fake.services, ctx, { UserPoolId: 'local_Pool1', Username: 'bob' });
    expect(fake.stored.get('bob')?.RefreshTokens).toEqual(bob.RefreshTokens);
  });

  it('answer UserNotFoundException for a user the pool does not hold', async () => {
    const fake = fakePool();
    for (const operation of [adminDisableUser, adminEnableUser]) {
      const error = await rejection(operation(fake.services, ctx, { UserPoolId: 'local_Pool1', Username: 'nobody' }));
      expect(error).toMatchObject({ code: 'UserNotFoundException', message: 'User does not exist.' });
    }
  });
});
