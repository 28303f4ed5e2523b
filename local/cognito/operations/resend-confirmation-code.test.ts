import { describe, expect, it } from 'vitest';
import { appClient, ctx, fakeCognito, poolUser, rejection } from '../testing/fake-cognito.ts';
import { secretHash } from '../secrets/secret-hash.ts';
import { resendConfirmationCode } from './resend-confirmation-code.ts';

const pending = poolUser('0a1b2c3d-0000-4000-8000-000000000001', 'pending@example.com', 'UNCONFIRMED', { ConfirmationCode: '111111' });
const confirmed = poolUser('0a1b2c3d-0000-4000-8000-000000000002', 'ada@example.com', 'CONFIRMED', { ConfirmationCode: '111111' });

/** One email-as-username pool with `pending` and `confirmed`, its client, and codes that come out as 654321. */
function fakeServices(autoVerifiedAttributes: string[] = ['email'], clientSecret?: string, hideUsers = false) {
  return fakeCognito({
    users: [pending, confirmed],
    pool: { Id: 'local_Pool1', UsernameAttributes: ['email'], AutoVerifiedAttributes: autoVerifiedAttributes },
    clients: [appClient('client-1', { ClientSecret: clientSecret, PreventUserExistenceErrors: hideUsers ? 'ENABLED' : undefined })],
    otp: '654321',
  });
}

const emailDelivery = { AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: 'pending@example.com' };

describe('ResendConfirmationCode', () => {
  it('saves a new code on an unconfirmed user and says where it was sent, masked as Cognito answers', async () => {
    const { services, saved } = fakeServices();
    const result = await resendConfirmationCode(services, ctx, { ClientId: 'client-1', Username: 'pending@example.com' });
    expect(result).toStrictEqual({ CodeDeliveryDetails: { ...emailDelivery, Destination: 'p***@e***' } });
    expect(saved).toEqual([{ ...pending, ConfirmationCode: '654321' }]);
  });

  it('delivers the new code by email, as a resent code, naming the pool (its CustomMessage trigger words it)', async () => {
    const { services, delivered, userPool } = fakeServices();
    await resendConfirmationCode(services, ctx, { ClientId: 'client-1', Username: 'pending@example.com', ClientMetadata: { lang: 'en' } });
    expect(delivered).toEqual([
      [
        ctx,
        'ResendCode',
        'client-1',
        'local_Pool1',
        expect.objectContaining({ Username: pending.Username }),
        '654321',
        { lang: 'en' },
        emailDelivery,
        userPool.options,
      ],
    ]);
  });

  it('refuses a user who is already confirmed, sending nothing', async () => {
    const { services, saved, delivered } = fakeServices();
    const error = await rejection(resendConfirmationCode(services, ctx, { ClientId: 'client-1', Username: 'ada@example.com' }));
    expect(error.code).toBe('InvalidParameterException');
    expect(error.message).toBe('User is already confirmed.');
    expect(saved).toEqual([]);
    expect(delivered).toEqual([]);
  });

  it('refuses an unknown user', async () => {
    const { services, saved, delivered } = fakeServices();
    const error = await rejection(resendConfirmationCode(services, ctx, { ClientId: 'client-1', Username: 'nobody@example.com' }));
    expect(error.code).toBe('UserNotFoundException');
    expect(error.message).toBe('Username/client id combination not found.');
    expect(saved).toEqual([]);
    expect(delivered).toEqual([]);
  });

  // https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-managing-errors.html: "account confirmation
  // and password recovery APIs return a response indicating a code was sent to a simulated delivery medium".
  it('answers an unknown user with a simulated delivery where the client hides whether users exist, sending nothing', async () => {
    const { services, saved, delivered } = fakeServices(['email'], undefined, true);
    const result = await resendConfirmationCode(services, ctx, { ClientId: 'client-1', Username: 'nobody@example.com' });
    expect(result).toStrictEqual({ CodeDeliveryDetails: { ...emailDelivery, Destination: 'n***@e***' } });
    expect([saved, delivered]).toEqual([[], []]);
  });

  it('refuses when the pool verifies no attribute the user has', async () => {
    const { services, saved, delivered } = fakeServices([]);
    const error = await rejection(resendConfirmationCode(services, ctx, { ClientId: 'client-1', Username: 'pending@example.com' }));
    expect(error.code).toBe('InvalidParameterException');
    expect(error.message).toBe('Auto verification not turned on.');
    expect(saved).toEqual([]);
    expect(delivered).toEqual([]);
  });

  it('checks the client’s SECRET_HASH before the user', async () => {
    const { services, saved } = fakeServices(['email'], 'shh');
    const error = await rejection(resendConfirmationCode(services, ctx, { ClientId: 'client-1', Username: 'nobody@example.com' }));
    expect([error.code, error.message]).toEqual([
      'NotAuthorizedException',
      'Client client-1 is configured with secret but SECRET_HASH was not received',
    ]);
    const SecretHash = secretHash('shh', 'pending@example.com', 'client-1');
    await resendConfirmationCode(services, ctx, { ClientId: 'client-1', Username: 'pending@example.com', SecretHash });
    expect(saved).toHaveLength(1);
  });
});
