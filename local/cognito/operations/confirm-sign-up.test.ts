import type { ConfirmSignUpCommandInput } from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { type AppClient, attributesToRecord, type User, type UserPool } from '../cognito-local.ts';
import { appClient, ctx, poolUser, rejection } from '../testing/fake-cognito.ts';
import { functionArn } from '../testing/fake-lambda.ts';
import { NOW, operationTestbed } from '../testing/operation-testbed.ts';
import { confirmSignUp } from './confirm-sign-up.ts';

const ADA_SUB = '0a1b2c3d-0000-4000-8000-000000000001';
const PENDING_SUB = '0a1b2c3d-0000-4000-8000-000000000002';
const ada = poolUser(ADA_SUB, 'ada@example.com', 'CONFIRMED');
const pending = (extra: Partial<User> = {}) =>
  poolUser(PENDING_SUB, 'pending@example.com', 'UNCONFIRMED', {
    ConfirmationCode: '123456',
    Attributes: [
      { Name: 'sub', Value: PENDING_SUB },
      { Name: 'email', Value: 'pending@example.com' },
      { Name: 'email_verified', Value: 'false' },
    ],
    ...extra,
  });
const CONFIRM: ConfirmSignUpCommandInput = { ClientId: 'client-1', Username: 'pending@example.com', ConfirmationCode: '123456' };

const testbed = operationTestbed();

/** An email-as-username pool with `users` and one app client, client-1. */
function fakePool(users: User[], pool: Partial<UserPool> = {}, client: Partial<AppClient> = {}) {
  return testbed.fake({ users, pool: { UsernameAttributes: ['email'], ...pool }, clients: [appClient('client-1', client)] });
}

describe('confirmSignUp', () => {
  it('tells a confirmed user their status, as Cognito does, and saves nothing', async () => {
    const { deps, saved } = fakePool([ada]);
    const error = await rejection(confirmSignUp(deps, ctx, { ...CONFIRM, Username: 'ada@example.com' }));
    expect(error.code).toBe('NotAuthorizedException');
    expect(error.message).toBe('User cannot be confirmed. Current status is CONFIRMED');
    expect(saved).toEqual([]);
  });

  it('confirms the user and marks the email verified, in one save', async () => {
    const { deps, stored, saved } = fakePool([pending()]);
    expect(await confirmSignUp(deps, ctx, CONFIRM)).toEqual({});
    expect(saved).toHaveLength(1);
    const confirmed = stored.get(PENDING_SUB);
    expect(confirmed?.UserStatus).toBe('CONFIRMED');
    expect(confirmed?.ConfirmationCode).toBeUndefined();
    expect(confirmed?.UserLastModifiedDate).toBe(NOW);
    expect(confirmed?.Attributes.filter((attribute) => attribute.Name === 'email_verified')).toEqual([
      { Name: 'email_verified', Value: 'true' },
    ]);
    expect(attributesToRecord(confirmed?.Attributes)).toEqual({ sub: PENDING_SUB, email: 'pending@example.com', email_verified: 'true' });
  });

  it('verifies the phone number where the pool sent the code by SMS', async () => {
    const phoneUser = pending({
      Attributes: [
        { Name: 'sub', Value: PENDING_SUB },
        { Name: 'email', Value: 'pending@example.com' },
        { Name: 'phone_number', Value: '+15555550100' },
      ],
    });
    const { deps, stored } = fakePool([phoneUser], { AutoVerifiedAttributes: ['phone_number', 'email'] });
    await confirmSignUp(deps, ctx, CONFIRM);
    expect(attributesToRecord(stored.get(PENDING_SUB)?.Attributes)).toMatchObject({ phone_number_verified: 'true' });
    expect(attributesToRecord(stored.get(PENDING_SUB)?.Attributes).email_verified).toBeUndefined();
  });

  it.each([
    ['a wrong code', pending(), '000000', 'CodeMismatchException', 'Invalid verification code provided, please try again.'],
    [
      'a user with no code',
      pending({ ConfirmationCode: undefined }),
      '123456',
      'ExpiredCodeException',
      'Invalid code provided, please request a code again.',
    ],
  ])('refuses %s with Cognito’s answer and leaves the email unverified', async (_, user, code, name, message) => {
    const { deps, saved } = fakePool([user]);
    const error = await rejection(confirmSignUp(deps, ctx, { ...CONFIRM, ConfirmationCode: code }));
    expect([error.code, error.message]).toEqual([name, message]);
    expect(saved).toEqual([]);
  });

  it('answers an unknown user as ResendConfirmationCode does, or as a wrong code where the client hides users', async () => {
    const { deps, saved } = fakePool([]);
    const error = await rejection(confirmSignUp(deps, ctx, { ...CONFIRM, Username: 'nobody@example.com' }));
    expect([error.code, error.message]).toEqual(['UserNotFoundException', 'Username/client id combination not found.']);
    const hidden = fakePool([], {}, { PreventUserExistenceErrors: 'ENABLED' });
    expect((await rejection(confirmSignUp(hidden.deps, ctx, { ...CONFIRM, Username: 'nobody@example.com' }))).code).toBe(
      'CodeMismatchException',
    );
    expect(saved).toEqual([]);
  });

  it('checks the client’s SECRET_HASH before anything else', async () => {
    const { deps, saved } = fakePool([ada], {}, { ClientSecret: 'shh' });
    const error = await rejection(confirmSignUp(deps, ctx, { ...CONFIRM, Username: 'ada@example.com' }));
    expect([error.code, error.message]).toEqual([
      'NotAuthorizedException',
      'Client client-1 is configured with secret but SECRET_HASH was not received',
    ]);
    expect(saved).toEqual([]);
  });

  it('runs PostConfirmation once the user is saved, with email_verified "true" and the pool named (no trigger scope)', async () => {
    let storedWhenRun: User | undefined;
    const { deps, stored } = fakePool([pending()], { LambdaConfig: { PostConfirmation: functionArn('confirm-post') } });
    testbed.lambda().handle('confirm-post', (event) => {
      storedWhenRun = stored.get(PENDING_SUB);
      return event;
    });
    await confirmSignUp(deps, ctx, { ...CONFIRM, ClientMetadata: { from: 'test' } });

    const [event] = testbed
      .lambda()
      .invoked.filter((call) => call.functionName === 'confirm-post')
      .map((call) => call.event);
    expect(event).toEqual({
      version: '1',
      triggerSource: 'PostConfirmation_ConfirmSignUp',
      region: 'eu-west-1',
      userPoolId: 'local_Pool1',
      userName: PENDING_SUB,
      callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: 'client-1' },
      request: {
        userAttributes: { sub: PENDING_SUB, email: 'pending@example.com', email_verified: 'true', 'cognito:user_status': 'CONFIRMED' },
        clientMetadata: { from: 'test' },
      },
      response: {},
    });
    expect(storedWhenRun?.UserStatus).toBe('CONFIRMED');
  });
});
