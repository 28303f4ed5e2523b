import { ConfirmSignUpCommand, InitiateAuthCommand, SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { expect, test } from '@playwright/test';
import { cognitoClient } from '../testing/cognito-client.ts';
import { latestCode } from '../testing/dev-inbox.ts';
import { uniqueEmail } from '../testing/unique-names.ts';
import { e2eOutput, e2eStack } from './stack.ts';

test('the AWS SDK signs up, confirms from the dev inbox, signs in and calls the secured endpoint', async () => {
  const cognito = cognitoClient(e2eStack.urls.cognito);
  const ClientId = e2eOutput('UserPoolClientId');
  const email = uniqueEmail('sdk');
  const password = 'Sdk-Passw0rd!';

  const signUp = await cognito.send(new SignUpCommand({ ClientId, Username: email, Password: password }));
  expect(signUp.UserConfirmed).toBe(false);
  expect(signUp.CodeDeliveryDetails).toMatchObject({ DeliveryMedium: 'EMAIL', AttributeName: 'email' });

  await cognito.send(
    new ConfirmSignUpCommand({ ClientId, Username: email, ConfirmationCode: await latestCode(e2eStack.urls.cognito, email) }),
  );
  const { AuthenticationResult } = await cognito.send(
    new InitiateAuthCommand({ ClientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: email, PASSWORD: password } }),
  );
  const idToken = AuthenticationResult?.IdToken;
  expect(idToken).toBeTruthy();

  const secured = `${e2eStack.urls.api}/api/helloWorldSecured`;
  const withToken = await fetch(secured, { headers: { Authorization: `Bearer ${idToken}` } });
  expect(withToken.status).toBe(200);
  expect(await withToken.json()).toBe(`Hello from an secured endpoint -> ${email}`);

  const rawToken = await fetch(secured, { headers: { Authorization: idToken! } });
  expect(rawToken.status).toBe(200);

  const withoutToken = await fetch(secured);
  expect(withoutToken.status).toBe(401);
  expect(await withoutToken.json()).toEqual({ message: 'Unauthorized' });

  const accessToken = await fetch(secured, { headers: { Authorization: `Bearer ${AuthenticationResult?.AccessToken}` } });
  expect(accessToken.status).toBe(401);

  // cognito-local's refresh token is a JWT signed with the same key: still not an ID token.
  const refreshToken = await fetch(secured, { headers: { Authorization: `Bearer ${AuthenticationResult?.RefreshToken}` } });
  expect(refreshToken.status).toBe(401);
  cognito.destroy();
});
