import { describe, expect, it } from 'vitest';
import { signedAccessToken } from '../testing/access-token.ts';
import { ctx, fakeCognito, poolUser, rejection } from '../testing/fake-cognito.ts';
import { GetUserAttributeVerificationCode } from './get-user-attribute-verification-code.ts';

const ada = poolUser('4f1c2a4e-0000-4000-8000-000000000001', 'ada@example.com', 'CONFIRMED', {
  Attributes: [
    { Name: 'sub', Value: '4f1c2a4e-0000-4000-8000-000000000001' },
    { Name: 'email', Value: 'ada@example.com' },
    { Name: 'phone_number', Value: '+12065551234' },
  ],
});
const fake = () => fakeCognito({ users: [ada], otp: '123456', pool: { Id: 'local_Pool1', AutoVerifiedAttributes: ['phone_number'] } });
const AccessToken = () => signedAccessToken(ada.Username, 'client-1');

describe('GetUserAttributeVerificationCode', () => {
  it.each([
    ['email', { AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: 'ada@example.com' }],
    ['phone_number', { AttributeName: 'phone_number', DeliveryMedium: 'SMS', Destination: '+12065551234' }],
  ])('sends a code to the %s asked for and says where it went', async (AttributeName, details) => {
    const { services, delivered, stored } = fake();
    expect(await GetUserAttributeVerificationCode(services)(ctx, { AccessToken: AccessToken(), AttributeName })).toEqual({
      CodeDeliveryDetails: details,
    });
    expect(delivered.map((call) => [call[1], call[5], call[7]])).toEqual([['VerifyUserAttribute', '123456', details]]);
    expect(stored.get(ada.Username)!.AttributeVerificationCode).toBe('123456');
  });

  it('refuses an attribute no code can be sent to', async () => {
    const { services, delivered } = fake();
    const error = await rejection(GetUserAttributeVerificationCode(services)(ctx, { AccessToken: AccessToken(), AttributeName: 'name' }));
    expect(error.code).toBe('InvalidParameterException');
    expect(delivered).toEqual([]);
  });

  it('refuses an access token it did not issue', async () => {
    const error = await rejection(GetUserAttributeVerificationCode(fake().services)(ctx, { AccessToken: 'x', AttributeName: 'email' }));
    expect([error.code, error.message]).toEqual(['NotAuthorizedException', 'Invalid Access Token']);
  });
});
