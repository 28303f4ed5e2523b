import { describe, expect, it } from 'vitest';
import { signedAccessToken } from '../testing/access-token.ts';
import { ctx, fakeCognito, poolUser, rejection } from '../testing/fake-cognito.ts';
import { getUserAttributeVerificationCode } from './get-user-attribute-verification-code.ts';

const ada = poolUser('4f1c2a4e-0000-4000-8000-000000000001', 'ada@example.com', 'CONFIRMED', {
  Attributes: [
    { Name: 'sub', Value: '4f1c2a4e-0000-4000-8000-000000000001' },
    { Name: 'email', Value: 'ada@example.com' },
    { Name: 'phone_number', Value: '+12065551234' },
  ],
});
const fake = () => fakeCognito({ users: [ada], otp: '123456', pool: { Id: 'local_Pool1', AutoVerifiedAttributes: ['phone_number'] } });
const AccessToken = () => signedAccessToken(ada.Username, 'client-1');

describe('getUserAttributeVerificationCode', () => {
  it.each([
    ['email', { AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: 'ada@example.com' }, 'a***@e***'],
    ['phone_number', { AttributeName: 'phone_number', DeliveryMedium: 'SMS', Destination: '+12065551234' }, '+*******1234'],
  ])('sends a code to the %s asked for, in one save, and says where it went, masked', async (AttributeName, details, masked) => {
    const { services, delivered, stored, saved } = fake();
    expect(await getUserAttributeVerificationCode(services, ctx, { AccessToken: AccessToken(), AttributeName })).toEqual({
      CodeDeliveryDetails: { ...details, Destination: masked },
    });
    expect(delivered.map((call) => [call[1], call[5], call[7]])).toEqual([['VerifyUserAttribute', '123456', details]]);
    expect(stored.get(ada.Username)!.AttributeVerificationCode).toBe('123456');
    expect(saved).toHaveLength(1);
  });

  it('sends a pending email change its code, not the email the user has', async () => {
    const pending = { ...ada, UnverifiedAttributeChanges: [{ Name: 'email', Value: 'ada@new.example.com' }] };
    const { services, delivered } = fakeCognito({ users: [pending], otp: '123456', pool: { Id: 'local_Pool1' } });
    await getUserAttributeVerificationCode(services, ctx, { AccessToken: AccessToken(), AttributeName: 'email' });
    expect(delivered[0]![7].Destination).toBe('ada@new.example.com');
  });

  it('saves no code when it could not be sent', async () => {
    const { services, saved } = fake();
    const failing = { ...services, messages: { deliver: async () => Promise.reject(new Error('the inbox is gone')) } };
    await expect(getUserAttributeVerificationCode(failing, ctx, { AccessToken: AccessToken(), AttributeName: 'email' })).rejects.toThrow(
      'the inbox is gone',
    );
    expect(saved).toEqual([]);
  });

  it('refuses an attribute no code can be sent to', async () => {
    const { services, delivered } = fake();
    const error = await rejection(getUserAttributeVerificationCode(services, ctx, { AccessToken: AccessToken(), AttributeName: 'name' }));
    expect(error.code).toBe('InvalidParameterException');
    expect(delivered).toEqual([]);
  });

  it('refuses an access token it did not issue', async () => {
    const error = await rejection(getUserAttributeVerificationCode(fake().services, ctx, { AccessToken: 'x', AttributeName: 'email' }));
    expect([error.code, error.message]).toEqual(['NotAuthorizedException', 'Invalid Access Token']);
  });
});
