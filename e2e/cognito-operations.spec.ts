// What the local Cognito answers to an AWS SDK client, operation by operation, as Cognito does
// (docs/aws-behaviour.md), including the operations cognito-local lacks.
import {
  ConfirmSignUpCommand,
  GetTokensFromRefreshTokenCommand,
  GetUserCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  ResendConfirmationCodeCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { expect, test } from '@playwright/test';
import { cognitoClient } from '../testing/cognito-client.ts';
import { latestCode } from '../testing/dev-inbox.ts';
import { uniqueEmail } from '../testing/unique-names.ts';
import { e2eOutput, e2eStack, failure } from './stack.ts';

const PASSWORD = 'Ops-Passw0rd!';
const cognito = cognitoClient(e2eStack.urls.cognito);
const ClientId = () => e2eOutput('UserPoolClientId');

test.afterAll(() => cognito.destroy());

async function signUp(email = uniqueEmail('ops')) {
  await cognito.send(new SignUpCommand({ ClientId: ClientId(), Username: email, Password: PASSWORD }));
  return email;
}

async function confirmedUser() {
  const email = await signUp();
  await cognito.send(
    new ConfirmSignUpCommand({ ClientId: ClientId(), Username: email, ConfirmationCode: await latestCode(e2eStack.urls.cognito, email) }),
  );
  return email;
}

async function signIn(email: string) {
  const { AuthenticationResult } = await cognito.send(
    new InitiateAuthCommand({
      ClientId: ClientId(),
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: email, PASSWORD: PASSWORD },
    }),
  );
  return AuthenticationResult!;
}

const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;

test.describe('SignUp', () => {
  for (const [password, reason] of [
    ['Sh0rt!', 'Password not long enough'],
    ['no-upper-1!', 'Password must have uppercase characters'],
    ['NO-LOWER-1!', 'Password must have lowercase characters'],
    ['No-Digits!', 'Password must have numeric characters'],
    ['NoSymbols123', 'Password must have symbol characters'],
  ]) {
    test(`refuses "${password}": ${reason}`, async () => {
      expect(
        await failure(cognito.send(new SignUpCommand({ ClientId: ClientId(), Username: uniqueEmail('weak'), Password: password }))),
      ).toEqual({
        name: 'InvalidPasswordException',
        message: `Password did not conform with policy: ${reason}`,
      });
    });
  }

  test('refuses an email that is already registered', async () => {
    const email = await signUp();
    expect(await failure(signUp(email))).toEqual({
      name: 'UsernameExistsException',
      message: 'An account with the given email already exists.',
    });
  });
});

test.describe('ConfirmSignUp', () => {
  test('verifies the email: email_verified is true in the ID token', async () => {
    const email = await confirmedUser();
    expect(claimsOf((await signIn(email)).IdToken!).email_verified).toBe(true);
  });

  test('tells an already confirmed user so', async () => {
    const email = await confirmedUser();
    const again = cognito.send(new ConfirmSignUpCommand({ ClientId: ClientId(), Username: email, ConfirmationCode: '123456' }));
    expect(await failure(again)).toEqual({
      name: 'NotAuthorizedException',
      message: 'User cannot be confirmed. Current status is CONFIRMED',
    });
  });
});

test.describe('ResendConfirmationCode', () => {
  test('sends a new code to the inbox; the new code confirms', async () => {
    const email = await signUp();
    const first = await latestCode(e2eStack.urls.cognito, email);
    const { CodeDeliveryDetails } = await cognito.send(new ResendConfirmationCodeCommand({ ClientId: ClientId(), Username: email }));
    expect(CodeDeliveryDetails).toMatchObject({ DeliveryMedium: 'EMAIL', AttributeName: 'email' });
    const inbox = (await (await fetch(`${e2eStack.urls.cognito}/_dev/inbox?to=${encodeURIComponent(email)}`)).json()) as unknown[];
    expect(inbox).toHaveLength(2);
    const second = await latestCode(e2eStack.urls.cognito, email);
    expect(second).toMatch(/^\d{6}$/);
    if (second !== first) {
      const withOldCode = cognito.send(new ConfirmSignUpCommand({ ClientId: ClientId(), Username: email, ConfirmationCode: first }));
      expect((await failure(withOldCode)).name).toBe('CodeMismatchException');
    }
    await cognito.send(new ConfirmSignUpCommand({ ClientId: ClientId(), Username: email, ConfirmationCode: second }));
    expect(claimsOf((await signIn(email)).IdToken!).email).toBe(email);
  });
});

test.describe('tokens', () => {
  test('last an hour, as serverless.yml says', async () => {
    const { IdToken, AccessToken } = await signIn(await confirmedUser());
    for (const token of [IdToken!, AccessToken!]) {
      const { iat, exp } = claimsOf(token) as { iat: number; exp: number };
      expect(exp - iat).toBe(3600);
    }
  });

  test('GetTokensFromRefreshToken gives new ID and access tokens', async () => {
    const email = await confirmedUser();
    const { RefreshToken } = await signIn(email);
    const { AuthenticationResult } = await cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId: ClientId(), RefreshToken }));
    expect(claimsOf(AuthenticationResult!.IdToken!).email).toBe(email);
    expect(claimsOf(AuthenticationResult!.AccessToken!).token_use).toBe('access');
  });

  test('after GlobalSignOut the refresh and access tokens fail at Cognito, and the ID token still opens the API until it expires', async () => {
    const email = await confirmedUser();
    const { RefreshToken, AccessToken, IdToken } = await signIn(email);
    await cognito.send(new GlobalSignOutCommand({ AccessToken }));
    expect(await failure(cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId: ClientId(), RefreshToken })))).toEqual({
      name: 'NotAuthorizedException',
      message: 'Refresh Token has been revoked',
    });
    expect(await failure(cognito.send(new GetUserCommand({ AccessToken })))).toEqual({
      name: 'NotAuthorizedException',
      message: 'Access Token has been revoked',
    });
    const secured = await fetch(`${e2eStack.urls.api}/api/helloWorldSecured`, { headers: { Authorization: `Bearer ${IdToken}` } });
    expect(secured.status).toBe(200);
  });
});
