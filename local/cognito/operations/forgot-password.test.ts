import { describe, expect, it } from 'vitest';
import type { AppClient, UserPool } from '../cognito-local.ts';
import { appClient, ctx, poolUser, rejection } from '../testing/fake-cognito.ts';
import { functionArn } from '../testing/fake-lambda.ts';
import { AWS_DEFAULT_POLICY, NOW, operationTestbed } from '../testing/operation-testbed.ts';
import { confirmForgotPassword } from './confirm-forgot-password.ts';
import { forgotPassword } from './forgot-password.ts';

const SUB = '0a1b2c3d-0000-4000-8000-000000000001';

const testbed = operationTestbed();

/** An email-as-username pool with Ada (CONFIRMED) and one app client, client-1. */
function fakePool(pool: Partial<UserPool> = {}, client: Partial<AppClient> = {}, users = [poolUser(SUB, 'ada@example.com', 'CONFIRMED')]) {
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
    expect(saved[0]).toMatchObject({ Username: SUB, ConfirmationCode: '654321', UserLastModifiedDate: NOW });
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
    testbed
      .lambda()
      .handle('forgot-migrate', (event) => ({ ...event, response: { userAttributes: { email: 'bob@example.com', name: 'Bob' } } }));
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
    expect(saved[0]).toMatchObject({ UserStatus: 'RESET_REQUIRED', ConfirmationCode: '654321' });
    expect(delivered.map((call) => call[7].Destination)).toEqual(['bob@example.com']);
  });

  it('checks the client’s SECRET_HASH first', async () => {
    const { deps } = fakePool({}, { ClientSecret: 'shh' });
    const error = await rejection(forgotPassword(deps, ctx, { ClientId: 'client-1', Username: 'nobody@example.com' }));
    expect(error.message).toBe('Client client-1 is configured with secret but SECRET_HASH was not received');
  });
});

describe('confirmForgotPassword', () => {
  const reset = (extra = {}) => poolUser(SUB, 'ada@example.com', 'RESET_REQUIRED', { ConfirmationCode: '654321', ...extra });
  const CONFIRM = { ClientId: 'client-1', Username: 'ada@example.com', ConfirmationCode: '654321', Password: 'New-Horse-2!' };

  it('sets the new password and confirms the user in one save, then runs PostConfirmation_ConfirmForgotPassword', async () => {
    testbed.lambda().handle('forgot-post', (event) => event);
    const { deps, saved } = fakePool({ LambdaConfig: { PostConfirmation: functionArn('forgot-post') } }, {}, [reset()]);
    expect(await confirmForgotPassword(deps, ctx, CONFIRM)).toEqual({});
    expect(saved).toEqual([expect.objectContaining({ UserStatus: 'CONFIRMED', Password: 'New-Horse-2!', ConfirmationCode: undefined })]);
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
});
