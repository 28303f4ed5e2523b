import { latestCode } from '../testing/dev-inbox.ts';
import { uniqueEmail } from '../testing/unique-names.ts';
import { expect, test } from './hello-page.ts';
import { e2eStack } from './stack.ts';

const PASSWORD = 'Correct-Horse-1';
const NEW_PASSWORD = 'Battery-Staple-2';

test('resend code, one-click codes from the inbox, token refresh and a forgotten password', async ({ helloPage }) => {
  const email = uniqueEmail('lifecycle');

  await test.step("a weak password gets Cognito's policy message", async () => {
    await helloPage.submitSignUp(email, 'weakpass');
    await expect(helloPage.result(helloPage.signUp)).toHaveText(
      'InvalidPasswordException: Password did not conform with policy: Password must have uppercase characters',
    );
  });

  await test.step('sign up, then ask for a new code', async () => {
    await helloPage.submitSignUp(email, PASSWORD);
    await expect(helloPage.result(helloPage.signUp)).toContainText('confirmation code');
    const first = await latestCode(e2eStack.urls.cognito, email);
    await helloPage.resendCode(email);
    await expect(helloPage.result(helloPage.confirm)).toHaveText(`A new code is on its way to ${email[0]}***@e***.`);
    await expect(helloPage.devInbox.getByRole('row', { name: new RegExp(email) })).toHaveCount(2);
    await expect(helloPage.devInbox.getByRole('row', { name: new RegExp(email) }).first()).toContainText('Sign-up (resent)');
    const second = await latestCode(e2eStack.urls.cognito, email);
    expect(second).toMatch(/^\d{6}$/);
    if (second === first) test.info().annotations.push({ type: 'note', description: 'both codes were equal by chance' });
  });

  await test.step('"Use this code" fills the confirmation form', async () => {
    await helloPage.useLatestCode(email);
    await expect(helloPage.confirm.getByLabel('Confirmation code')).toHaveValue(await latestCode(e2eStack.urls.cognito, email));
    await helloPage.confirm.getByRole('button', { name: 'Confirm' }).click();
    await expect(helloPage.result(helloPage.confirm)).toHaveText('Email confirmed. You can sign in now.');
  });

  await test.step('sign in with SRP and refresh the session', async () => {
    await helloPage.submitSignIn(email, PASSWORD);
    await expect(helloPage.currentUser).toHaveText(`Signed in as ${email}`);
    await helloPage.refreshSession();
    await expect(helloPage.result(helloPage.signIn)).toContainText('Session refreshed: new ID token, valid until');
    await helloPage.callSecured();
    await expect(helloPage.apiResponse).toContainText('HTTP 200');
    await expect(helloPage.apiResponse).toContainText(`-> ${email}`);
    await helloPage.signOut();
    await expect(helloPage.currentUser).toHaveText('Not signed in');
  });

  await test.step('forgot password: a reset code, a new password', async () => {
    await helloPage.requestPasswordReset(email);
    await expect(helloPage.result(helloPage.forgot)).toHaveText(`Check ${email[0]}***@e*** for a reset code.`);
    await expect(helloPage.devInbox.getByRole('row', { name: new RegExp(email) }).first()).toContainText('Password reset');
    await helloPage.useLatestCode(email);
    await expect(helloPage.forgot.getByLabel('Reset code')).toHaveValue(await latestCode(e2eStack.urls.cognito, email));
    await helloPage.submitNewPassword(NEW_PASSWORD);
    await expect(helloPage.result(helloPage.forgot)).toHaveText('Password changed. You can sign in with the new one.');
  });

  await test.step('the old password no longer works; the new one does', async () => {
    await helloPage.submitSignIn(email, PASSWORD);
    await expect(helloPage.result(helloPage.signIn)).toHaveText('NotAuthorizedException: Incorrect username or password.');
    await helloPage.submitSignIn(email, NEW_PASSWORD);
    await expect(helloPage.currentUser).toHaveText(`Signed in as ${email}`);
  });
});
