// The test API's typed client (testing/dev-api.ts, README "Test API"), as a team's own tests use it
// against a running stack: a user made confirmed signs in, an unconfirmed one has its SignUp code in
// the inbox, the clock moves and comes back, and the API's log shows the calls made with the tokens.
import { expect, test } from '@playwright/test';
import { DevApiError, devApiFor } from '../testing/dev-api.ts';
import { uniqueEmail } from '../testing/unique-names.ts';
import { e2eStack } from './stack.ts';

const PASSWORD = 'Dev-Client-Passw0rd!';
const dev = devApiFor(e2eStack.dataDir, e2eStack.urls.cognito);

test('createUser (confirmed) then signInAs: tokens the secured route takes, and the request log says so', async () => {
  const email = uniqueEmail('dev-client');
  const user = await dev.createUser({ username: email, password: PASSWORD, attributes: { email } });
  expect([user.status, user.enabled, user.attributes.email]).toEqual(['CONFIRMED', true, email]);

  const since = Date.now();
  const tokens = await dev.signInAs({ username: email, password: PASSWORD });
  const secured = await fetch(`${e2eStack.urls.api}/api/helloWorldSecured`, { headers: { Authorization: tokens.idToken } });
  expect(secured.status).toBe(200);
  await expect
    .poll(async () => (await dev.requests({ since })).filter((request) => request.path.endsWith('/api/helloWorldSecured')))
    .toEqual([expect.objectContaining({ status: 200, route: 'GET /api/helloWorldSecured', decision: expect.stringMatching(/^allowed/) })]);

  expect((await dev.users({ filter: email })).map((listed) => listed.username)).toEqual([user.username]);
  await dev.deleteUser(user.username);
  expect(await dev.users({ filter: email })).toEqual([]);
});

test('an unconfirmed user: signInAs names Cognito’s refusal, latestCode finds the SignUp code by kind', async () => {
  const email = uniqueEmail('dev-client-unconfirmed');
  const user = await dev.createUser({ username: email, password: PASSWORD, state: 'unconfirmed', attributes: { email } });
  expect(user.status).toBe('UNCONFIRMED');
  await expect(dev.signInAs({ username: email, password: PASSWORD })).rejects.toThrow('UserNotConfirmedException');
  expect(await dev.latestCode(email, 'SignUp')).toMatch(/^\d{6}$/);
  await expect(dev.latestCode(email, 'ForgotPassword')).rejects.toBeInstanceOf(DevApiError);
  await dev.deleteUser(user.username);
});

test('the clock moves forward and back to the real time', async () => {
  const moved = await dev.clock.advance(60_000);
  expect(moved.offsetSeconds).toBeGreaterThanOrEqual(60);
  const back = await dev.clock.reset();
  expect(back.offsetSeconds).toBe(0);
  expect(Math.abs(Date.parse(back.now) - Date.now())).toBeLessThan(5000);
});
