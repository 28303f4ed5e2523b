import { describe, expect, it } from 'vitest';
import { ctx, fakeCognito, rejection, userWithAttributes } from '../testing/fake-cognito.ts';
import { adminGetUser } from './admin-get-user.ts';

const SUB = '4f1c2a4e-0000-4000-8000-000000000001';
const ada = userWithAttributes(
  SUB,
  { email: 'ada@example.com', 'custom:team': 'blue' },
  { PreferredMfaSetting: 'SOFTWARE_TOKEN_MFA', UserMFASettingList: ['SOFTWARE_TOKEN_MFA'] },
);
const fake = () => fakeCognito({ users: [ada], pool: { UsernameAttributes: ['email'] } });

describe('adminGetUser', () => {
  it.each([
    ['username', SUB],
    ['email of a pool whose usernames are emails', 'ada@example.com'],
  ])('answers the user named by %s with every attribute (no client filters them), and saves nothing', async (_case, Username) => {
    const { services, saved } = fake();
    expect(await adminGetUser(services, ctx, { UserPoolId: 'local_Pool1', Username })).toEqual({
      Username: SUB,
      UserAttributes: ada.Attributes,
      UserStatus: 'CONFIRMED',
      Enabled: true,
      UserCreateDate: ada.UserCreateDate,
      UserLastModifiedDate: ada.UserLastModifiedDate,
      MFAOptions: undefined,
      PreferredMfaSetting: 'SOFTWARE_TOKEN_MFA',
      UserMFASettingList: ['SOFTWARE_TOKEN_MFA'],
    });
    expect(saved).toEqual([]);
  });

  it('answers UserNotFoundException "User does not exist." for a user the pool does not hold', async () => {
    const error = await rejection(adminGetUser(fake().services, ctx, { UserPoolId: 'local_Pool1', Username: 'grace@example.com' }));
    expect([error.code, error.message]).toEqual(['UserNotFoundException', 'User does not exist.']);
  });

  it('answers ResourceNotFoundException for a pool that does not exist', async () => {
    const error = await rejection(adminGetUser(fake().services, ctx, { UserPoolId: 'local_Nope', Username: SUB }));
    expect(error.code).toBe('ResourceNotFoundException');
  });
});
