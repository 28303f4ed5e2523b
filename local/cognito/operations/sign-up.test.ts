import type { SignUpCommandInput } from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import type { AppClient, UserPool } from '../cognito-local.ts';
import { secretHash } from '../secrets/secret-hash.ts';
import { appClient, ctx, poolUser, rejection } from '../testing/fake-cognito.ts';
import { functionArn } from '../testing/fake-lambda.ts';
import { AWS_DEFAULT_POLICY, NOW, operationTestbed } from '../testing/operation-testbed.ts';
import { signUp } from './sign-up.ts';

const ADA: SignUpCommandInput = { ClientId: 'client-1', Username: 'ada@example.com', Password: 'Correct-Horse-1!' };

const testbed = operationTestbed();

/** An email-as-username pool that sends its code by email, with `pool`'s settings and one app client, client-1. */
function fakePool(
  pool: Partial<UserPool> = {},
  client: Partial<AppClient> = {},
  users = [poolUser('0a1b2c3d-0000-4000-8000-000000000001', 'taken@example.com', 'CONFIRMED')],
) {
  return testbed.fake({
    users,
    pool: { UsernameAttributes: ['email'], AutoVerifiedAttributes: ['email'], Policies: { PasswordPolicy: AWS_DEFAULT_POLICY }, ...pool },
    clients: [appClient('client-1', client)],
    otp: '123456',
  });
}

describe('signUp', () => {
  it('saves an UNCONFIRMED user once, its sub as the username of an email pool, and sends the code to the email, masked in the answer', async () => {
    const { deps, saved, delivered, userPool } = fakePool();
    const answer = await signUp(deps, ctx, ADA);

    expect(answer).toEqual({
      UserConfirmed: false,
      UserSub: expect.stringMatching(/^[0-9a-f-]{36}$/),
      CodeDeliveryDetails: { AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: 'a***@e***' },
    });
    expect(saved).toEqual([
      {
        Username: answer.UserSub,
        Password: 'Correct-Horse-1!',
        Attributes: [
          { Name: 'sub', Value: answer.UserSub },
          { Name: 'email', Value: 'ada@example.com' },
        ],
        UserStatus: 'UNCONFIRMED',
        Enabled: true,
        RefreshTokens: [],
        UserCreateDate: NOW,
        UserLastModifiedDate: NOW,
        ConfirmationCode: '123456',
      },
    ]);
    // The inbox gets the real address, and the pool, for its CustomMessage trigger.
    expect(delivered).toHaveLength(1);
    expect(delivered[0]!.slice(1, 4)).toEqual(['SignUp', 'client-1', 'local_Pool1']);
    expect(delivered[0]![7]).toEqual({ AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: 'ada@example.com' });
    expect(delivered[0]![8]).toBe(userPool.options);
  });

  it('sends no code in a pool that verifies nothing, and keeps the username of a username pool', async () => {
    const { deps, saved, delivered } = fakePool({ UsernameAttributes: undefined, AutoVerifiedAttributes: [] });
    const answer = await signUp(deps, ctx, { ...ADA, Username: 'ada', UserAttributes: [{ Name: 'email', Value: 'ada@example.com' }] });
    expect(answer.CodeDeliveryDetails).toBeUndefined();
    expect(delivered).toEqual([]);
    expect(saved.map((user) => user.Username)).toEqual(['ada']);
  });

  it.each<[string, Partial<UserPool>, Partial<AppClient>, SignUpCommandInput, string, string]>([
    [
      'a client secret without its hash',
      { AdminCreateUserConfig: { AllowAdminCreateUserOnly: true } },
      { ClientSecret: 'shh' },
      { ...ADA, Password: 'weak' },
      'NotAuthorizedException',
      'Client client-1 is configured with secret but SECRET_HASH was not received',
    ],
    [
      'a pool where only administrators create users',
      { AdminCreateUserConfig: { AllowAdminCreateUserOnly: true } },
      {},
      { ...ADA, Password: 'weak', UserAttributes: [{ Name: 'favorite_flavor', Value: 'x' }] },
      'NotAuthorizedException',
      'SignUp is not permitted for this user pool',
    ],
    [
      'an attribute outside the schema',
      {},
      {},
      { ...ADA, Password: 'weak', UserAttributes: [{ Name: 'favorite_flavor', Value: 'x' }] },
      'InvalidParameterException',
      'Attributes did not conform to the schema: favorite_flavor: Attribute does not exist in the schema.\n',
    ],
    [
      'an attribute the client may not write',
      {},
      { WriteAttributes: ['email'] },
      { ...ADA, Password: 'weak', UserAttributes: [{ Name: 'name', Value: 'Ada' }] },
      'NotAuthorizedException',
      'A client attempted to write unauthorized attribute',
    ],
    [
      'a password the policy refuses',
      {},
      {},
      { ...ADA, Username: 'taken@example.com', Password: 'Sh0rt!' },
      'InvalidPasswordException',
      'Password did not conform with policy: Password not long enough',
    ],
    [
      'a name taken',
      {},
      {},
      { ...ADA, Username: 'taken@example.com' },
      'UsernameExistsException',
      'An account with the given email already exists.',
    ],
    [
      'a username that is not an email, in an email pool',
      {},
      {},
      { ...ADA, Username: 'ada' },
      'InvalidParameterException',
      'Username should be an email.',
    ],
  ])('refuses %s first, with Cognito’s answer, and saves and sends nothing', async (_, pool, client, input, code, message) => {
    const { deps, saved, delivered } = fakePool(pool, client);
    const error = await rejection(signUp(deps, ctx, input));
    expect([error.code, error.message]).toEqual([code, message]);
    expect(saved).toEqual([]);
    expect(delivered).toEqual([]);
  });

  it('answers a username taken in a pool of usernames as Cognito does there: User already exists', async () => {
    const { deps, saved } = fakePool({ UsernameAttributes: undefined }, {}, [poolUser('ada', 'ada@example.com', 'CONFIRMED')]);
    const error = await rejection(signUp(deps, ctx, { ...ADA, Username: 'ada' }));
    expect([error.code, error.message]).toEqual(['UsernameExistsException', 'User already exists']);
    expect(saved).toEqual([]);
  });

  it('takes the SECRET_HASH of the name the caller sent', async () => {
    const { deps, saved } = fakePool({}, { ClientSecret: 'shh' });
    await signUp(deps, ctx, { ...ADA, SecretHash: secretHash('shh', 'ada@example.com', 'client-1') });
    expect(saved).toHaveLength(1);
  });

  it('answers an unknown app client as Cognito does', async () => {
    const { deps } = fakePool();
    const error = await rejection(signUp(deps, ctx, { ...ADA, ClientId: 'nope' }));
    expect([error.code, error.message]).toEqual(['ResourceNotFoundException', 'User pool client nope does not exist.']);
  });

  it('runs the pool’s PreSignUp and, when it confirms the user, PostConfirmation with email_verified, the pool named (no trigger scope)', async () => {
    testbed.lambda().handle('signup-pre', (event) => ({
      ...event,
      response: { autoConfirmUser: true, autoVerifyEmail: true, autoVerifyPhone: false },
    }));
    testbed.lambda().handle('signup-post', (event) => event);
    const { deps, saved } = fakePool({
      LambdaConfig: { PreSignUp: functionArn('signup-pre'), PostConfirmation: functionArn('signup-post') },
    });
    const answer = await signUp(deps, ctx, {
      ...ADA,
      ClientMetadata: { source: 'test' },
      ValidationData: [{ Name: 'invite', Value: 'x1' }],
    });

    expect(answer.UserConfirmed).toBe(true);
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({ UserStatus: 'CONFIRMED' });
    expect(saved[0]!.Attributes).toContainEqual({ Name: 'email_verified', Value: 'true' });
    const events = testbed
      .lambda()
      .invoked.filter((call) => call.functionName.startsWith('signup-'))
      .map((call) => call.event);
    expect(events.map((event) => event.triggerSource)).toEqual(['PreSignUp_SignUp', 'PostConfirmation_ConfirmSignUp']);
    expect(events[0]).toMatchObject({
      userPoolId: 'local_Pool1',
      userName: answer.UserSub,
      callerContext: { clientId: 'client-1' },
      request: {
        userAttributes: { sub: answer.UserSub, email: 'ada@example.com' },
        validationData: { invite: 'x1' },
        clientMetadata: { source: 'test' },
      },
    });
    expect(events[1]!.request).toEqual({
      userAttributes: { sub: answer.UserSub, email: 'ada@example.com', email_verified: 'true', 'cognito:user_status': 'CONFIRMED' },
      clientMetadata: { source: 'test' },
    });
  });

  it('creates no user and sends nothing when PreSignUp throws', async () => {
    testbed.lambda().handle('signup-refuse', () => {
      throw new Error('Sign-ups are closed');
    });
    const { deps, saved, delivered } = fakePool({ LambdaConfig: { PreSignUp: functionArn('signup-refuse') } });
    const error = await rejection(signUp(deps, ctx, ADA));
    expect([error.code, error.message]).toEqual(['UserLambdaValidationException', 'PreSignUp failed with error Sign-ups are closed.']);
    expect(saved).toEqual([]);
    expect(delivered).toEqual([]);
  });
});
