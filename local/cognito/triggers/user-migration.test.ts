import {
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  type CognitoIdentityProviderClient,
  ConfirmForgotPasswordCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  ForgotPasswordCommand,
  InitiateAuthCommand,
  type LambdaConfigType,
} from '@aws-sdk/client-cognito-identity-provider';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CognitoServer } from '../cognito-server.ts';
import { startSrpClient } from '../testing/aws-srp-client.ts';
import { type FakeLambda, functionArn } from '../testing/fake-lambda.ts';
import { startTriggerEmulator, type TriggerEmulator } from '../testing/trigger-emulator.ts';

// The emulator as `npm start` runs it, with a fake of serverless-offline's Lambda port for the triggers.
let lambda: FakeLambda;
let server: CognitoServer;
let client: CognitoIdentityProviderClient;
let emulator: TriggerEmulator;
const LEGACY_PASSWORD = 'Legacy-Horse-1';

beforeAll(async () => {
  emulator = await startTriggerEmulator({ triggerTimeoutMs: 300 });
  ({ lambda, server, client } = emulator);
});

afterAll(async () => {
  await emulator?.close();
});

let pools = 0;
/** A pool with the starter's sign-in (email as username) and, unless told, the legacy directory as its UserMigration trigger. */
async function pool(LambdaConfig: LambdaConfigType = { UserMigration: functionArn('svc-local-migrate') }, hideUsers = false) {
  const { UserPool } = await client.send(
    new CreateUserPoolCommand({ PoolName: `migration-${++pools}`, LambdaConfig, UsernameAttributes: ['email'] }),
  );
  const { UserPoolClient } = await client.send(
    new CreateUserPoolClientCommand({
      UserPoolId: UserPool!.Id!,
      ClientName: 'web',
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      PreventUserExistenceErrors: hideUsers ? 'ENABLED' : 'LEGACY',
    }),
  );
  return { userPoolId: UserPool!.Id!, clientId: UserPoolClient!.ClientId! };
}

/** The legacy directory: one user, who signs in with LEGACY_PASSWORD; a migration handler as AWS's example writes it. */
const LEGACY: Record<string, { name: string }> = { 'ada@example.com': { name: 'Ada Lovelace' } };
function legacyDirectory(event: Record<string, any>) {
  const legacy = LEGACY[event.userName];
  if (!legacy) throw new Error('Bad password');
  if (event.triggerSource === 'UserMigration_Authentication' && event.request.password !== LEGACY_PASSWORD) throw new Error('Bad password');
  return {
    ...event,
    response: {
      userAttributes: { email: event.userName, email_verified: 'true', name: legacy.name },
      finalUserStatus: 'CONFIRMED',
      messageAction: 'SUPPRESS',
    },
  };
}

const migrations = () => lambda.invoked.filter((call) => call.functionName === 'svc-local-migrate').map((call) => call.event);
const signIn = (clientId: string, USERNAME: string, PASSWORD = LEGACY_PASSWORD) =>
  client.send(
    new InitiateAuthCommand({
      ClientId: clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME, PASSWORD },
      ClientMetadata: { app: 'web' },
    }),
  );

describe('the UserMigration trigger', () => {
  it('migrates an unknown user at a password sign-in, with Cognito’s event, and signs them in; the next sign-in is the pool’s own', async () => {
    lambda.handle('svc-local-migrate', legacyDirectory);
    const { userPoolId, clientId } = await pool();
    const before = migrations().length;

    const tokens = (await signIn(clientId, 'ada@example.com')).AuthenticationResult!;
    expect(decodeJwt(tokens.IdToken!)).toMatchObject({ email: 'ada@example.com', name: 'Ada Lovelace', email_verified: true });
    expect(migrations().slice(before)).toEqual([
      {
        version: '1',
        triggerSource: 'UserMigration_Authentication',
        region: 'eu-west-1',
        userPoolId,
        userName: 'ada@example.com',
        callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId },
        request: { password: LEGACY_PASSWORD, validationData: { app: 'web' }, clientMetadata: {} },
        response: {
          userAttributes: null,
          finalUserStatus: null,
          messageAction: null,
          desiredDeliveryMediums: null,
          forceAliasCreation: null,
          enableSMSMFA: null,
        },
      },
    ]);
    const user = await client.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: 'ada@example.com' }));
    expect(user.UserStatus).toBe('CONFIRMED');

    await signIn(clientId, 'ada@example.com');
    await expect(signIn(clientId, 'ada@example.com', 'Wrong-Horse-1')).rejects.toMatchObject({ name: 'NotAuthorizedException' });
    expect(migrations()).toHaveLength(before + 1);
  });

  it('migrates at AdminInitiateAuth, its ClientMetadata as validationData, and runs the token trigger as for any sign-in', async () => {
    lambda.handle('svc-local-migrate', legacyDirectory);
    lambda.handle('svc-local-preToken', (event) => ({
      ...event,
      response: { claimsOverrideDetails: { claimsToAddOrOverride: { migrated: 'yes' } } },
    }));
    const { userPoolId, clientId } = await pool({
      UserMigration: functionArn('svc-local-migrate'),
      PreTokenGeneration: functionArn('svc-local-preToken'),
    });
    const answer = await client.send(
      new AdminInitiateAuthCommand({
        UserPoolId: userPoolId,
        ClientId: clientId,
        AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: 'ada@example.com', PASSWORD: LEGACY_PASSWORD },
        ClientMetadata: { from: 'admin' },
      }),
    );
    expect(decodeJwt(answer.AuthenticationResult!.IdToken!)).toMatchObject({ email: 'ada@example.com', migrated: 'yes' });
    expect(migrations().at(-1)!.request).toEqual({ password: LEGACY_PASSWORD, validationData: { from: 'admin' }, clientMetadata: {} });
  });

  it('answers a trigger that throws with UserNotFoundException and its message, and creates no user', async () => {
    lambda.handle('svc-local-migrate', legacyDirectory);
    const { userPoolId, clientId } = await pool();
    await expect(signIn(clientId, 'ada@example.com', 'Wrong-Horse-1')).rejects.toMatchObject({
      name: 'UserNotFoundException',
      message: 'UserMigration failed with error Bad password.',
    });
    await expect(client.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: 'ada@example.com' }))).rejects.toMatchObject({
      name: 'UserNotFoundException',
    });
  });

  it('hides the failure behind “Incorrect username or password.” where the app client prevents user existence errors', async () => {
    lambda.handle('svc-local-migrate', legacyDirectory);
    const { clientId } = await pool(undefined, true);
    await expect(signIn(clientId, 'nobody@example.com')).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    });
  });

  it('refuses an answer Cognito would not take: attributes outside the schema, an unknown status, a malformed response', async () => {
    const { clientId } = await pool();
    const answering = (response: unknown) => lambda.handle('svc-local-migrate', (event) => ({ ...event, response }));

    answering({ userAttributes: { email: 'ada@example.com', shoe_size: '42' } });
    await expect(signIn(clientId, 'ada@example.com')).rejects.toMatchObject({
      name: 'UserNotFoundException',
      message: expect.stringContaining('shoe_size: Attribute does not exist in the schema.'),
    });
    answering({ userAttributes: { email: 'ada@example.com' }, finalUserStatus: 'FORCE_CHANGE_PASSWORD' });
    await expect(signIn(clientId, 'ada@example.com')).rejects.toMatchObject({ name: 'UserNotFoundException' });
    answering({ userAttributes: 'ada' });
    await expect(signIn(clientId, 'ada@example.com')).rejects.toMatchObject({ name: 'InvalidLambdaResponseException' });
  });

  it('makes a user migrated RESET_REQUIRED reset their password before signing in', async () => {
    lambda.handle('svc-local-migrate', (event) => ({
      ...legacyDirectory(event),
      response: { userAttributes: { email: event.userName, email_verified: 'true' }, finalUserStatus: 'RESET_REQUIRED' },
    }));
    const { userPoolId, clientId } = await pool();
    await expect(signIn(clientId, 'ada@example.com')).rejects.toMatchObject({ name: 'PasswordResetRequiredException' });
    const user = await client.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: 'ada@example.com' }));
    expect(user.UserStatus).toBe('RESET_REQUIRED');
  });

  it('migrates at ForgotPassword without a password, sends the code, and the new password signs in', async () => {
    lambda.handle('svc-local-migrate', legacyDirectory);
    const { userPoolId, clientId } = await pool();
    const answer = await client.send(
      new ForgotPasswordCommand({ ClientId: clientId, Username: 'ada@example.com', ClientMetadata: { reason: 'forgot' } }),
    );
    expect(answer.CodeDeliveryDetails).toMatchObject({ DeliveryMedium: 'EMAIL', Destination: 'a***@e***' }); // masked, as Cognito answers (masked-destinations.ts)
    expect(migrations().at(-1)).toMatchObject({
      triggerSource: 'UserMigration_ForgotPassword',
      userName: 'ada@example.com',
      request: { validationData: null, clientMetadata: { reason: 'forgot' } },
    });
    expect(migrations().at(-1)!.request).not.toHaveProperty('password');
    const user = await client.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: 'ada@example.com' }));
    expect(user.UserStatus).toBe('RESET_REQUIRED');

    const [message] = server.inbox.list({ to: 'ada@example.com' }).filter((m) => m.kind === 'ForgotPassword');
    await client.send(
      new ConfirmForgotPasswordCommand({
        ClientId: clientId,
        Username: 'ada@example.com',
        ConfirmationCode: message!.code,
        Password: 'New-Horse-1',
      }),
    );
    expect((await signIn(clientId, 'ada@example.com', 'New-Horse-1')).AuthenticationResult?.IdToken).toBeDefined();
  });

  it('answers ForgotPassword with UserLambdaValidationException when the trigger throws', async () => {
    lambda.handle('svc-local-migrate', legacyDirectory);
    const { clientId } = await pool();
    await expect(client.send(new ForgotPasswordCommand({ ClientId: clientId, Username: 'nobody@example.com' }))).rejects.toMatchObject({
      name: 'UserLambdaValidationException',
      message: 'UserMigration failed with error Bad password.',
    });
  });

  it('does not run at an SRP sign-in, which never sends the password: the unknown user is answered as without the trigger', async () => {
    lambda.handle('svc-local-migrate', legacyDirectory);
    const { userPoolId, clientId } = await pool();
    const before = migrations().length;
    const srp = await startSrpClient(userPoolId.split('_')[1]!);
    await expect(
      client.send(
        new InitiateAuthCommand({
          ClientId: clientId,
          AuthFlow: 'USER_SRP_AUTH',
          AuthParameters: { USERNAME: 'ada@example.com', SRP_A: srp.A.toString(16) },
        }),
      ),
    ).rejects.toMatchObject({ name: 'UserNotFoundException', message: 'User does not exist.' });
    expect(migrations()).toHaveLength(before);
  });
});
