import { describe, expect, it } from 'vitest';
import { CognitoError, type Route } from '../cognito-local.ts';
import { ctx, fakeCognito, poolUser, rejection } from '../testing/fake-cognito.ts';
import { leaveNoUserOnFailure, requireDeliveryAttributes } from './admin-create-user-rules.ts';

const created = async () => ({ User: {} });

describe('requireDeliveryAttributes', () => {
  const check = (usernameAttributes?: string[]) =>
    requireDeliveryAttributes(fakeCognito({ pool: { Id: 'local_Pool1', UsernameAttributes: usernameAttributes } }).services)(created);
  const request = (extra: Record<string, unknown>) => ({ UserPoolId: 'local_Pool1', Username: 'ada', ...extra });

  it.each([
    ['EMAIL without an email', { DesiredDeliveryMediums: ['EMAIL'] }, 'No email provided but desired delivery medium was Email'],
    [
      'SMS without a phone number',
      { DesiredDeliveryMediums: ['SMS'], UserAttributes: [{ Name: 'email', Value: 'a@e.com' }] },
      'No phone_number provided but desired delivery medium was Sms',
    ],
    ['the default, SMS, without a phone number', {}, 'No phone_number provided but desired delivery medium was Sms'],
    [
      'EMAIL and SMS with only an email',
      { DesiredDeliveryMediums: ['EMAIL', 'SMS'], UserAttributes: [{ Name: 'email', Value: 'a@e.com' }] },
      'No phone_number provided but desired delivery medium was Sms',
    ],
  ])('refuses %s before creating anyone', async (_case, extra, message) => {
    const error = await rejection(check()(ctx, request(extra)));
    expect([error.code, error.message]).toEqual(['InvalidParameterException', message]);
  });

  it.each([
    ['EMAIL with an email', request({ DesiredDeliveryMediums: ['EMAIL'], UserAttributes: [{ Name: 'email', Value: 'a@e.com' }] })],
    ['SMS with a phone number', request({ UserAttributes: [{ Name: 'phone_number', Value: '+12065551234' }] })],
    ['no invitation at all', request({ MessageAction: 'SUPPRESS' })],
  ])('lets through %s', async (_case, req) => {
    expect(await check()(ctx, req)).toEqual({ User: {} });
  });

  it('takes an email username for the email in a pool whose usernames are emails', async () => {
    expect(
      await check(['email'])(ctx, { UserPoolId: 'local_Pool1', Username: 'ada@example.com', DesiredDeliveryMediums: ['EMAIL'] }),
    ).toEqual({ User: {} });
  });
});

describe('leaveNoUserOnFailure', () => {
  const ada = poolUser('ada', 'ada@example.com', 'FORCE_CHANGE_PASSWORD');
  const failing =
    (fake: ReturnType<typeof fakeCognito>): Route =>
    async (ctx) => {
      await fake.userPool.saveUser(ctx, ada);
      throw new CognitoError('CodeDeliveryFailureException', 'the invitation could not be sent');
    };

  it('removes the user a failed AdminCreateUser saved, and answers its error', async () => {
    const fake = fakeCognito();
    const error = await rejection(leaveNoUserOnFailure(fake.services)(failing(fake))(ctx, { UserPoolId: 'local_Pool1', Username: 'ada' }));
    expect(error.code).toBe('CodeDeliveryFailureException');
    expect(fake.stored.has('ada')).toBe(false);
  });

  it('leaves a user who existed before alone', async () => {
    const fake = fakeCognito({ users: [ada] });
    const taken: Route = async () => {
      throw new CognitoError('UsernameExistsException', 'User account already exists');
    };
    await rejection(leaveNoUserOnFailure(fake.services)(taken)(ctx, { UserPoolId: 'local_Pool1', Username: 'ada' }));
    expect(fake.stored.get('ada')).toBe(ada);
  });
});
