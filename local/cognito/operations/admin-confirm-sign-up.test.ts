import { describe, expect, it } from 'vitest';
import { attributesToRecord, type User } from '../cognito-local.ts';
import { ctx, poolUser, rejection } from '../testing/fake-cognito.ts';
import { functionArn } from '../testing/fake-lambda.ts';
import { NOW, operationTestbed } from '../testing/operation-testbed.ts';
import { adminConfirmSignUp } from './admin-confirm-sign-up.ts';

const SUB = '0a1b2c3d-0000-4000-8000-000000000002';
const pending = poolUser(SUB, 'pending@example.com', 'UNCONFIRMED', { ConfirmationCode: '123456' });
const ada = poolUser('ada', 'ada@example.com', 'CONFIRMED');

const testbed = operationTestbed();
const fakePool = (users: User[], lambdaConfig?: Record<string, string>) =>
  testbed.fake({ users, pool: { UsernameAttributes: ['email'], ...(lambdaConfig ? { LambdaConfig: lambdaConfig } : {}) } });

describe('adminConfirmSignUp', () => {
  it('confirms an UNCONFIRMED user named by email in one save, and verifies no attribute (no code went anywhere)', async () => {
    const { deps, stored, saved } = fakePool([pending]);
    expect(await adminConfirmSignUp(deps, ctx, { UserPoolId: 'local_Pool1', Username: 'pending@example.com' })).toEqual({});
    expect(saved).toHaveLength(1);
    expect(stored.get(SUB)).toMatchObject({ UserStatus: 'CONFIRMED', UserLastModifiedDate: NOW });
    expect(attributesToRecord(stored.get(SUB)?.Attributes)).toEqual({ sub: SUB, email: 'pending@example.com' });
  });

  it.each([['CONFIRMED'], ['FORCE_CHANGE_PASSWORD'], ['RESET_REQUIRED']] as const)(
    'refuses a %s user with NotAuthorizedException naming the status, and saves nothing',
    async (status) => {
      const { deps, saved } = fakePool([{ ...ada, UserStatus: status }]);
      const error = await rejection(adminConfirmSignUp(deps, ctx, { UserPoolId: 'local_Pool1', Username: 'ada' }));
      expect([error.code, error.message]).toEqual(['NotAuthorizedException', `User cannot be confirmed. Current status is ${status}`]);
      expect(saved).toEqual([]);
    },
  );

  it('answers UserNotFoundException for a user the pool does not hold (cognito-local: NotAuthorizedException)', async () => {
    const { deps, saved } = fakePool([]);
    const error = await rejection(adminConfirmSignUp(deps, ctx, { UserPoolId: 'local_Pool1', Username: 'nobody@example.com' }));
    expect([error.code, error.message]).toEqual(['UserNotFoundException', 'User does not exist.']);
    expect(saved).toEqual([]);
  });

  it('runs PostConfirmation_ConfirmSignUp after the save, with no app client and the ClientMetadata', async () => {
    let storedWhenRun: User | undefined;
    const { deps, stored } = fakePool([pending], { PostConfirmation: functionArn('admin-confirm-post') });
    testbed.lambda().handle('admin-confirm-post', (event) => {
      storedWhenRun = stored.get(SUB);
      return event;
    });
    await adminConfirmSignUp(deps, ctx, { UserPoolId: 'local_Pool1', Username: SUB, ClientMetadata: { by: 'admin' } });
    const events = testbed
      .lambda()
      .invoked.filter((call) => call.functionName === 'admin-confirm-post')
      .map((call) => call.event);
    expect(events).toEqual([
      {
        version: '1',
        triggerSource: 'PostConfirmation_ConfirmSignUp',
        region: 'eu-west-1',
        userPoolId: 'local_Pool1',
        userName: SUB,
        callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: 'CLIENT_ID_NOT_APPLICABLE' },
        request: {
          userAttributes: { sub: SUB, email: 'pending@example.com', 'cognito:user_status': 'CONFIRMED' },
          clientMetadata: { by: 'admin' },
        },
        response: {},
      },
    ]);
    expect(storedWhenRun?.UserStatus).toBe('CONFIRMED');
  });

  it('fails with the trigger and keeps the user confirmed when PostConfirmation throws, as Cognito does after its save', async () => {
    const { deps, stored } = fakePool([pending], { PostConfirmation: functionArn('admin-confirm-throws') });
    testbed.lambda().handle('admin-confirm-throws', () => {
      throw new Error('no welcome today');
    });
    const error = await rejection(adminConfirmSignUp(deps, ctx, { UserPoolId: 'local_Pool1', Username: SUB }));
    expect(error.code).toBe('UserLambdaValidationException');
    expect(stored.get(SUB)?.UserStatus).toBe('CONFIRMED');
  });
});
