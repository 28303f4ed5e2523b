import { readFileSync } from 'node:fs';
import { InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { cognitoClient } from '../testing/cognito-client.ts';
import { expect, test } from './hello-page.ts';
import { e2eOutput, e2eStack } from './stack.ts';

const seeds = JSON.parse(readFileSync('local/seed-users.json', 'utf8')).users as {
  email: string;
  password: string;
  confirmed: boolean;
  groups: string[];
}[];
const admin = seeds.find((user) => user.groups.includes('admins'))!;
const pending = seeds.find((user) => !user.confirmed)!;

test('a seeded admin signs in at once and the page shows the admins group', async ({ helloPage }) => {
  await helloPage.submitSignIn(admin.email, admin.password);
  await expect(helloPage.currentUser).toHaveText(`Signed in as ${admin.email} (admins)`);
  await helloPage.callSecured();
  await expect(helloPage.apiResponse).toContainText(`-> ${admin.email}`);
  await helloPage.signOut();
});

test('a seeded unconfirmed user must confirm first, as Cognito says', async () => {
  const cognito = cognitoClient(e2eStack.urls.cognito);
  const signIn = cognito.send(
    new InitiateAuthCommand({
      ClientId: e2eOutput('UserPoolClientId'),
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: pending.email, PASSWORD: pending.password },
    }),
  );
  await expect(signIn).rejects.toMatchObject({ name: 'UserNotConfirmedException', message: 'User is not confirmed.' });
  cognito.destroy();
});
