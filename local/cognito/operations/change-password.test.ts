import { describe, expect, it } from 'vitest';
import { signedAccessToken } from '../testing/access-token.ts';
import { ctx, fakeCognito, poolUser, rejection } from '../testing/fake-cognito.ts';
import { changePassword as changePasswordOf } from './change-password.ts';

const ada = poolUser('4f1c2a4e-0000-4000-8000-000000000001', 'ada@example.com', 'CONFIRMED');
const policy = { MinimumLength: 8, RequireUppercase: true, RequireLowercase: true, RequireNumbers: true, RequireSymbols: false };

function changePassword() {
  const fake = fakeCognito({ users: [ada], pool: { Id: 'local_Pool1', Policies: { PasswordPolicy: policy } } });
  return { ...fake, change: (_: typeof ctx, input: Parameters<typeof changePasswordOf>[2]) => changePasswordOf(fake.services, ctx, input) };
}

describe('changePassword', () => {
  const AccessToken = () => signedAccessToken(ada.Username, 'client-1');

  it('stores the proposed password when the previous one is right, in one save', async () => {
    const { change, stored, saved } = changePassword();
    expect(
      await change(ctx, { AccessToken: AccessToken(), PreviousPassword: 'Correct-Horse-1', ProposedPassword: 'Battery-Staple-2' }),
    ).toEqual({});
    expect(stored.get(ada.Username)!.Password).toBe('Battery-Staple-2');
    expect(saved).toHaveLength(1);
  });

  // The policy is checked before the previous password, as the wrapper in front of cognito-local did.
  it('refuses a weak proposed password before it looks at the previous one', async () => {
    const { change, saved } = changePassword();
    const error = await rejection(change(ctx, { AccessToken: AccessToken(), PreviousPassword: 'Wrong-Horse-1', ProposedPassword: 'weak' }));
    expect(error.code).toBe('InvalidPasswordException');
    expect(saved).toEqual([]);
  });

  it("refuses a signed-out user's access token as revoked, changing nothing", async () => {
    const fake = fakeCognito({ users: [{ ...ada, RefreshTokens: [] }], pool: { Id: 'local_Pool1', Policies: { PasswordPolicy: policy } } });
    const error = await rejection(
      changePasswordOf(fake.services, ctx, {
        AccessToken: AccessToken(),
        PreviousPassword: 'Correct-Horse-1',
        ProposedPassword: 'Battery-Staple-2',
      }),
    );
    expect([error.code, error.message]).toEqual(['NotAuthorizedException', 'Access Token has been revoked']);
    expect(fake.saved).toEqual([]);
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
