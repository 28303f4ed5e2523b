// The gates in front of sign-in, over HTTP with the AWS SDK: the app client's ExplicitAuthFlows,
// disabled users, the lockout after wrong passwords and SECRET_HASH on the admin flows
// (docs/aws-behaviour.md, "Cognito sign-in gates").
import { createHmac } from 'node:crypto';
import {
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminInitiateAuthCommand,
  AdminSetUserPasswordCommand,
  type AuthFlowType,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  type ExplicitAuthFlowsType,
  GetTokensFromRefreshTokenCommand,
  GetUserCommand,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { expect, test } from '@playwright/test';
import { cognitoClient } from '../testing/cognito-client.ts';
import { uniqueEmail } from '../testing/unique-names.ts';
import { e2eStack, failure } from './stack.ts';

const PASSWORD = 'Gates-Passw0rd!';
const cognito = cognitoClient(e2eStack.urls.cognito);

let userPoolId: string;
/** Client ids by what they allow. */
const clients: Record<'all' | 'srpOnly' | 'byDefault' | 'secret', string> = { all: '', srpOnly: '', byDefault: '', secret: '' };
let clientSecret: string;

async function createClient(ExplicitAuthFlows?: ExplicitAuthFlowsType[], GenerateSecret = false) {
  const { UserPoolClient } = await cognito.send(
    new CreateUserPoolClientCommand({ UserPoolId: userPoolId, ClientName: `gates-${Date.now()}`, ExplicitAuthFlows, GenerateSecret }),
  );
  return UserPoolClient!;
}

test.beforeAll(async () => {
  const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: `gates-${Date.now()}` }));
  userPoolId = UserPool!.Id!;
  clients.all = (
    await createClient(['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'])
  ).ClientId!;
  clients.srpOnly = (await createClient(['ALLOW_USER_SRP_AUTH'])).ClientId!;
  clients.byDefault = (await createClient()).ClientId!;
  const secret = await createClient(['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'], true);
  clients.secret = secret.ClientId!;
  clientSecret = secret.ClientSecret!;
});

test.afterAll(() => cognito.destroy());

/** A confirmed user of the pool with PASSWORD, made as an administrator would. */
async function newUser(): Promise<string> {
  const username = uniqueEmail('gates').replace(/[@.]/g, '-');
  await cognito.send(new AdminCreateUserCommand({ UserPoolId: userPoolId, Username: username, MessageAction: 'SUPPRESS' }));
  await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: userPoolId, Username: username, Password: PASSWORD, Permanent: true }));
  return username;
}

const signIn = (USERNAME: string, PASSWORD_: string = PASSWORD, ClientId = clients.all) =>
  cognito.send(new InitiateAuthCommand({ ClientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME, PASSWORD: PASSWORD_ } }));
const adminSignIn = (USERNAME: string, ClientId = clients.all, extra: Record<string, string> = {}) =>
  cognito.send(
    new AdminInitiateAuthCommand({
      UserPoolId: userPoolId,
      ClientId,
      AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME, PASSWORD, ...extra },
    }),
  );
const refresh = (REFRESH_TOKEN: string, AuthFlow: AuthFlowType = 'REFRESH_TOKEN_AUTH', ClientId = clients.all) =>
  cognito.send(new InitiateAuthCommand({ ClientId, AuthFlow, AuthParameters: { REFRESH_TOKEN } }));
const clearLockout = (pool: string, username: string) =>
  fetch(`${e2eStack.urls.cognito}/_dev/lockouts?pool=${encodeURIComponent(pool)}&username=${encodeURIComponent(username)}`, {
    method: 'DELETE',
  });
const nextSecond = () => new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 10));

test('a client runs only the flows its ExplicitAuthFlows allow, with Cognito’s InvalidParameterException', async () => {
  const username = await newUser();
  expect(await failure(signIn(username, PASSWORD, clients.srpOnly))).toEqual({
    name: 'InvalidParameterException',
    message: 'USER_PASSWORD_AUTH flow not enabled for this client',
  });
  expect(await failure(adminSignIn(username, clients.byDefault))).toEqual({
    name: 'InvalidParameterException',
    message: 'Auth flow not enabled for this client',
  });
  const { AuthenticationResult } = await signIn(username);
  expect(await failure(refresh(AuthenticationResult!.RefreshToken!, 'REFRESH_TOKEN', clients.srpOnly))).toMatchObject({
    name: 'InvalidParameterException',
  });
  expect(
    await failure(
      cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId: clients.srpOnly, RefreshToken: AuthenticationResult!.RefreshToken! })),
    ),
  ).toMatchObject({ name: 'InvalidParameterException' });
  await expect(adminSignIn(username)).resolves.toHaveProperty('AuthenticationResult.AccessToken');
});

test('a disabled user is refused on every flow and operation, and AdminEnableUser does not bring back their tokens', async () => {
  const username = await newUser();
  const { AuthenticationResult: before } = await signIn(username);
  await cognito.send(new AdminDisableUserCommand({ UserPoolId: userPoolId, Username: username }));
  const disabled = { name: 'NotAuthorizedException', message: 'User is disabled.' };

  await test.step('sign-in, by password and as an administrator; a wrong password still says so', async () => {
    expect(await failure(signIn(username))).toEqual(disabled);
    expect(await failure(adminSignIn(username))).toEqual(disabled);
    expect(await failure(signIn(username, 'Not-The-Passw0rd!'))).toEqual({
      name: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    });
  });
  await test.step('refresh, both ways, and the access token', async () => {
    expect(await failure(refresh(before!.RefreshToken!))).toEqual(disabled);
    expect(
      await failure(cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId: clients.all, RefreshToken: before!.RefreshToken! }))),
    ).toEqual(disabled);
    expect(await failure(cognito.send(new GetUserCommand({ AccessToken: before!.AccessToken! })))).toEqual(disabled);
  });
  await test.step('after AdminEnableUser the old tokens stay revoked; a new sign-in works', async () => {
    await cognito.send(new AdminEnableUserCommand({ UserPoolId: userPoolId, Username: username }));
    expect(await failure(cognito.send(new GetUserCommand({ AccessToken: before!.AccessToken! })))).toEqual({
      name: 'NotAuthorizedException',
      message: 'Access Token has been revoked',
    });
    expect(
      await failure(cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId: clients.all, RefreshToken: before!.RefreshToken! }))),
    ).toEqual({ name: 'NotAuthorizedException', message: 'Refresh Token has been revoked' });
    await nextSecond();
    const { AuthenticationResult: after } = await signIn(username);
    await expect(cognito.send(new GetUserCommand({ AccessToken: after!.AccessToken! }))).resolves.toHaveProperty('Username', username);
  });
});

test('five wrong passwords lock the user out (`Password attempts exceeded`, even for the right one) until DELETE /_dev/lockouts', async () => {
  const username = await newUser();
  for (let i = 0; i < 5; i++) {
    expect(await failure(signIn(username, 'Not-The-Passw0rd!'))).toEqual({
      name: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    });
  }
  const exceeded = { name: 'NotAuthorizedException', message: 'Password attempts exceeded' };
  expect(await failure(signIn(username))).toEqual(exceeded);
  expect(await failure(adminSignIn(username))).toEqual(exceeded);

  const missing = await clearLockout(userPoolId, '');
  expect(missing.status).toBe(400);
  const unknown = await clearLockout(userPoolId, 'nobody-here');
  expect(unknown.status).toBe(404);
  const cleared = await clearLockout(userPoolId, username);
  expect([cleared.status, await cleared.json()]).toEqual([200, { pool: userPoolId, username, cleared: true }]);
  await expect(signIn(username)).resolves.toHaveProperty('AuthenticationResult.AccessToken');
});

test('AdminInitiateAuth on a client with a secret needs SECRET_HASH', async () => {
  const username = await newUser();
  expect(await failure(adminSignIn(username, clients.secret))).toEqual({
    name: 'NotAuthorizedException',
    message: `Client ${clients.secret} is configured with secret but SECRET_HASH was not received`,
  });
  const SECRET_HASH = createHmac('sha256', clientSecret)
    .update(username + clients.secret)
    .digest('base64');
  await expect(adminSignIn(username, clients.secret, { SECRET_HASH })).resolves.toHaveProperty('AuthenticationResult.AccessToken');
});
