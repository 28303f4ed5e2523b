import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  type CognitoIdentityProviderClient,
  ConfirmSignUpCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  GetTokensFromRefreshTokenCommand,
  InitiateAuthCommand,
  type LambdaConfigType,
  RespondToAuthChallengeCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CognitoServer } from '../cognito-server.ts';
import { startSrpClient } from '../testing/aws-srp-client.ts';
import { type FakeLambda, functionArn, startFakeLambda } from '../testing/fake-lambda.ts';
import { startTriggerEmulator, type TriggerEmulator } from '../testing/trigger-emulator.ts';
import { LAMBDA_URL_TAG } from './lambda-config.ts';

// The emulator as `npm start` runs it, with a fake of serverless-offline's Lambda port for the triggers.
let lambda: FakeLambda;
let server: CognitoServer;
let client: CognitoIdentityProviderClient;
let emulator: TriggerEmulator;
const log: string[] = [];
const PASSWORD = 'Correct-Horse-1';

beforeAll(async () => {
  emulator = await startTriggerEmulator({ triggerTimeoutMs: 300, log: (line) => log.push(line) });
  ({ lambda, server, client } = emulator);
});

afterAll(async () => {
  await emulator?.close();
});

let pools = 0;
/** A pool with `LambdaConfig` and an app client that signs in with a password; each test its own functions. */
async function poolWith(LambdaConfig: LambdaConfigType, UserPoolTags?: Record<string, string>) {
  const { UserPool } = await client.send(
    new CreateUserPoolCommand({ PoolName: `triggers-${++pools}`, LambdaConfig, UserPoolTags, AutoVerifiedAttributes: ['email'] }),
  );
  const { UserPoolClient } = await client.send(
    new CreateUserPoolClientCommand({
      UserPoolId: UserPool!.Id!,
      ClientName: 'web',
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    }),
  );
  return { userPoolId: UserPool!.Id!, clientId: UserPoolClient!.ClientId! };
}

const signUp = (clientId: string, Username: string) =>
  client.send(
    new SignUpCommand({
      ClientId: clientId,
      Username,
      Password: PASSWORD,
      UserAttributes: [{ Name: 'email', Value: `${Username}@example.com` }],
    }),
  );
const signIn = (clientId: string, USERNAME: string) =>
  client.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME, PASSWORD } }));
const eventsOf = (functionName: string) => lambda.invoked.filter((call) => call.functionName === functionName).map((call) => call.event);
const autoConfirm = (event: Record<string, any>) => ({
  ...event,
  response: { ...event.response, autoConfirmUser: true, autoVerifyEmail: true },
});

describe('the Cognito emulator runs the pool’s triggers', () => {
  it('confirms a user its PreSignUp trigger auto-confirms, then runs PostConfirmation, with Cognito’s events', async () => {
    lambda.handle('svc-local-preSignUp', autoConfirm);
    lambda.handle('svc-local-postConfirmation', (event) => event);
    const { userPoolId, clientId } = await poolWith({
      PreSignUp: functionArn('svc-local-preSignUp'),
      PostConfirmation: functionArn('svc-local-postConfirmation'),
    });

    const answer = await signUp(clientId, 'ada');
    expect(answer.UserConfirmed).toBe(true);
    const user = await client.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: 'ada' }));
    expect(user.UserStatus).toBe('CONFIRMED');
    expect(user.UserAttributes).toContainEqual({ Name: 'email_verified', Value: 'true' });

    expect(eventsOf('svc-local-preSignUp').at(-1)).toEqual({
      version: '1',
      triggerSource: 'PreSignUp_SignUp',
      region: 'eu-west-1',
      userPoolId,
      userName: 'ada',
      callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId },
      request: {
        userAttributes: { sub: user.UserAttributes!.find((a) => a.Name === 'sub')!.Value, email: 'ada@example.com' },
        validationData: null,
        clientMetadata: {},
      },
      response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
    });
    expect(eventsOf('svc-local-postConfirmation').at(-1)).toMatchObject({
      triggerSource: 'PostConfirmation_ConfirmSignUp',
      userName: 'ada',
      request: { userAttributes: { email: 'ada@example.com', 'cognito:user_status': 'CONFIRMED' } },
    });
  });

  it('runs PostConfirmation after ConfirmSignUp with the email the code verified: email_verified "true"', async () => {
    lambda.handle('svc-local-postConfirmed', (event) => event);
    const { clientId } = await poolWith({ PostConfirmation: functionArn('svc-local-postConfirmed') });
    await signUp(clientId, 'gus');
    const [sent] = server.inbox.list({ to: 'gus@example.com' });
    await client.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'gus', ConfirmationCode: sent!.code }));

    // "The request contains the current attributes for the confirmed user", the code having
    // confirmed the email it went to (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-post-confirmation.html,
    // https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ConfirmSignUp.html).
    expect(eventsOf('svc-local-postConfirmed')).toHaveLength(1);
    expect(eventsOf('svc-local-postConfirmed')[0]).toMatchObject({
      triggerSource: 'PostConfirmation_ConfirmSignUp',
      userName: 'gus',
      callerContext: { clientId },
      request: { userAttributes: { email: 'gus@example.com', email_verified: 'true', 'cognito:user_status': 'CONFIRMED' } },
    });
  });

  it('creates no user when PreSignUp throws, and answers UserLambdaValidationException with its message', async () => {
    lambda.handle('svc-local-refuse', () => {
      throw new Error('Sign-ups are closed');
    });
    const { userPoolId, clientId } = await poolWith({ PreSignUp: functionArn('svc-local-refuse') });

    await expect(signUp(clientId, 'bob')).rejects.toMatchObject({
      name: 'UserLambdaValidationException',
      message: 'PreSignUp failed with error Sign-ups are closed.',
    });
    await expect(client.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: 'bob' }))).rejects.toMatchObject({
      name: 'UserNotFoundException',
    });
    await expect(
      client.send(new AdminCreateUserCommand({ UserPoolId: userPoolId, Username: 'bob', MessageAction: 'SUPPRESS' })),
    ).rejects.toMatchObject({ name: 'UserLambdaValidationException' });
    expect(eventsOf('svc-local-refuse').at(-1)).toMatchObject({
      triggerSource: 'PreSignUp_AdminCreateUser',
      callerContext: { clientId: 'CLIENT_ID_NOT_APPLICABLE' },
    });
    await expect(client.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: 'bob' }))).rejects.toMatchObject({
      name: 'UserNotFoundException',
    });
  });

  it('answers a malformed answer with InvalidLambdaResponseException, and a slow trigger with Cognito’s timeout error', async () => {
    lambda.handle('svc-local-forgetful', () => undefined);
    lambda.handle('svc-local-slow', (event) => new Promise((resolve) => setTimeout(() => resolve(event), 1500)));
    const forgetful = await poolWith({ PreSignUp: functionArn('svc-local-forgetful') });
    const slow = await poolWith({ PreSignUp: functionArn('svc-local-slow') });

    await expect(signUp(forgetful.clientId, 'cy')).rejects.toMatchObject({
      name: 'InvalidLambdaResponseException',
      message: 'Unrecognizable lambda output',
    });
    const started = Date.now();
    await expect(signUp(slow.clientId, 'di')).rejects.toMatchObject({
      name: 'UnexpectedLambdaException',
      message: 'PreSignUp invocation failed due to error Socket timeout while invoking Lambda function.',
    });
    expect(Date.now() - started).toBeLessThan(1200);
    await expect(client.send(new AdminGetUserCommand({ UserPoolId: slow.userPoolId, Username: 'di' }))).rejects.toMatchObject({
      name: 'UserNotFoundException',
    });
  });

  it('lets PreAuthentication deny a sign-in and runs PostAuthentication after one, on every password flow', async () => {
    lambda.handle('svc-local-preAuth', (event) => {
      if (event.userName === 'eve') throw new Error('Account locked');
      return event;
    });
    lambda.handle('svc-local-postAuth', (event) => event);
    const { userPoolId, clientId } = await poolWith({
      PreAuthentication: functionArn('svc-local-preAuth'),
      PostAuthentication: functionArn('svc-local-postAuth'),
    });
    for (const name of ['eve', 'fay']) {
      await client.send(
        new AdminCreateUserCommand({ UserPoolId: userPoolId, Username: name, TemporaryPassword: PASSWORD, MessageAction: 'SUPPRESS' }),
      );
    }
    const { AdminSetUserPasswordCommand } = await import('@aws-sdk/client-cognito-identity-provider');
    for (const name of ['eve', 'fay'])
      await client.send(new AdminSetUserPasswordCommand({ UserPoolId: userPoolId, Username: name, Password: PASSWORD, Permanent: true }));

    await expect(signIn(clientId, 'eve')).rejects.toMatchObject({
      name: 'UserLambdaValidationException',
      message: 'PreAuthentication failed with error Account locked.',
    });
    const before = eventsOf('svc-local-postAuth').length;
    await signIn(clientId, 'fay');
    await client.send(
      new AdminInitiateAuthCommand({
        UserPoolId: userPoolId,
        ClientId: clientId,
        AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: 'fay', PASSWORD },
      }),
    );
    await srpSignIn(userPoolId, clientId, 'fay');
    expect(
      eventsOf('svc-local-postAuth')
        .slice(before)
        .map((event) => [event.triggerSource, event.userName]),
    ).toEqual([
      ['PostAuthentication_Authentication', 'fay'],
      ['PostAuthentication_Authentication', 'fay'],
      ['PostAuthentication_Authentication', 'fay'],
    ]);
    expect(eventsOf('svc-local-preAuth').filter((event) => event.userName === 'fay')).toHaveLength(3);
  });

  it('puts a V1_0 PreTokenGeneration trigger’s claims in the ID token on password, SRP and refresh sign-ins', async () => {
    lambda.handle('svc-local-claimsV1', (event) => ({
      ...event,
      response: { claimsOverrideDetails: { claimsToAddOrOverride: { tenant: 'acme', sub: 'forged' }, claimsToSuppress: ['email'] } },
    }));
    const { userPoolId, clientId } = await poolWith({
      PreSignUp: functionArn('svc-local-preSignUp'),
      PreTokenGeneration: functionArn('svc-local-claimsV1'),
    });
    lambda.handle('svc-local-preSignUp', autoConfirm);
    await signUp(clientId, 'gus');

    const password = (await signIn(clientId, 'gus')).AuthenticationResult!;
    const srp = await srpSignIn(userPoolId, clientId, 'gus');
    const refreshed = (
      await client.send(new GetTokensFromRefreshTokenCommand({ ClientId: clientId, RefreshToken: password.RefreshToken! }))
    ).AuthenticationResult!;
    const refreshAuth = (
      await client.send(
        new InitiateAuthCommand({
          ClientId: clientId,
          AuthFlow: 'REFRESH_TOKEN_AUTH',
          AuthParameters: { REFRESH_TOKEN: password.RefreshToken! },
        }),
      )
    ).AuthenticationResult!;
    for (const tokens of [password, srp, refreshed, refreshAuth]) {
      const id = decodeJwt(tokens.IdToken!);
      expect(id.tenant).toBe('acme');
      expect(id).not.toHaveProperty('email');
      expect(id.sub).not.toBe('forged');
      expect(decodeJwt(tokens.AccessToken!)).not.toHaveProperty('tenant');
    }
    expect(
      eventsOf('svc-local-claimsV1')
        .slice(-4)
        .map((event) => event.triggerSource),
    ).toEqual([
      'TokenGeneration_Authentication',
      'TokenGeneration_Authentication',
      'TokenGeneration_RefreshTokens',
      'TokenGeneration_RefreshTokens',
    ]);
    expect(log).toContain('[cognito] PreTokenGeneration: Cognito does not let a trigger change sub; it keeps its value.');
  });

  it('puts a V2_0 trigger’s claims and scopes in both tokens', async () => {
    lambda.handle('svc-local-claimsV2', (event) => ({
      ...event,
      response: {
        claimsAndScopeOverrideDetails: {
          idTokenGeneration: { claimsToAddOrOverride: { roles: ['admin', 'billing'] } },
          accessTokenGeneration: { claimsToAddOrOverride: { tenant: 'acme' }, scopesToAdd: ['orders/read'] },
          groupOverrideDetails: { groupsToOverride: ['users'] },
        },
      },
    }));
    const { clientId } = await poolWith({
      PreSignUp: functionArn('svc-local-preSignUp'),
      PreTokenGenerationConfig: { LambdaArn: functionArn('svc-local-claimsV2'), LambdaVersion: 'V2_0' },
    });
    await signUp(clientId, 'hal');
    const tokens = (await signIn(clientId, 'hal')).AuthenticationResult!;
    expect(decodeJwt(tokens.IdToken!)).toMatchObject({ roles: ['admin', 'billing'], 'cognito:groups': ['users'] });
    expect(decodeJwt(tokens.AccessToken!)).toMatchObject({
      tenant: 'acme',
      scope: 'aws.cognito.signin.user.admin orders/read',
      'cognito:groups': ['users'],
    });
    expect(eventsOf('svc-local-claimsV2').at(-1)).toMatchObject({
      version: '2',
      request: {
        scopes: ['aws.cognito.signin.user.admin'],
        groupConfiguration: { groupsToOverride: [], iamRolesToOverride: [], preferredRole: null },
      },
      response: { claimsAndScopeOverrideDetails: null },
    });
  });

  it('delivers the CustomMessage trigger’s subject and message, the code in it, to the dev inbox', async () => {
    lambda.handle('svc-local-message', (event) => ({
      ...event,
      response: { emailSubject: 'Welcome to Acme', emailMessage: `Your code is ${event.request.codeParameter}.` },
    }));
    lambda.handle('svc-local-noCode', (event) => ({ ...event, response: { emailMessage: 'Welcome!' } }));
    const { clientId } = await poolWith({ CustomMessage: functionArn('svc-local-message') });
    const other = await poolWith({ CustomMessage: functionArn('svc-local-noCode') });

    await signUp(clientId, 'ivy');
    const [message] = server.inbox.list({ to: 'ivy@example.com' });
    expect(message).toMatchObject({ kind: 'SignUp', subject: 'Welcome to Acme', message: `Your code is ${message!.code}.` });
    await client.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'ivy', ConfirmationCode: message!.code }));
    expect(eventsOf('svc-local-message').at(-1)).toMatchObject({
      triggerSource: 'CustomMessage_SignUp',
      request: { codeParameter: '{####}', usernameParameter: null, userAttributes: { email: 'ivy@example.com' } },
      response: { smsMessage: null, emailMessage: null, emailSubject: null },
    });
    await expect(signUp(other.clientId, 'jo')).rejects.toMatchObject({ name: 'InvalidLambdaResponseException' });
  });

  it('invokes the functions of a pool tagged with its own Lambda URL there (two stacks sharing one emulator)', async () => {
    const other = await startFakeLambda();
    try {
      other.handle('other-local-preSignUp', autoConfirm);
      const { clientId } = await poolWith({ PreSignUp: functionArn('other-local-preSignUp') }, { [LAMBDA_URL_TAG]: other.url });
      expect((await signUp(clientId, 'grace')).UserConfirmed).toBe(true);
      expect(other.invoked.map((call) => call.functionName)).toEqual(['other-local-preSignUp']);
      expect(eventsOf('other-local-preSignUp')).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it('refuses a pool with a trigger it does not run yet, by name', async () => {
    await expect(
      poolWith({ CustomEmailSender: { LambdaArn: functionArn('svc-local-sender'), LambdaVersion: 'V1_0' } }),
    ).rejects.toMatchObject({
      message: expect.stringContaining('does not run CustomEmailSender triggers yet'),
    });
  });
});

/** USER_SRP_AUTH, as Amplify signs in. */
async function srpSignIn(userPoolId: string, clientId: string, username: string) {
  const srp = await startSrpClient(userPoolId.split('_')[1]!);
  const challenge = await client.send(
    new InitiateAuthCommand({
      ClientId: clientId,
      AuthFlow: 'USER_SRP_AUTH',
      AuthParameters: { USERNAME: username, SRP_A: srp.A.toString(16) },
    }),
  );
  const responses = await srp.passwordVerifierResponses(challenge.ChallengeParameters!, PASSWORD, 'Mon Nov 23 22:26:35 UTC 2026');
  const answer = await client.send(
    new RespondToAuthChallengeCommand({
      ClientId: clientId,
      ChallengeName: 'PASSWORD_VERIFIER',
      ChallengeResponses: responses,
      Session: challenge.Session,
    }),
  );
  return answer.AuthenticationResult!;
}
