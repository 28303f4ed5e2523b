import { describe, expect, it } from 'vitest';
import type { User, UserPool } from '../cognito-local.ts';
import { signedAccessToken } from '../testing/access-token.ts';
import { ctx, fakeCognito, poolUser, rejection } from '../testing/fake-cognito.ts';
import { NOW } from '../testing/operation-testbed.ts';
import { associateSoftwareToken } from './associate-software-token.ts';

const SUB = '4f1c2a4e-0000-4000-8000-000000000001';
const TOTP_POOL = { MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } } as const;
const AccessToken = () => signedAccessToken(SUB, 'client-1');

function fakePool(pool: Partial<UserPool>, user: Partial<User> = {}) {
  const fake = fakeCognito({ users: [poolUser(SUB, 'ada@example.com', 'CONFIRMED', user)], pool: { Id: 'local_Pool1', ...pool } });
  return { ...fake, deps: { ...fake.services, clock: { get: () => NOW, now: () => NOW.getTime() } } };
}

describe('associateSoftwareToken', () => {
  // https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa-totp.html
  it.each([
    ['MFA off', { MfaConfiguration: 'OFF' }],
    ['no MFA configuration', {}],
    [
      'MFA optional with software token MFA turned off',
      { MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: false } },
    ],
    ['MFA on without software token MFA turned on (SMS only)', { MfaConfiguration: 'ON' }],
  ] as Array<[string, Partial<UserPool>]>)('refuses TOTP setup in a pool with %s, and saves nothing', async (_case, pool) => {
    const { deps, saved } = fakePool(pool);
    const error = await rejection(associateSoftwareToken(deps, ctx, { AccessToken: AccessToken() }));
    expect([error.code, error.message]).toEqual([
      'SoftwareTokenMFANotFoundException',
      'Software Token MFA has not been enabled by the userPool.',
    ]);
    expect(saved).toEqual([]);
  });

  it.each(['OPTIONAL', 'ON'] as const)(
    'answers a new secret in a pool with MFA %s and software token MFA on, in one save',
    async (MfaConfiguration) => {
      const { deps, saved } = fakePool({ ...TOTP_POOL, MfaConfiguration });
      const { SecretCode } = await associateSoftwareToken(deps, ctx, { AccessToken: AccessToken() });
      expect(SecretCode).toMatch(/^[A-Z2-7]{32}$/);
      expect(saved).toHaveLength(1);
      expect(saved[0]).toMatchObject({ PendingSoftwareTokenSecret: SecretCode, UserLastModifiedDate: NOW });
    },
  );

  // API_AssociateSoftwareToken.html: the old token goes only when the new one is verified.
  it('keeps the token the user has verified until the new one is', async () => {
    const verified = { Secret: 'OLDSECRET', Verified: true, FriendlyDeviceName: 'phone' };
    const { deps, saved } = fakePool(TOTP_POOL, { SoftwareTokenMfaConfiguration: verified, UserMFASettingList: ['SOFTWARE_TOKEN_MFA'] });
    await associateSoftwareToken(deps, ctx, { AccessToken: AccessToken() });
    expect(saved[0]).toMatchObject({ SoftwareTokenMfaConfiguration: verified, UserMFASettingList: ['SOFTWARE_TOKEN_MFA'] });
  });

  it('refuses a request with neither an access token nor a Session', async () => {
    const { deps } = fakePool(TOTP_POOL);
    const error = await rejection(associateSoftwareToken(deps, ctx, {}));
    expect([error.code, error.message]).toEqual(['InvalidParameterException', 'Either AccessToken or Session is required']);
  });

  it('refuses an access token it did not issue', async () => {
    const { deps } = fakePool(TOTP_POOL);
    const error = await rejection(associateSoftwareToken(deps, ctx, { AccessToken: 'not-a-jwt' }));
    expect([error.code, error.message]).toEqual(['NotAuthorizedException', 'Invalid Access Token']);
  });
});
