import { describe, expect, it } from 'vitest';
import { totpCode, type User, type UserPool } from '../cognito-local.ts';
import { signedAccessToken } from '../testing/access-token.ts';
import { ctx, fakeCognito, poolUser, rejection } from '../testing/fake-cognito.ts';
import { NOW } from '../testing/operation-testbed.ts';
import { verifySoftwareToken } from './verify-software-token.ts';

const SUB = '4f1c2a4e-0000-4000-8000-000000000001';
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const TOTP_POOL: Partial<UserPool> = { MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } };
const AccessToken = () => signedAccessToken(SUB, 'client-1');
/** A code that is not the secret's now (nor a step either side). */
const wrongCode = (secret: string) => (totpCode(secret) === '000000' ? '111111' : '000000');

function fakePool(user: Partial<User> = { PendingSoftwareTokenSecret: SECRET }, pool: Partial<UserPool> = TOTP_POOL) {
  const fake = fakeCognito({ users: [poolUser(SUB, 'ada@example.com', 'CONFIRMED', user)], pool: { Id: 'local_Pool1', ...pool } });
  return { ...fake, deps: { ...fake.services, clock: { get: () => NOW, now: () => NOW.getTime() } } };
}

describe('verifySoftwareToken', () => {
  it('registers the associated secret with a code of it, in place of the old token, in one save', async () => {
    const { deps, saved } = fakePool({
      PendingSoftwareTokenSecret: SECRET,
      SoftwareTokenMfaConfiguration: { Secret: 'OLD', Verified: true },
    });
    const answer = await verifySoftwareToken(deps, ctx, {
      AccessToken: AccessToken(),
      UserCode: totpCode(SECRET),
      FriendlyDeviceName: 'phone',
    });
    expect(answer).toEqual({ Status: 'SUCCESS' });
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({
      SoftwareTokenMfaConfiguration: { Secret: SECRET, Verified: true, FriendlyDeviceName: 'phone' },
      PendingSoftwareTokenSecret: undefined,
      UserMFASettingList: ['SOFTWARE_TOKEN_MFA'],
      UserLastModifiedDate: NOW,
    });
  });

  it('takes a code of a secret cognito-local stored unverified', async () => {
    const { deps, saved } = fakePool({ SoftwareTokenMfaConfiguration: { Secret: SECRET, Verified: false } });
    await verifySoftwareToken(deps, ctx, { AccessToken: AccessToken(), UserCode: totpCode(SECRET) });
    expect(saved[0]!.SoftwareTokenMfaConfiguration).toMatchObject({ Secret: SECRET, Verified: true });
  });

  // docs/aws-behaviour.md "Cognito sign-in challenges": the same answer as the Session form.
  it('refuses a wrong code with EnableSoftwareTokenMFAException and keeps the secret waiting', async () => {
    const { deps, saved } = fakePool();
    const error = await rejection(verifySoftwareToken(deps, ctx, { AccessToken: AccessToken(), UserCode: wrongCode(SECRET) }));
    expect([error.code, error.message]).toEqual(['EnableSoftwareTokenMFAException', 'Code mismatch and fail enable Software Token MFA']);
    expect(saved).toEqual([]);
  });

  it('refuses a user who has associated no software token', async () => {
    const { deps } = fakePool({});
    const error = await rejection(verifySoftwareToken(deps, ctx, { AccessToken: AccessToken(), UserCode: '123456' }));
    expect([error.code, error.message]).toEqual(['InvalidParameterException', 'User has not associated a software token']);
  });

  it('refuses TOTP setup in a pool that does not take TOTP', async () => {
    const { deps, saved } = fakePool(undefined, { MfaConfiguration: 'OFF' });
    const error = await rejection(verifySoftwareToken(deps, ctx, { AccessToken: AccessToken(), UserCode: totpCode(SECRET) }));
    expect(error.code).toBe('SoftwareTokenMFANotFoundException');
    expect(saved).toEqual([]);
  });

  // API_VerifySoftwareToken.html: "takes an access token or a session string, but not both".
  it('refuses an access token and a Session together, and neither', async () => {
    const { deps } = fakePool();
    const both = await rejection(
      verifySoftwareToken(deps, ctx, { AccessToken: AccessToken(), Session: 's'.repeat(20), UserCode: '123456' }),
    );
    const neither = await rejection(verifySoftwareToken(deps, ctx, { UserCode: '123456' }));
    expect([both.code, neither.code]).toEqual(['InvalidParameterException', 'InvalidParameterException']);
  });

  it('asks for the code before anything else', async () => {
    const error = await rejection(verifySoftwareToken(fakePool().deps, ctx, { AccessToken: 'not-a-jwt', UserCode: '' }));
    expect([error.code, error.message]).toEqual(['InvalidParameterException', 'Missing required parameter UserCode']);
  });
});
