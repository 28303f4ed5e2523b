// Real SRP clients that nobody in this project wrote sign in to the local Cognito unchanged.
// (Amplify v6's default sign-in is driven by the browser flow in auth-flow.spec.ts.)
import { createRequire } from 'node:module';
import { ConfirmSignUpCommand, SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { expect, test } from '@playwright/test';
import { cognitoClient } from '../testing/cognito-client.ts';
import { latestCode } from '../testing/dev-inbox.ts';
import { uniqueEmail } from '../testing/unique-names.ts';
import { e2eOutput, e2eStack } from './stack.ts';

interface CognitoSession {
  getIdToken(): { getJwtToken(): string };
}
interface CognitoIdentityJs {
  CognitoUserPool: new (data: { UserPoolId: string; ClientId: string; endpoint: string }) => object;
  CognitoUser: new (data: {
    Username: string;
    Pool: object;
  }) => {
    authenticateUser(
      details: object,
      callbacks: { onSuccess(session: CognitoSession): void; onFailure(error: { code?: string; name?: string; message: string }): void },
    ): void;
  };
  AuthenticationDetails: new (data: { Username: string; Password: string }) => object;
}
const identityJs = createRequire(import.meta.url)('amazon-cognito-identity-js') as CognitoIdentityJs;

const PASSWORD = 'Srp-Passw0rd!';

async function confirmedUser(): Promise<string> {
  const cognito = cognitoClient(e2eStack.urls.cognito);
  const email = uniqueEmail('srp');
  const ClientId = e2eOutput('UserPoolClientId');
  await cognito.send(new SignUpCommand({ ClientId, Username: email, Password: PASSWORD }));
  await cognito.send(
    new ConfirmSignUpCommand({ ClientId, Username: email, ConfirmationCode: await latestCode(e2eStack.urls.cognito, email) }),
  );
  cognito.destroy();
  return email;
}

function signInWithSrp(email: string, password: string): Promise<CognitoSession> {
  const pool = new identityJs.CognitoUserPool({
    UserPoolId: e2eOutput('UserPoolId'),
    ClientId: e2eOutput('UserPoolClientId'),
    endpoint: e2eStack.urls.cognito,
  });
  const user = new identityJs.CognitoUser({ Username: email, Pool: pool });
  return new Promise((resolve, reject) =>
    user.authenticateUser(new identityJs.AuthenticationDetails({ Username: email, Password: password }), {
      onSuccess: resolve,
      onFailure: reject,
    }),
  );
}

test('amazon-cognito-identity-js signs in with USER_SRP_AUTH and its ID token opens the secured endpoint', async () => {
  const email = await confirmedUser();
  const session = await signInWithSrp(email, PASSWORD);
  const response = await fetch(`${e2eStack.urls.api}/api/helloWorldSecured`, {
    headers: { Authorization: `Bearer ${session.getIdToken().getJwtToken()}` },
  });
  expect(response.status).toBe(200);
  expect(await response.json()).toBe(`Hello from an secured endpoint -> ${email}`);
});

test('a wrong password fails the SRP sign-in as Cognito does', async () => {
  const email = await confirmedUser();
  await expect(signInWithSrp(email, 'Wrong-Passw0rd!')).rejects.toMatchObject({
    code: 'NotAuthorizedException',
    message: 'Incorrect username or password.',
  });
});

test('an unknown user fails the SRP sign-in without saying the user does not exist', async () => {
  await expect(signInWithSrp(uniqueEmail('nobody'), PASSWORD)).rejects.toMatchObject({
    code: 'NotAuthorizedException',
    message: 'Incorrect username or password.',
  });
});
