import { describe, expect, it } from 'vitest';
import type { User, UserPool } from '../cognito-local.ts';
import { signedAccessToken } from '../testing/access-token.ts';
import { ctx, fakeCognito, poolUser, rejection } from '../testing/fake-cognito.ts';
import { refuseTotpSetupWithoutPoolTotp, requireVerifiedSoftwareToken } from './totp-setup-rules.ts';

const SUB = '4f1c2a4e-0000-4000-8000-000000000001';
const passed = async () => ({ passed: true });
const services = (pool: Partial<UserPool>, user: Partial<User> = {}) =>
  fakeCognito({ users: [poolUser(SUB, 'ada@example.com', 'CONFIRMED', user)], pool: { Id: 'local_Pool1', ...pool } }).services;
const AccessToken = () => signedAccessToken(SUB, 'client-1');

describe('refuseTotpSetupWithoutPoolTotp', () => {
  it.each([
    ['MFA off', { MfaConfiguration: 'OFF' }],
    ['no MFA configuration', {}],
    [
      'MFA optional with software token MFA turned off',
      { MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: false } },
    ],
    ['MFA on without software token MFA turned on (SMS only)', { MfaConfiguration: 'ON' }],
  ])('refuses TOTP setup in a pool with %s', async (_case, pool) => {
    const error = await rejection(refuseTotpSetupWithoutPoolTotp(services(pool))(passed)(ctx, { AccessToken: AccessToken() }));
    expect([error.code, error.message]).toEqual([
      'SoftwareTokenMFANotFoundException',
      'Software Token MFA has not been enabled by the userPool.',
    ]);
  });

  it.each(['OPTIONAL', 'ON'])('lets TOTP setup through in a pool with MFA %s and software token MFA on', async (MfaConfiguration) => {
    const pool = { MfaConfiguration, SoftwareTokenMfaConfiguration: { Enabled: true } };
    expect(await refuseTotpSetupWithoutPoolTotp(services(pool))(passed)(ctx, { AccessToken: AccessToken() })).toEqual({
      passed: true,
    });
  });

  it('leaves the Session form (MFA_SETUP at sign-in) to the route', async () => {
    expect(await refuseTotpSetupWithoutPoolTotp(services({}))(passed)(ctx, { Session: 'session' })).toEqual({ passed: true });
  });
});

describe('requireVerifiedSoftwareToken', () => {
  const enable = { SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } };

  it.each([
    ['no software token', {}, 'User has not set up software token mfa'],
    [
      'a software token not verified',
      { SoftwareTokenMfaConfiguration: { Secret: 'S', Verified: false } },
      'User has not verified software token mfa',
    ],
  ])('refuses to turn TOTP on for a user with %s', async (_case, user, message) => {
    const rule = requireVerifiedSoftwareToken(services({ MfaConfiguration: 'OPTIONAL' }, user))(passed);
    const error = await rejection(rule(ctx, { AccessToken: AccessToken(), ...enable }));
    expect([error.code, error.message]).toEqual(['InvalidParameterException', message]);
  });

  it('turns TOTP on for a user with a verified software token', async () => {
    const rule = requireVerifiedSoftwareToken(
      services({ MfaConfiguration: 'OPTIONAL' }, { SoftwareTokenMfaConfiguration: { Secret: 'S', Verified: true } }),
    )(passed);
    expect(await rule(ctx, { AccessToken: AccessToken(), ...enable })).toEqual({ passed: true });
  });

  it('lets TOTP be turned off by anyone', async () => {
    const rule = requireVerifiedSoftwareToken(services({}))(passed);
    expect(await rule(ctx, { AccessToken: AccessToken(), SoftwareTokenMfaSettings: { Enabled: false } })).toEqual({ passed: true });
  });
});
