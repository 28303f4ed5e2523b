import { describe, expect, it } from 'vitest';
import { ctx } from '../testing/fake-cognito.ts';
import { maskDestinations, maskedDestination } from './masked-destinations.ts';

describe('maskedDestination', () => {
  it.each([
    ['ada@example.com', 'a***@e***'],
    ['Zoe.Smith+tag@mail.example.org', 'Z***@m***'],
    ['+12065551234', '+*******1234'],
    ['+447700900123', '+********0123'],
    // Undocumented edges, strict and consistent.
    ['a@b', 'a***@b***'],
    ['@example.com', '***@e***'],
    ['ada@', 'a***@***'],
    ['+1234', '+****'],
  ])('masks %s as %s', (destination, masked) => {
    expect(maskedDestination(destination)).toBe(masked);
  });

  it('leaves an address it has masked as it is', () => {
    for (const masked of ['a***@e***', '+*******1234']) expect(maskedDestination(masked)).toBe(masked);
  });
});

describe('maskDestinations', () => {
  const email = { AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: 'ada@example.com' };
  const sms = { AttributeName: 'phone_number', DeliveryMedium: 'SMS', Destination: '+12065551234' };

  it('masks CodeDeliveryDetails, CodeDeliveryDetailsList and CODE_DELIVERY_DESTINATION, leaving the rest', async () => {
    const answer = {
      UserSub: 'sub-1',
      CodeDeliveryDetails: email,
      CodeDeliveryDetailsList: [email, sms],
      ChallengeParameters: { CODE_DELIVERY_DELIVERY_MEDIUM: 'SMS', CODE_DELIVERY_DESTINATION: '+12065551234', USER_ID_FOR_SRP: 'ada' },
    };
    expect(await maskDestinations(async () => answer)(ctx, {})).toEqual({
      UserSub: 'sub-1',
      CodeDeliveryDetails: { ...email, Destination: 'a***@e***' },
      CodeDeliveryDetailsList: [
        { ...email, Destination: 'a***@e***' },
        { ...sms, Destination: '+*******1234' },
      ],
      ChallengeParameters: { CODE_DELIVERY_DELIVERY_MEDIUM: 'SMS', CODE_DELIVERY_DESTINATION: '+*******1234', USER_ID_FOR_SRP: 'ada' },
    });
    expect(answer.CodeDeliveryDetails.Destination).toBe('ada@example.com');
  });

  it('answers what carries no destination as it was', async () => {
    expect(await maskDestinations(async () => ({}))(ctx, {})).toEqual({});
    expect(await maskDestinations(async () => ({ ChallengeParameters: { USERNAME: 'ada' } }))(ctx, {})).toEqual({
      ChallengeParameters: { USERNAME: 'ada' },
    });
  });
});
