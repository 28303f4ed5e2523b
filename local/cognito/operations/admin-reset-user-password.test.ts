import { describe, expect, it } from 'vitest';
import { ctx, fakeCognito, poolUser, rejection, userWithAttributes } from '../testing/fake-cognito.ts';
import { adminResetUserPassword } from './admin-reset-user-password.ts';

const NOW = new Date('2026-12-07T10:00:00Z');
const verified = userWithAttributes('ada', { email: 'ada@example.com', email_verified: 'true' });
const unverified = poolUser('bob', 'bob@example.com', 'CONFIRMED');

function fakePool() {
  const fake = fakeCognito({ users: [verified, unverified], pool: { UsernameAttributes: ['email'] }, otp: '123456' });
  return { ...fake, services: { ...fake.services, clock: { get: () => NOW, now: () => NOW.getTime() } } };
}

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminResetUserPassword.html
describe('AdminResetUserPassword', () => {
  it('makes the user RESET_REQUIRED and sends the code, as ForgotPassword would, to the verified email', async () => {
    const fake = fakePool();
    expect(await adminResetUserPassword(fake.services, ctx, { UserPoolId: 'local_Pool1', Username: 'ada@example.com' })).toEqual({});
    expect(fake.stored.get('ada')).toMatchObject({ UserStatus: 'RESET_REQUIRED', PasswordResetCode: '123456', UserLastModifiedDate: NOW });
    expect(fake.delivered).toHaveLength(1);
    const [, kind, clientId, , , code, , delivery] = fake.delivered[0]!;
    expect([kind, clientId, code, delivery]).toEqual([
      'ForgotPassword',
      null,
      '123456',
      { AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: 'ada@example.com' },
    ]);
  });

  it('resets a user without a verified email or phone number all the same ("works on any user"), sending nothing', async () => {
    const fake = fakePool();
    await adminResetUserPassword(fake.services, ctx, { UserPoolId: 'local_Pool1', Username: 'bob' });
    expect(fake.stored.get('bob')).toMatchObject({ UserStatus: 'RESET_REQUIRED' });
    expect(fake.stored.get('bob')?.PasswordResetCode).toBeUndefined();
    expect(fake.delivered).toEqual([]);
  });

  it('answers UserNotFoundException for a user the pool does not have', async () => {
    const error = await rejection(adminResetUserPassword(fakePool().services, ctx, { UserPoolId: 'local_Pool1', Username: 'nobody' }));
    expect([error.code, error.message]).toEqual(['UserNotFoundException', 'User does not exist.']);
  });
});
