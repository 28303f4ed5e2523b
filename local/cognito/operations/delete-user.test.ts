import { describe, expect, it } from 'vitest';
import type { User } from '../cognito-local.ts';
import { signedAccessToken } from '../testing/access-token.ts';
import { ctx, fakeCognito, poolUser, rejection } from '../testing/fake-cognito.ts';
import { deleteUser } from './delete-user.ts';

const ada = poolUser('ada', 'ada@example.com', 'CONFIRMED');
const fakePool = (user: Partial<User> = {}) => fakeCognito({ users: [{ ...ada, ...user }] });

describe('deleteUser', () => {
  it("deletes the access token's user", async () => {
    const fake = fakePool();
    expect(await deleteUser(fake.services, ctx, { AccessToken: signedAccessToken('ada', 'client-1') })).toEqual({});
    expect(fake.stored.has('ada')).toBe(false);
  });

  it.each([
    ['a signed-out user’s token', { RefreshTokens: [] }, 'Access Token has been revoked'],
    ['a disabled user’s token', { Enabled: false }, 'User is disabled.'],
  ])('deletes no one with %s', async (_case, user, message) => {
    const fake = fakePool(user);
    const error = await rejection(deleteUser(fake.services, ctx, { AccessToken: signedAccessToken('ada', 'client-1') }));
    expect([error.code, error.message]).toEqual(['NotAuthorizedException', message]);
    expect(fake.stored.has('ada')).toBe(true);
  });

  it('refuses an access token it did not issue', async () => {
    const fake = fakePool();
    const error = await rejection(deleteUser(fake.services, ctx, { AccessToken: 'not-a-jwt' }));
    expect([error.code, error.message]).toEqual(['NotAuthorizedException', 'Invalid Access Token']);
    expect(fake.stored.has('ada')).toBe(true);
  });
});
