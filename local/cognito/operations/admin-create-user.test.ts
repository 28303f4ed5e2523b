import type { AdminCreateUserCommandInput } from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import type { UserPool } from '../cognito-local.ts';
import { passwordPolicyViolation } from '../password-policy.ts';
import { ctx, poolUser, rejection } from '../testing/fake-cognito.ts';
import { functionArn } from '../testing/fake-lambda.ts';
import { AWS_DEFAULT_POLICY, NOW, operationTestbed } from '../testing/operation-testbed.ts';
import { adminCreateUser } from './admin-create-user.ts';

const POLICY = AWS_DEFAULT_POLICY;

const testbed = operationTestbed();

/** A pool with `pool`'s settings and Cognito's default password policy; ada exists already. */
function fakePool(pool: Partial<UserPool> = {}) {
  return testbed.fake({
    users: [poolUser('ada', 'ada@example.com', 'CONFIRMED')],
    pool: { Policies: { PasswordPolicy: POLICY }, ...pool },
  });
}

const invite = (extra: Partial<AdminCreateUserCommandInput> = {}): AdminCreateUserCommandInput => ({
  UserPoolId: 'local_Pool1',
  Username: 'bob',
  DesiredDeliveryMediums: ['EMAIL'],
  UserAttributes: [{ Name: 'email', Value: 'bob@example.com' }],
  ...extra,
});

describe('adminCreateUser', () => {
  it('saves one FORCE_CHANGE_PASSWORD user, with a temporary password the policy takes, and invites them', async () => {
    const { deps, saved, delivered } = fakePool();
    const { User } = await adminCreateUser(deps, ctx, invite());
    expect(User).toMatchObject({ Username: 'bob', UserStatus: 'FORCE_CHANGE_PASSWORD', Enabled: true, UserCreateDate: NOW });
    expect(saved).toHaveLength(1);
    const password = saved[0]!.Password;
    expect(passwordPolicyViolation(password, POLICY)).toBeUndefined();
    expect(delivered).toHaveLength(1);
    const [, kind, clientId, poolId, user, code, , delivery] = delivered[0]!;
    expect([kind, clientId, poolId, user.Username, code]).toEqual(['AdminCreateUser', null, 'local_Pool1', 'bob', password]);
    expect(delivery).toEqual({ AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: 'bob@example.com' });
  });

  it('keeps a TemporaryPassword given, and sends nothing when the MessageAction is SUPPRESS', async () => {
    const { deps, saved, delivered } = fakePool();
    await adminCreateUser(deps, ctx, invite({ TemporaryPassword: 'Temp-Passw0rd!', MessageAction: 'SUPPRESS' }));
    expect(saved[0]!.Password).toBe('Temp-Passw0rd!');
    expect(delivered).toEqual([]);
  });

  it('makes the sub the username in an email pool, and takes the email from the username', async () => {
    const { deps, saved } = fakePool({ UsernameAttributes: ['email'] });
    await adminCreateUser(deps, ctx, invite({ Username: 'bob@example.com', UserAttributes: [] }));
    const sub = saved[0]!.Attributes.find((attribute) => attribute.Name === 'sub')?.Value;
    expect(saved[0]!.Username).toBe(sub);
    expect(saved[0]!.Attributes).toContainEqual({ Name: 'email', Value: 'bob@example.com' });
  });

  it.each([
    ['EMAIL without an email', invite({ UserAttributes: [] }), 'No email provided but desired delivery medium was Email'],
    [
      'SMS without a phone number',
      invite({ DesiredDeliveryMediums: ['SMS'] }),
      'No phone_number provided but desired delivery medium was Sms',
    ],
    [
      'the default, SMS, without a phone number',
      invite({ DesiredDeliveryMediums: undefined }),
      'No phone_number provided but desired delivery medium was Sms',
    ],
    [
      'a TemporaryPassword the policy refuses',
      invite({ TemporaryPassword: 'short' }),
      'Password did not conform with policy: Password not long enough',
    ],
  ])('refuses %s before creating anyone', async (_case, input, message) => {
    const { deps, saved, delivered } = fakePool();
    const error = await rejection(adminCreateUser(deps, ctx, input));
    expect(error.message).toBe(message);
    expect([saved, delivered]).toEqual([[], []]);
  });

  it('refuses a name already taken', async () => {
    const { deps, saved } = fakePool();
    const error = await rejection(adminCreateUser(deps, ctx, invite({ Username: 'ada' })));
    expect([error.code, error.message]).toEqual(['UsernameExistsException', 'User already exists']);
    expect(saved).toEqual([]);
  });

  it('runs PreSignUp_AdminCreateUser first; a trigger that throws leaves no user', async () => {
    testbed.lambda().handle('invite-pre', () => {
      throw new Error('not on the list');
    });
    const { deps, saved, delivered } = fakePool({ LambdaConfig: { PreSignUp: functionArn('invite-pre') } });
    const error = await rejection(adminCreateUser(deps, ctx, invite()));
    expect(error.code).toBe('UserLambdaValidationException');
    const event = testbed
      .lambda()
      .invoked.filter((call) => call.functionName === 'invite-pre')
      .at(-1)?.event;
    expect(event).toMatchObject({ triggerSource: 'PreSignUp_AdminCreateUser', userName: 'bob' });
    expect([saved, delivered]).toEqual([[], []]);
  });

  it('leaves no user when the invitation fails', async () => {
    const { deps, saved } = fakePool();
    const failing = { ...deps, messages: { deliver: async () => Promise.reject(new Error('the inbox is gone')) } };
    await expect(adminCreateUser(failing, ctx, invite())).rejects.toThrow('the inbox is gone');
    expect(saved).toEqual([]);
  });

  describe('MessageAction RESEND', () => {
    // "Set to RESEND to resend the invitation message to a user that already exists, and reset the
    // expiration limit on the user's account" (API_AdminCreateUser.html, MessageAction).
    const invited = poolUser('carol', 'carol@example.com', 'FORCE_CHANGE_PASSWORD', { Password: 'First-Temp-1!' });
    const resend = (extra: Partial<AdminCreateUserCommandInput> = {}) =>
      invite({ Username: 'carol', MessageAction: 'RESEND', UserAttributes: [{ Name: 'email', Value: 'other@example.com' }], ...extra });

    it('invites a user still on a temporary password again, with a new one, saved once after the invitation', async () => {
      const { deps, saved, delivered } = testbed.fake({ users: [invited], pool: { Policies: { PasswordPolicy: POLICY } } });
      const { User } = await adminCreateUser(deps, ctx, resend());
      expect(User).toMatchObject({ Username: 'carol', UserStatus: 'FORCE_CHANGE_PASSWORD', UserLastModifiedDate: NOW });
      expect(saved).toHaveLength(1);
      const password = saved[0]!.Password;
      expect(password).not.toBe('First-Temp-1!');
      expect(passwordPolicyViolation(password, POLICY)).toBeUndefined();
      // The stored attributes, not the request's: a RESEND changes no attribute.
      expect(saved[0]!.Attributes).toEqual(invited.Attributes);
      const [, kind, , , user, code, , delivery] = delivered[0]!;
      expect([kind, user.Username, code]).toEqual(['AdminCreateUser', 'carol', password]);
      expect(delivery).toEqual({ AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: 'carol@example.com' });
    });

    it('takes a TemporaryPassword given (checked against the policy)', async () => {
      const { deps, saved } = testbed.fake({ users: [invited], pool: { Policies: { PasswordPolicy: POLICY } } });
      expect((await rejection(adminCreateUser(deps, ctx, resend({ TemporaryPassword: 'short' })))).code).toBe('InvalidPasswordException');
      await adminCreateUser(deps, ctx, resend({ TemporaryPassword: 'Second-Temp-2!' }));
      expect(saved.map((user) => user.Password)).toEqual(['Second-Temp-2!']);
    });

    it('refuses a user who does not exist, and one who is no longer on a temporary password, sending nothing', async () => {
      const { deps, saved, delivered } = fakePool();
      const missing = await rejection(adminCreateUser(deps, ctx, resend({ Username: 'nobody' })));
      expect([missing.code, missing.message]).toEqual(['UserNotFoundException', 'User does not exist.']);
      const confirmed = await rejection(adminCreateUser(deps, ctx, resend({ Username: 'ada' })));
      expect([confirmed.code, confirmed.message]).toEqual([
        'UnsupportedUserStateException',
        'Resend not possible. ada status is not FORCE_CHANGE_PASSWORD',
      ]);
      expect(saved).toEqual([]);
      expect(delivered).toEqual([]);
    });
  });
});
