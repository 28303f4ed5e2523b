import { describe, expect, it } from 'vitest';
import type { AppClient, User, UserPool } from '../cognito-local.ts';
import { appClient, ctx, poolUser, rejection } from '../testing/fake-cognito.ts';
import { functionArn } from '../testing/fake-lambda.ts';
import { AWS_DEFAULT_POLICY, NOW, operationTestbed } from '../testing/operation-testbed.ts';
import { confirmForgotPassword } from './confirm-forgot-password.ts';
import { forgotPassword } from './forgot-password.ts';

const SUB = '0a1b2c3d-0000-4000-8000-000000000001';

const testbed = operationTestbed();

/** Ada, CONFIRMED, her email verified (a reset code goes only to a verified email or phone number). */
const ada = (extra: Partial<User> = {}, attributes: User['Attributes'] = []) => {
  const user = poolUser(SUB, 'ada@example.com', 'CONFIRMED', extra);
  return { ...user, Attributes: [...user.Attributes, { Name: 'email_verified', Value: 'true' }, ...attributes] };
};

/** An email-as-username pool with Ada and one app client, client-1. */
function fakePool(pool: Partial<UserPool> = {}, client: Partial<AppClient> = {}, users = [ada()]) {
  return testbed.fake({
    users,
    pool: { UsernameAttributes: ['email'], Policies: { PasswordPolicy: AWS_DEFAULT_POLICY }, ...pool },
    clients: [appClient('client-1', client)],
    otp: '654321',
  });
}

describe('forgotPassword', () => {
  it('sends a code to the email and saves it with the user, once; the answer masks the address', async () => {
    const { deps, saved, delivered, userPool } = fakePool();
    const answer = await forgotPassword(deps, ctx, { ClientId: 'client-1', Username: 'ada@example.com' });
    expect(answer).toEqual({ CodeDeliveryDetails: { AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: 'a***@e***' } });
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({ Username: SUB, PasswordResetCode: '654321', UserLastModifiedDate: NOW });
    expect(delivered.map((call) => [call[1], call[5], call[7].Destination, call[8]])).toEqual([
      ['ForgotPassword', '654321', 'ada@example.com', userPool.options],
    ]);
  });

  it('answers a user the pool does not have as Cognito does, and sends nothing', async () => {
    const { deps, saved, delivered } = fakePool();
    const error = await rejection(forgotPassword(deps, ctx, { ClientId: 'client-1', Username: 'nobody@example.com' }));
    expect([error.code, error.message]).toEqual(['UserNotFoundException', 'Username/client id combination not found.']);
    expect(saved).toEqual([]);
    expect(delivered).toEqual([]);
  });

  it('migrates a user the pool does not have through its UserMigration trigger, and saves them once, RESET_REQUIRED, with the code', async () => {
    testbed.lambda().handle('forgot-migrate', (event) => ({
      ...event,
      response: { userAttributes: { email: 'bob@example.com', email_verified: 'true', name: 'Bob' } },
    }));
    const { deps, saved, delivered } = fakePool({ LambdaConfig: { UserMigration: functionArn('forgot-migrate') } });
    await forgotPassword(deps, ctx, { ClientId: 'client-1', Username: 'bob@example.com', ClientMetadata: { reason: 'forgot' } });

    expect(
      testbed
        .lambda()
        .invoked.filter((call) => call.functionName === 'forgot-migrate')
        .map((call) => call.event),
    ).toMatchObject([
      { triggerSource: 'UserMigration_ForgotPassword', userName: 'bob@example.com', request: { clientMetadata: { reason: 'forgot' } } },
    ]);
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({ UserStatus: 'RESET_REQUIRED', PasswordResetCode: '654321' });
    expect(delivered.map((call) => call[7].Destination)).toEqual(['bob@example.com']);
  });

  // https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ForgotPassword.html: "If neither a
  // verified phone number nor a verified email exists, Amazon Cognito responds with an InvalidParameterException".
  it('refuses a user without a verified email or phone number, and sends nothing', async () => {
    const { deps, saved, delivered } = fakePool({}, {}, [poolUser(SUB, 'ada@example.com', 'CONFIRMED')]);
    const error = await rejection(forgotPassword(deps, ctx, { ClientId: 'client-1', Username: 'ada@example.com' }));
    expect([error.code, error.message]).toEqual([
      'InvalidParameterException',
      'Cannot reset password for the user as there is no registered/verified email or phone_number',
    ]);
    expect([saved, delivered]).toEqual([[], []]);
  });

  // https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AccountRecoverySettingType.html
  it("sends by the pool's AccountRecoverySetting: its first mechanism the user has verified; SMS first without one", async () => {
    const phone = [
      { Name: 'phone_number', Value: '+15555550100' },
      { Name: 'phone_number_verified', Value: 'true' },
    ];
    const mediumFor = async (pool: Partial<UserPool>, user = ada({}, phone)) => {
      const { deps } = fakePool(pool, {}, [user]);
      return (await forgotPassword(deps, ctx, { ClientId: 'client-1', Username: 'ada@example.com' })).CodeDeliveryDetails?.DeliveryMedium;
    };
    const emailFirst = {
      RecoveryMechanisms: [
        { Name: 'verified_phone_number', Priority: 2 },
        { Name: 'verified_email', Priority: 1 },
      ],
    };
    expect(await mediumFor({ AccountRecoverySetting: emailFirst })).toBe('EMAIL');
    expect(await mediumFor({})).toBe('SMS');
    const phoneFirst = {
      RecoveryMechanisms: [
        { Name: 'verified_phone_number', Priority: 1 },
        { Name: 'verified_email', Priority: 2 },
      ],
    };
    expect(await mediumFor({ AccountRecoverySetting: phoneFirst })).toBe('SMS');
    // "SMS doesn't qualify ... if the user also has SMS multi-factor authentication (MFA) activated."
    expect(await mediumFor({ AccountRecoverySetting: phoneFirst }, ada({ UserMFASettingList: ['SMS_MFA'] }, phone))).toBe('EMAIL');
    const { deps } = fakePool({ AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'admin_only', Priority: 1 }] } });
    expect((await rejection(forgotPassword(deps, ctx, { ClientId: 'client-1', Username: 'ada@example.com' }))).code).toBe(
      'InvalidParameterException',
    );
  });

  // https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-managing-errors.html: "account confirmation
  // and password recovery APIs return a response indicating a code was sent to a simulated delivery medium".
  it('answers a client that hides whether users exist with a simulated delivery for an unknown, disabled or unverified user', async () => {
    const users = [ada({ Enabled: false }), { ...poolUser('bob-sub', 'bob@example.com', 'CONFIRMED') }];
    const { deps, saved, delivered } = fakePool({}, { PreventUserExistenceErrors: 'ENABLED' }, users);
    for (const Username of ['nobody@example.com', 'ada@example.com', 'bob@example.com']) {
      const answer = await forgotPassword(deps, ctx, { ClientId: 'client-1', Username });
      expect(answer.CodeDeliveryDetails).toEqual({
        AttributeName: 'email',
        DeliveryMedium: 'EMAIL',
        Destination: `${Username[0]}***@e***`,
      });
    }
    expect([saved, delivered]).toEqual([[], []]);
  });

  it("refuses a disabled user on a client that does not hide users ([U]: sign-in's words)", async () => {
    const { deps } = fakePool({}, {}, [ada({ Enabled: false })]);
    expect((await rejection(forgotPassword(deps, ctx, { ClientId: 'client-1', Username: 'ada@example.com' }))).message).toBe(
      'User is disabled.',
    );
  });

  it('checks the client’s SECRET_HASH first', async () => {
    const { deps } = fakePool({}, { ClientSecret: 'shh' });
    const error = await rejection(forgotPassword(deps, ctx, { ClientId: 'client-1', Username: 'nobody@example.com' }));
    expect(error.message).toBe('Client client-1 is configured with secret but SECRET_HASH was not received');
  });
});

describe('confirmForgotPassword', () => {
  const reset = (extra = {}) => poolUser(SUB, 'ada@example.com', 'RESET_REQUIRED', { PasswordResetCode: '654321', ...extra });
  const CONFIRM = { ClientId: 'client-1', Username: 'ada@example.com', ConfirmationCode: '654321', Password: 'New-Horse-2!' };

  it('sets the new password and confirms the user in one save, then runs PostConfirmation_ConfirmForgotPassword', async () => {
    testbed.lambda().handle('forgot-post', (event) => event);
    const { deps, saved } = fakePool({ LambdaConfig: { PostConfirmation: functionArn('forgot-post') } }, {}, [reset()]);
    expect(await confirmForgotPassword(deps, ctx, CONFIRM)).toEqual({});
    expect(saved).toEqual([expect.objectContaining({ UserStatus: 'CONFIRMED', Password: 'New-Horse-2!', PasswordResetCode: undefined })]);
    expect(
      testbed
        .lambda()
        .invoked.filter((call) => call.functionName === 'forgot-post')
        .map((call) => call.event),
    ).toMatchObject([
      {
        triggerSource: 'PostConfirmation_ConfirmForgotPassword',
        userName: SUB,
        request: { userAttributes: { email: 'ada@example.com', 'cognito:user_status': 'CONFIRMED' } },
      },
    ]);
  });

  it.each([
    [
      'a password the policy refuses, before the code',
      { Password: 'weak', ConfirmationCode: '000000' },
      'InvalidPasswordException',
      'Password did not conform with policy: Password not long enough',
    ],
    ['a wrong code', { ConfirmationCode: '000000' }, 'CodeMismatchException', 'Invalid verification code provided, please try again.'],
    [
      'a user the pool does not have',
      { Username: 'nobody@example.com' },
      'UserNotFoundException',
      'Username/client id combination not found.',
    ],
  ])('refuses %s with Cognito’s answer and saves nothing', async (_, change, name, message) => {
    const { deps, saved } = fakePool({}, {}, [reset()]);
    const error = await rejection(confirmForgotPassword(deps, ctx, { ...CONFIRM, ...change }));
    expect([error.code, error.message]).toEqual([name, message]);
    expect(saved).toEqual([]);
  });

  it('takes only a code ForgotPassword sent: none pending (a sign-up code is none) is ExpiredCodeException', async () => {
    const unconfirmed = poolUser(SUB, 'ada@example.com', 'UNCONFIRMED', { ConfirmationCode: '654321' });
    const { deps, saved } = fakePool({}, {}, [unconfirmed]);
    const error = await rejection(confirmForgotPassword(deps, ctx, CONFIRM));
    expect([error.code, error.message]).toEqual(['ExpiredCodeException', 'Invalid code provided, please request a code again.']);
    expect(saved).toEqual([]);
  });

  it('answers an unknown user as a wrong code on a client that hides whether users exist', async () => {
    const { deps } = fakePool({}, { PreventUserExistenceErrors: 'ENABLED' }, [reset()]);
    const error = await rejection(confirmForgotPassword(deps, ctx, { ...CONFIRM, Username: 'nobody@example.com' }));
    expect(error.code).toBe('CodeMismatchException');
  });
});
