import { describe, expect, it } from 'vitest';
import { signedAccessToken } from '../testing/access-token.ts';
import { ctx, fakeCognito, poolUser, rejection } from '../testing/fake-cognito.ts';
import { ChangePassword } from './change-password.ts';
import { enforcePasswordPolicy } from './cognito-rules.ts';

const ada = poolUser('4f1c2a4e-0000-4000-8000-000000000001', 'ada@example.com', 'CONFIRMED');
const policy = { MinimumLength: 8, RequireUppercase: true, RequireLowercase: true, RequireNumbers: true, RequireSymbols: false };

function changePassword() {
  const fake = fakeCognito({ users: [ada], pool: { Id: 'local_Pool1', Policies: { PasswordPolicy: policy } } });
  return { ...fake, change: enforcePasswordPolicy(fake.services, 'ProposedPassword')(ChangePassword(fake.services)) };
}

describe('ChangePassword', () => {
  const AccessToken = () => signedAccessToken(ada.Username, 'client-1');

  it('stores the proposed password when the previous one is right', async () => {
    const { change, stored } = changePassword();
    expect(
      await change(ctx, { AccessToken: AccessToken(), PreviousPassword: 'Correct-Horse-1', ProposedPassword: 'Battery-Staple-2' }),
    ).toEqual({});
    expect(stored.get(ada.Username)!.Password).toBe('Battery-Staple-2');
  });

  it('answers a wrong previous password as Cognito does, changing nothing', async () => {
    const { change, saved } = changePassword();
    const error = await rejection(
      change(ctx, { AccessToken: AccessToken(), PreviousPassword: 'Wrong-Horse-1', ProposedPassword: 'Battery-Staple-2' }),
    );
    expect([error.code, error.message]).toEqual(['NotAuthorizedException', 'Incorrect username or password.']);
    expect(saved).toEqual([]);
  });

  it("refuses a proposed password that breaks the pool's policy", async () => {
    const { change, saved } = changePassword();
    const error = await rejection(
      change(ctx, { AccessToken: AccessToken(), PreviousPassword: 'Correct-Horse-1', ProposedPassword: 'weak' }),
    );
    expect([error.code, error.message]).toEqual([
      'InvalidPasswordException',
      'Password did not conform with policy: Password not long enough',
    ]);
    expect(saved).toEqual([]);
  });

  it('refuses an access token it did not issue', async () => {
    const { change } = changePassword();
    const error = await rejection(
      change(ctx, { AccessToken: 'not-a-jwt', PreviousPassword: 'Correct-Horse-1', ProposedPassword: 'Battery-Staple-2' }),
    );
    expect([error.code, error.message]).toEqual(['NotAuthorizedException', 'Invalid Access Token']);
  });
});
