import { latestCode } from '../testing/dev-inbox.ts';
import { uniqueEmail } from '../testing/unique-names.ts';
import { expect, test } from './hello-page.ts';
import { e2eStack } from './stack.ts';

const PASSWORD = 'Correct-Horse-1';

test('a new user signs up, confirms, signs in, calls both endpoints and signs out', async ({ helloPage }) => {
  const email = uniqueEmail('flow');

  await test.step('the secured endpoint refuses an anonymous call, readably', async () => {
    await expect(helloPage.currentUser).toHaveText('Not signed in');
    await helloPage.callSecured();
    await expect(helloPage.apiResponse).toContainText('GET /api/helloWorldSecured (no token)');
    await expect(helloPage.apiResponse).toContainText('HTTP 401');
    await expect(helloPage.apiResponse).toContainText('{"message":"Unauthorized"}');
  });

  await test.step('sign up: the code lands in the dev inbox', async () => {
    await helloPage.submitSignUp(email, PASSWORD);
    await expect(helloPage.result(helloPage.signUp)).toHaveText(`Check ${email[0]}***@e*** for a confirmation code.`);
    await expect(helloPage.devInbox.getByRole('row', { name: new RegExp(email) })).toBeVisible();
  });

  const code = await latestCode(e2eStack.urls.cognito, email);
  expect(code).toMatch(/^\d{6}$/);

  await test.step("a wrong code gets Cognito's error", async () => {
    const wrong = code === '000000' ? '111111' : '000000';
    await helloPage.submitConfirmation(email, wrong);
    await expect(helloPage.result(helloPage.confirm)).toHaveText(
      'CodeMismatchException: Invalid verification code provided, please try again.',
    );
  });

  await test.step('the right code confirms the email', async () => {
    await expect(helloPage.devInbox.getByRole('row', { name: new RegExp(email) })).toContainText(code);
    await helloPage.submitConfirmation(email, code);
    await expect(helloPage.result(helloPage.confirm)).toHaveText('Email confirmed. You can sign in now.');
  });

  await test.step("a wrong password gets Cognito's error", async () => {
    await helloPage.submitSignIn(email, 'Wrong-Password-1');
    await expect(helloPage.result(helloPage.signIn)).toHaveText('NotAuthorizedException: Incorrect username or password.');
    await expect(helloPage.currentUser).toHaveText('Not signed in');
  });

  await test.step('sign in shows who is signed in', async () => {
    await helloPage.submitSignIn(email, PASSWORD);
    await expect(helloPage.result(helloPage.signIn)).toHaveText('Signed in.');
    await expect(helloPage.currentUser).toHaveText(`Signed in as ${email}`);
  });

  await test.step('the public endpoint answers', async () => {
    await helloPage.callPublic();
    await expect(helloPage.apiResponse).toContainText('HTTP 200');
    await expect(helloPage.apiResponse).toContainText('"Hello from an unsecured endpoint"');
  });

  await test.step('the secured endpoint greets the user by email', async () => {
    await helloPage.callSecured();
    await expect(helloPage.apiResponse).toContainText('GET /api/helloWorldSecured (with ID token)');
    await expect(helloPage.apiResponse).toContainText('HTTP 200');
    await expect(helloPage.apiResponse).toContainText(`"Hello from an secured endpoint -> ${email}"`);
    await helloPage.page.screenshot({ path: 'docs/screenshot.png', fullPage: true });
  });

  await test.step('after sign-out the secured endpoint refuses again', async () => {
    await helloPage.signOut();
    await expect(helloPage.result(helloPage.signIn)).toHaveText('Signed out.');
    await expect(helloPage.currentUser).toHaveText('Not signed in');
    await helloPage.callSecured();
    await expect(helloPage.apiResponse).toContainText('(no token)');
    await expect(helloPage.apiResponse).toContainText('HTTP 401');
    await expect(helloPage.apiResponse).toContainText('{"message":"Unauthorized"}');
  });
});

test('the signed-in user survives a page reload', async ({ helloPage, page }) => {
  const email = uniqueEmail('reload');
  await helloPage.submitSignUp(email, PASSWORD);
  await expect(helloPage.result(helloPage.signUp)).toContainText('confirmation code');
  await helloPage.submitConfirmation(email, await latestCode(e2eStack.urls.cognito, email));
  await expect(helloPage.result(helloPage.confirm)).toHaveText('Email confirmed. You can sign in now.');
  await helloPage.submitSignIn(email, PASSWORD);
  await expect(helloPage.currentUser).toHaveText(`Signed in as ${email}`);

  await page.reload();
  await expect(helloPage.currentUser).toHaveText(`Signed in as ${email}`);
  await helloPage.callSecured();
  await expect(helloPage.apiResponse).toContainText(`-> ${email}`);
});
