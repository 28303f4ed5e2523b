import { describe, expect, it } from 'vitest';
import type { User } from '../cognito-local.ts';
import { ctx, fakeCognito, poolUser, rejection } from '../testing/fake-cognito.ts';
import { AWS_DEFAULT_POLICY, NOW } from '../testing/operation-testbed.ts';
import { adminSetUserPassword } from './admin-set-user-password.ts';

const SUB = '4f1c2a4e-0000-4000-8000-000000000001';
const user = (status: User['UserStatus']) => poolUser(SUB, 'ada@example.com', status, { RefreshTokens: ['refresh-1'] });

function fakePool(status: User['UserStatus'] = 'CONFIRMED') {
  const fake = fakeCognito({
    users: [user(status)],
    pool: { UsernameAttributes: ['email'], Policies: { PasswordPolicy: AWS_DEFAULT_POLICY } },
  });
  return { ...fake, deps: { ...fake.services, clock: { get: () => NOW, now: () => NOW.getTime() } } };
}
const SET = { UserPoolId: 'local_Pool1', Username: 'ada@example.com', Password: 'New-Horse-2' };

describe('adminSetUserPassword', () => {
  it.each([
    [true, 'FORCE_CHANGE_PASSWORD', 'CONFIRMED'],
    [true, 'RESET_REQUIRED', 'CONFIRMED'],
    [false, 'CONFIRMED', 'FORCE_CHANGE_PASSWORD'],
    [undefined, 'CONFIRMED', 'FORCE_CHANGE_PASSWORD'],
  ] as const)('Permanent %s makes a %s user %s, in one save, leaving their refresh tokens', async (Permanent, before, after) => {
    const { deps, stored, saved } = fakePool(before);
    expect(await adminSetUserPassword(deps, ctx, { ...SET, Permanent })).toEqual({});
    expect(saved).toHaveLength(1);
    expect(stored.get(SUB)).toMatchObject({
      Password: 'New-Horse-2',
      UserStatus: after,
      UserLastModifiedDate: NOW,
      RefreshTokens: ['refresh-1'],
    });
  });

  it("refuses a password the pool's policy does not take with InvalidPasswordException, and saves nothing", async () => {
    const { deps, saved } = fakePool();
    const error = await rejection(adminSetUserPassword(deps, ctx, { ...SET, Password: 'weakpass', Permanent: true }));
    expect(error.code).toBe('InvalidPasswordException');
    expect(error.message).toMatch(/^Password did not conform with policy: /);
    expect(saved).toEqual([]);
  });

  it('answers UserNotFoundException "User does not exist." for a user the pool does not hold', async () => {
    const { deps, saved } = fakePool();
    const error = await rejection(adminSetUserPassword(deps, ctx, { ...SET, Username: 'grace@example.com', Permanent: true }));
    expect([error.code, error.message]).toEqual(['UserNotFoundException', 'User does not exist.']);
    expect(saved).toEqual([]);
  });
});
