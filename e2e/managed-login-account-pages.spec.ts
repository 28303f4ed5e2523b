import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { pino } from 'pino';
import type { Router, Services } from '../local/cognito/cognito-local.ts';
import { cognitoRoutes } from '../local/cognito/cognito-routes.ts';
import { accountPages } from '../local/cognito/managed-login/account-pages.ts';
import type { ManagedLoginDeps } from '../local/cognito/managed-login/managed-login-deps.ts';
import { managedLoginListener } from '../local/cognito/managed-login/managed-login-routes.ts';
import type { SignedIn } from '../local/cognito/managed-login/page-types.ts';
import { appClient, fakeCognito, userWithAttributes } from '../local/cognito/testing/fake-cognito.ts';
import { PoolTriggers } from '../local/cognito/triggers/pool-triggers.ts';
import { PoolOAuthStore } from '../local/cognito/pool-oauth-store.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// The account pages in Chromium through the managed login's own HTTP listener
// (managed-login-routes.ts, with its CSP), over the real operations and a store in memory:
// a person signs up, reads the code (the store's delivery stands in for the dev inbox), confirms
// and lands on the app's callback with the authorize parameters; then resets a password and is
// sent back to /login. The sign-in itself (/login, the session cookie, the code) is the lead's:
// here `signedIn` answers with the callback and what it was given.
const CALLBACK = 'https://app.example/callback';
const PARAMETERS = new URLSearchParams({
  client_id: 'client-1',
  response_type: 'code',
  redirect_uri: CALLBACK,
  state: 'st-42',
  scope: 'openid',
});

let server: Server;
let origin: string;
let fake: ReturnType<typeof fakeCognito>;

test.beforeEach(async () => {
  fake = fakeCognito({
    users: [userWithAttributes('0a1b2c3d-0000-4000-8000-000000000001', { email: 'ada@example.com', email_verified: 'true' })],
    pool: { Id: 'local_Pool1', UsernameAttributes: ['email'], AutoVerifiedAttributes: ['email'] },
    clients: [appClient('client-1', { AllowedOAuthFlowsUserPoolClient: true, CallbackURLs: [CALLBACK] })],
    otp: '654321',
  });
  // No pool here has a trigger: nothing is invoked.
  const triggers = new PoolTriggers({ lambdaUrl: 'http://127.0.0.1:9', timeoutMs: 1000 });
  const services = { ...fake.services, triggers } as unknown as Services;
  const noGuest: Router = (target) => async () => {
    throw new Error(`the account pages called ${target}, which is not ours`);
  };
  const deps: ManagedLoginDeps = {
    services,
    triggers,
    router: cognitoRoutes(noGuest, services, triggers, new PoolOAuthStore(mkdtempSync(path.join(tmpdir(), 'account-pages-')))),
    configs: { settingsOf: async () => ({ domain: 'local-domain', resourceServers: [], identityProviders: [] }) },
    origin: '',
    logger: pino({ level: 'silent' }),
    log: (message) => console.error(message),
  };
  const signedIn: SignedIn = async (_request, userPoolId, username, parameters) => ({
    kind: 'redirect',
    location: `${CALLBACK}?${new URLSearchParams({ signed_in: `${userPoolId}/${username}`, state: parameters.get('state') ?? '' })}`,
  });
  server = createServer(managedLoginListener(accountPages(deps, signedIn), deps.log));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

test('sign up, confirm with the emailed code, land on the callback signed in', async ({ page }) => {
  await page.route(`${CALLBACK}**`, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<title>app</title>' }));
  await page.goto(`${origin}/signup?${PARAMETERS}`);
  await test.step('the sign-up form', async () => {
    await page.locator('input[name="username"]').fill('grace@example.com');
    await page.locator('input[name="password"]').fill('Correct-Horse-1');
    await page.locator('button[name="signUpButton"]').click();
    await expect(page.getByText('We have sent a code by email to g***@e***.')).toBeVisible();
  });
  await test.step('a wrong code is refused on the page', async () => {
    await page.locator('#verification_code').fill('000000');
    await page.locator('button[name="confirm"]').click();
    await expect(page.getByText('Invalid verification code provided, please try again.')).toBeVisible();
  });
  await test.step('the code the pool sent confirms and signs in', async () => {
    const code = fake.delivered.find((call) => call[1] === 'SignUp')![5];
    await page.locator('#verification_code').fill(code);
    await page.locator('button[name="confirm"]').click();
    await page.waitForURL(`${CALLBACK}?**`);
  });
  const landed = new URL(page.url());
  const grace = [...fake.stored.values()].find((user) => user.Attributes.some(({ Value }) => Value === 'grace@example.com'))!;
  expect(grace.UserStatus).toBe('CONFIRMED');
  expect(Object.fromEntries(landed.searchParams)).toEqual({ signed_in: `local_Pool1/${grace.Username}`, state: 'st-42' });
});

test('forgot password: the code and a new password, then back to /login with the authorize parameters', async ({ page }) => {
  await page.goto(`${origin}/forgotPassword?${PARAMETERS}`);
  await page.locator('#username').fill('ada@example.com');
  await page.locator('button[name="reset_my_password"]').click();
  await expect(page.getByText('We have sent a code by email to a***@e***.')).toBeVisible();
  await page.locator('#forgot_password_code').fill('654321');
  await page.locator('#new_password').fill('New-Horse-2');
  await page.locator('#confirm_password').fill('New-Horse-2');
  await page.locator('button[name="reset_password"]').click();
  await page.waitForURL(`${origin}/login?**`);
  expect(new URL(page.url()).search).toBe(`?${PARAMETERS}`);
  expect(fake.stored.get('0a1b2c3d-0000-4000-8000-000000000001')!.Password).toBe('New-Horse-2');
});

test('an unknown client gets the error page, not a redirect', async ({ page }) => {
  const response = await page.goto(`${origin}/signup?client_id=nobody&redirect_uri=${encodeURIComponent(CALLBACK)}`);
  expect(response!.status()).toBe(400);
  expect(page.url()).toContain('/signup?client_id=nobody');
  await expect(page.getByText('An error was encountered with the requested page.')).toBeVisible();
});
