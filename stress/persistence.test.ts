// A user made before `npm start` is stopped signs in after it starts again on the same data folder.
import { afterAll, expect, test } from 'vitest';
import type { RunningStack } from '../bench/stack-process.ts';
import { securedGreeting } from '../src/functions/hello-world-secured.ts';
import {
  callSecured,
  cognitoClient,
  confirm,
  dataFolder,
  deployedIds,
  newEmail,
  passwordSignIn,
  signUp,
  srpSignIn,
  start,
  stop,
} from './stack.ts';

const data = dataFolder();
const cognito = cognitoClient();
let stack: RunningStack | undefined;

afterAll(async () => {
  cognito.destroy();
  await stop(stack);
  data.remove();
});

// Guarantee: users, the pool and its app client survive a restart (Ctrl+C, `npm start` again):
// same ids, and both sign-in flows plus the secured API work for a user confirmed before it.
test('a confirmed user signs in and calls the secured API after a restart; the pool and client ids are unchanged', async () => {
  stack = await start(data.dir);
  const before = deployedIds(data.dir);
  const email = newEmail('persist');
  await signUp(cognito, before.clientId, email);
  await confirm(cognito, before.clientId, email);
  await stop(stack);

  stack = await start(data.dir);
  const after = deployedIds(data.dir);
  expect(after).toEqual(before);
  for (const idToken of [await passwordSignIn(cognito, after.clientId, email), await srpSignIn(after.poolId, after.clientId, email)]) {
    await expect(callSecured(after.apiUrl, idToken)).resolves.toEqual({ status: 200, body: securedGreeting(email) });
  }
});
