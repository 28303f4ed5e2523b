// App clients with a secret, as the local Cognito treats them over HTTP: every client-side call
// that names a user carries its SECRET_HASH (docs/aws-behaviour.md, "Cognito app client secrets").
import { createHmac } from 'node:crypto';
import {
  ConfirmSignUpCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolClientCommand,
  GetTokensFromRefreshTokenCommand,
  InitiateAuthCommand,
  SignUpCommand,
  type ExplicitAuthFlowsType,
} from '@aws-sdk/client-cognito-identity-provider';
import { expect, test } from '@playwright/test';
import { cognitoClient } from '../testing/cognito-client.ts';
import { latestCode } from '../testing/dev-inbox.ts';
import { uniqueEmail } from '../testing/unique-names.ts';
import { e2eStack, failure } from './stack.ts';

const PASSWORD = 'Secret-Passw0rd!';
const cognito = cognitoClient(e2eStack.urls.cognito);
const AUTH_FLOWS: ExplicitAuthFlowsType[] = ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'];

let userPoolId: string;
let clientId: string;
let clientSecret: string;
let publicClientId: string;

test.beforeAll(async () => {
  const { UserPool } = await cognito.send(
    new CreateUserPoolCommand({ PoolName: `secrets-${Date.now()}`, UsernameAttributes: ['email'], AutoVerifiedAttributes: ['email'] }),
  );
  userPoolId = UserPool!.Id!;
  const { UserPoolClient } = await cognito.send(
    new CreateUserPoolClientCommand({
      UserPoolId: userPoolId,
      ClientName: 'server-client',
      GenerateSecret: true,
      ExplicitAuthFlows: AUTH_FLOWS,
    }),
  );
  clientId = UserPoolClient!.ClientId!;
  clientSecret = UserPoolClient!.ClientSecret!;
  const publicClient = await cognito.send(
    new CreateUserPoolClientCommand({ UserPoolId: userPoolId, ClientName: 'public-client', ExplicitAuthFlows: AUTH_FLOWS }),
  );
  publicClientId = publicClient.UserPoolClient!.ClientId!;
});

test.afterAll(() => cognito.destroy());

/** Cognito's SECRET_HASH, computed here as an app would: Base64(HMAC-SHA256(secret, username + client id)). */
const hashOf = (username: string, secret = clientSecret, id = clientId) =>
  createHmac('sha256', secret)
    .update(username + id)
    .digest('base64');

const signUp = (email: string, SecretHash?: string, ClientId = clientId) =>
  cognito.send(new SignUpCommand({ ClientId, Username: email, Password: PASSWORD, SecretHash }));

const missing = () => ({
  name: 'NotAuthorizedException',
  message: `Client ${clientId} is configured with secret but SECRET_HASH was not received`,
});
const wrong = () => ({ name: 'NotAuthorizedException', message: `Unable to verify secret hash for client ${clientId}` });

test('CreateUserPoolClient with GenerateSecret gives a secret, which DescribeUserPoolClient returns', async () => {
  expect(clientSecret).toMatch(/^\S{20,}$/);
  const { UserPoolClient } = await cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: clientId }));
  expect(UserPoolClient!.ClientSecret).toBe(clientSecret);
});

test('SignUp without SecretHash, or with a wrong one, is refused', async () => {
  const email = uniqueEmail('secret');
  expect(await failure(signUp(email))).toEqual(missing());
  expect(await failure(signUp(email, hashOf('someone@example.com')))).toEqual(wrong());
  expect(await failure(signUp(email, hashOf(email, 'not-the-secret')))).toEqual(wrong());
});

test('a user signs up, confirms, signs in and refreshes with the SECRET_HASH of the name they sent', async () => {
  const email = uniqueEmail('secret');
  const { UserSub } = await signUp(email, hashOf(email));
  const code = await latestCode(e2eStack.urls.cognito, email);
  expect(await failure(cognito.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: email, ConfirmationCode: code })))).toEqual(
    missing(),
  );
  await cognito.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: email, ConfirmationCode: code, SecretHash: hashOf(email) }));

  const signIn = (SECRET_HASH?: string) =>
    cognito.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: email, PASSWORD, ...(SECRET_HASH && { SECRET_HASH }) },
      }),
    );
  expect(await failure(signIn())).toEqual(missing());
  expect(await failure(signIn(hashOf(UserSub!)))).toEqual(wrong());
  const { AuthenticationResult } = await signIn(hashOf(email));
  const RefreshToken = AuthenticationResult!.RefreshToken!;

  // A refresh names no user: the hash is over the token's user, its sub in an email-as-username pool.
  const refresh = (SECRET_HASH: string) =>
    cognito.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        AuthParameters: { REFRESH_TOKEN: RefreshToken, SECRET_HASH },
      }),
    );
  expect(await failure(refresh(hashOf('someone-else')))).toEqual(wrong());
  expect((await refresh(hashOf(UserSub!))).AuthenticationResult?.IdToken).toBeTruthy();

  // GetTokensFromRefreshToken takes the secret itself.
  const tokens = (ClientSecret?: string) =>
    cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId: clientId, RefreshToken, ClientSecret }));
  expect(await failure(tokens())).toEqual(missing());
  expect(await failure(tokens('not-the-secret'))).toEqual(wrong());
  expect((await tokens(clientSecret)).AuthenticationResult?.AccessToken).toBeTruthy();
});

test('a client without a secret refuses a SecretHash', async () => {
  const email = uniqueEmail('public');
  expect(await failure(signUp(email, hashOf(email, 'any-secret', publicClientId), publicClientId))).toEqual({
    name: 'InvalidParameterException',
    message: `App client ${publicClientId} is not configured for secret but secret hash was received`,
  });
  await signUp(email, undefined, publicClientId);
});
