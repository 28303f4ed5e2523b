import { expect, type Page, test } from '@playwright/test';
import { loginPage } from '../local/cognito/managed-login/pages/login-page.ts';
import { signUpPage } from '../local/cognito/managed-login/pages/sign-up-page.ts';

// The managed login's pages in Chromium, before any server serves them: the selectors public
// Playwright, Cypress and Selenium tests use against AWS's classic hosted UI
// (local/cognito/managed-login/pages/classic-ids.ts) find the same visible fields here, at a
// desktop viewport and a phone's, and the form posts what Cognito's form posts.
const ORIGIN = 'https://managed-login.test';
const PARAMETERS = new URLSearchParams({
  client_id: 'client-1',
  response_type: 'code',
  redirect_uri: 'https://app.example/cb',
  state: 'st-1',
});
// What managed-login-routes.ts answers every page with.
const CSP = "default-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'";

/** Serves `html` at ORIGIN's /login and records the form posts the page makes. */
async function serve(page: Page, html: string): Promise<Array<{ url: string; body: URLSearchParams }>> {
  const posts: Array<{ url: string; body: URLSearchParams }> = [];
  await page.route(`${ORIGIN}/**`, async (route) => {
    if (route.request().method() === 'POST')
      posts.push({ url: route.request().url(), body: new URLSearchParams(route.request().postData() ?? '') });
    await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', headers: { 'Content-Security-Policy': CSP }, body: html });
  });
  return posts;
}

const login = loginPage({ parameters: PARAMETERS, clientName: 'web', allowSignUp: true, identityProviders: [], usernameLabel: 'Username' });

test('the sign-in selectors written against AWS fill and submit the visible form at a desktop viewport', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (message) => message.text().includes('Content Security Policy') && violations.push(message.text()));
  const posts = await serve(page, login);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${ORIGIN}/login?${PARAMETERS}`);

  await test.step('the Bootstrap copies: .visible-lg, and the second match by XPath', async () => {
    await expect(page.locator('.visible-lg #signInFormUsername')).toBeVisible();
    await expect(page.locator("xpath=(//input[@id='signInFormUsername'])[2]")).toBeVisible();
    await expect(page.locator("xpath=(//input[@id='signInFormUsername'])[1]")).toBeHidden();
    await expect(page.locator('.visible-lg [aria-label=submit]')).toBeVisible();
  });

  await test.step('by role and label, only the visible copy counts', async () => {
    await expect(page.getByRole('textbox', { name: 'Username' })).toHaveCount(1);
    await expect(page.getByRole('button', { name: 'submit' })).toHaveCount(1);
  });

  await test.step('fill and submit as the public tests do', async () => {
    await page.locator('input[name="username"]:visible, input[id="signInFormUsername"]:visible').first().fill('ada@example.com');
    await page.locator('.visible-lg #signInFormPassword').fill('Correct-Horse-1');
    await page.locator('input[name="signInSubmitButton"]:visible').click();
    await expect.poll(() => posts.length).toBe(1);
  });
  expect(posts[0]!.url).toBe(`${ORIGIN}/login?${PARAMETERS}`);
  expect(Object.fromEntries(posts[0]!.body)).toEqual({
    username: 'ada@example.com',
    password: 'Correct-Horse-1',
    signInSubmitButton: 'Sign in',
  });
  expect(violations).toEqual([]);
});

test('on a phone, the first copy is the visible one', async ({ page }) => {
  await serve(page, login);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${ORIGIN}/login?${PARAMETERS}`);
  await expect(page.locator('.visible-xs #signInFormUsername')).toBeVisible();
  await expect(page.locator('.visible-lg #signInFormUsername')).toBeHidden();
  await expect(page.getByRole('textbox', { name: 'Username' })).toHaveCount(1);
});

test('the sign-up form posts the classic field names', async ({ page }) => {
  const posts = await serve(page, signUpPage({ parameters: PARAMETERS, usernameKind: 'email', requiredAttributes: ['name'] }));
  await page.goto(`${ORIGIN}/signup?${PARAMETERS}`);
  await page.locator('input[name="username"]').fill('grace@example.com');
  await page.locator('input[name="requiredAttributes[name]"]').fill('Grace');
  await page.locator('input[name="password"]').fill('Correct-Horse-1');
  await page.locator('button[name="signUpButton"]').click();
  await expect.poll(() => posts.length).toBe(1);
  expect(Object.fromEntries(posts[0]!.body)).toEqual({
    username: 'grace@example.com',
    'requiredAttributes[name]': 'Grace',
    password: 'Correct-Horse-1',
    signUpButton: '',
  });
});
