// A user made before `npm start` is stopped signs in after it starts again on the same data folder.
import { afterAll, expect, test } from 'vitest';
import { securedGreeting } from '../src/functions/hello-world-secured.ts';
import { cognitoClient } from '../testing/cognito-client.ts';
import type { LaunchedStack } from '../testing/launch-stack.ts';
import { uniqueEmail } from '../testing/unique-names.ts';
import { callSecured, confirm, deployedIds, passwordSignIn, signUp, srpSignIn, stackHome, start, stop } from './stack.ts';

const home = await stackHome();
const cognito = cognitoClient(home.urls.cognito);
let stack: LaunchedStack | undefined;

afterAll(async () => {
  cognito.destroy();
  await stop(stack);
  home.remove();
});

// Guarantee: users, the pool and its app client survive a restart (Ctrl+C, `npm start` again):
// same ids, and both sign-in flows plus the secured API work for a user confirmed before it.
test('a confirmed user signs in and calls the secured API after a restart; the pool and client ids are unchanged', async () => {
  stack = await start(home);
  const before = deployedIds(home.dataDir);
  const email = uniqueEmail('persist');
  await signUp(cognito, before.clientId, email);
  await confirm(cognito, home, before.clientId, email);
  await stop(stack);

  stack = await start(home);
  const after = deployedIds(home.dataDir);
  expect(after).toEqual(before);
  for (const idToken of [
    await passwordSignIn(cognito, after.clientId, email),
    await srpSignIn(home, after.poolId, after.clientId, email),
  ]) {
    await expect(callSecured(after.apiUrl, idToken)).resolves.toEqual({ status: 200, body: securedGreeting(email) });
  }
});
