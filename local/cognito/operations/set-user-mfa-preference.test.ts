import { describe, expect, it } from 'vitest';
import type { User, UserPool } from '../cognito-local.ts';
import { signedAccessToken } from '../testing/access-token.ts';
import { ctx, fakeCognito, poolUser, rejection } from '../testing/fake-cognito.ts';
import { NOW } from '../testing/operation-testbed.ts';
import { setUserMfaPreference } from './set-user-mfa-preference.ts';

const SUB = '4f1c2a4e-0000-4000-8000-000000000001';
const VERIFIED = { SoftwareTokenMfaConfiguration: { Secret: 'S', Verified: true } };
const AccessToken = () => signedAccessToken(SUB, 'client-1');

/** Ada (with `user`'s fields) in a pool of `pool`'s settings, MFA OPTIONAL unless said. */
function fakePool(user: Partial<User> = {}, pool: Partial<UserPool> = { MfaConfiguration: 'OPTIONAL' }) {
  const fake = fakeCognito({ users: [poolUser(SUB, 'ada@example.com', 'CONFIRMED', user)], pool: { Id: 'local_Pool1', ...pool } });
  return { ...fake, deps: { ...fake.services, clock: { get: () => NOW, now: () => NOW.getTime() } } };
}

describe('setUserMfaPreference', () => {
  const enable = { SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } };

  // API_SetUserMFAPreference.html; the two messages as amplify-js#944 reports them.
  it.each([
    ['no software token', {}, 'User has not set up software token mfa'],
    [
      'a software token not verified',
      { SoftwareTokenMfaConfiguration: { Secret: 'S', Verified: false } },
      'User has not verified software token mfa',
    ],
    ['a software token associated and not verified yet', { PendingSoftwareTokenSecret: 'S' }, 'User has not verified software token mfa'],
  ])('refuses to turn TOTP on for a user with %s, and saves nothing', async (_case, user, message) => {
    const { deps, saved } = fakePool(user);
    const error = await rejection(setUserMfaPreference(deps, ctx, { AccessToken: AccessToken(), ...enable }));
    expect([error.code, error.message]).toEqual(['InvalidParameterException', message]);
    expect(saved).toEqual([]);
  });

  it('turns TOTP on and preferred for a user with a verified software token, in one save', async () => {
    const { deps, saved } = fakePool(VERIFIED);
    expect(await setUserMfaPreference(deps, ctx, { AccessToken: AccessToken(), ...enable })).toEqual({});
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({ UserMFASettingList: ['SOFTWARE_TOKEN_MFA'], PreferredMfaSetting: 'SOFTWARE_TOKEN_MFA' });
    expect(saved[0]!.UserLastModifiedDate).toEqual(NOW);
  });

  // The user guide: a user who verified a token before the pool turned TOTP off keeps it.
  it('turns TOTP on for a verified token in a pool that has since turned TOTP off', async () => {
    const { deps, saved } = fakePool(VERIFIED, { MfaConfiguration: 'OFF' });
    await setUserMfaPreference(deps, ctx, { AccessToken: AccessToken(), ...enable });
    expect(saved[0]!.UserMFASettingList).toEqual(['SOFTWARE_TOKEN_MFA']);
  });

  it('lets TOTP be turned off by anyone, and the preference goes with it', async () => {
    const { deps, saved } = fakePool({ UserMFASettingList: ['SOFTWARE_TOKEN_MFA'], PreferredMfaSetting: 'SOFTWARE_TOKEN_MFA' });
    await setUserMfaPreference(deps, ctx, { AccessToken: AccessToken(), SoftwareTokenMfaSettings: { Enabled: false } });
    expect(saved[0]).toMatchObject({ UserMFASettingList: [], PreferredMfaSetting: undefined });
  });

  it('refuses to turn SMS MFA on for a user without a phone number, and saves nothing', async () => {
    const { deps, saved } = fakePool();
    const error = await rejection(setUserMfaPreference(deps, ctx, { AccessToken: AccessToken(), SMSMfaSettings: { Enabled: true } }));
    expect([error.code, error.message]).toEqual(['InvalidParameterException', 'User does not have delivery config set to turn on SMS_MFA']);
    expect(saved).toEqual([]);
  });

  it('leaves a method the request does not name, and the preferred one, as they were', async () => {
    const { deps, saved } = fakePool({
      ...VERIFIED,
      Attributes: [{ Name: 'phone_number', Value: '+12065551234' }],
      UserMFASettingList: ['SOFTWARE_TOKEN_MFA'],
      PreferredMfaSetting: 'SOFTWARE_TOKEN_MFA',
    });
    await setUserMfaPreference(deps, ctx, { AccessToken: AccessToken(), SMSMfaSettings: { Enabled: true } });
    expect(saved[0]).toMatchObject({ UserMFASettingList: ['SOFTWARE_TOKEN_MFA', 'SMS_MFA'], PreferredMfaSetting: 'SOFTWARE_TOKEN_MFA' });
  });

  it('refuses to prefer a method it leaves off', async () => {
    const { deps, saved } = fakePool();
    const error = await rejection(
      setUserMfaPreference(deps, ctx, { AccessToken: AccessToken(), SMSMfaSettings: { Enabled: false, PreferredMfa: true } }),
    );
    expect([error.code, error.message]).toEqual(['InvalidParameterException', 'Cannot set SMS_MFA as preferred: it is not enabled']);
    expect(saved).toEqual([]);
  });

  // The access token first: a signed-out user's token is refused before any setting is read.
  it("refuses a signed-out user's access token before the settings, and saves nothing", async () => {
    const { deps, saved } = fakePool({ RefreshTokens: [] });
    const error = await rejection(setUserMfaPreference(deps, ctx, { AccessToken: AccessToken(), ...enable }));
    expect([error.code, error.message]).toEqual(['NotAuthorizedException', 'Access Token has been revoked']);
    expect(saved).toEqual([]);
  });
});
