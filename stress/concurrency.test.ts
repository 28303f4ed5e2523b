// Many users at once, and `npm start` stopped while they are being served: nobody fails,
// nothing is lost, and the data folder always loads again.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { cognitoClient } from '../testing/cognito-client.ts';
import type { LaunchedStack } from '../testing/launch-stack.ts';
import { uniqueEmail } from '../testing/unique-names.ts';
import {
  confirm,
  deployedIds,
  emailOf,
  everyOne,
  listAllUsers,
  passwordSignIn,
  signUp,
  srpSignIn,
  stackHome,
  start,
  stop,
} from './stack.ts';

const home = await stackHome();
const cognito = cognitoClient(home.urls.cognito);
let stack: LaunchedStack | undefined;
let ids: ReturnType<typeof deployedIds>;
const crowd = Array.from({ length: 100 }, (_, i) => uniqueEmail(`crowd-${i}`));

beforeAll(async () => {
  stack = await start(home);
  ids = deployedIds(home.dataDir);
});

afterAll(async () => {
  cognito.destroy();
  await stop(stack);
  home.remove();
});

/** Emails of the pool's users with status `status`. */
async function usersWithStatus(status: string): Promise<Set<string | undefined>> {
  return new Set((await listAllUsers(cognito, ids.poolId)).filter((user) => user.UserStatus === status).map(emailOf));
}

/**
 * Keeps `workers` loops of `call` going and stops the stack once `successes` calls have
 * succeeded; each loop ends at its first failed call, so the stop always lands mid-load. Fails if
 * a call failed before the stop, or if the stop took long enough for the supervisor to SIGKILL
 * a service (5 s).
 */
async function stopUnderLoad(workers: number, successes: number, call: (worker: number) => Promise<unknown>): Promise<void> {
  let succeeded = 0;
  let stopSent = false;
  const failedBeforeStop: string[] = [];
  let enough!: () => void;
  const reached = new Promise<void>((resolve) => (enough = resolve));
  const loops = Array.from({ length: workers }, async (_, worker) => {
    for (;;) {
      try {
        await call(worker);
      } catch (error) {
        if (!stopSent) failedBeforeStop.push(String(error));
        return;
      }
      if (++succeeded === successes) enough();
    }
  });
  await Promise.race([reached, Promise.all(loops)]);
  stopSent = true;
  const stopping = performance.now();
  await stop(stack);
  const stopMs = performance.now() - stopping;
  await Promise.all(loops);
  expect(failedBeforeStop).toEqual([]);
  expect(stopMs).toBeLessThan(4500);
}

// Guarantee: 100 people signing up, confirming and signing in at the same moment all succeed
// (password and SRP sign-in alike), and the pool then lists every one of them as confirmed.
test('100 parallel sign-ups, then confirms, then sign-ins all succeed; ListUsers shows all 100 confirmed', async () => {
  await everyOne(crowd, (email) => signUp(cognito, ids.clientId, email));
  await everyOne(crowd, (email) => confirm(cognito, home, ids.clientId, email));
  await everyOne(crowd, (email) => passwordSignIn(cognito, ids.clientId, email));
  await everyOne(crowd.slice(0, 20), (email) => srpSignIn(home, ids.poolId, ids.clientId, email));

  const confirmed = await usersWithStatus('CONFIRMED');
  expect(crowd.filter((email) => !confirmed.has(email))).toEqual([]);
});

// Guarantee: a stop in the middle of sign-ins (each one writes the pool's file) never leaves a
// file that fails to load, and loses no user.
test('a stop during 120 parallel sign-ins: the data loads again and all 100 users sign in', async () => {
  await stopUnderLoad(120, 100, (worker) => passwordSignIn(cognito, ids.clientId, crowd[worker % crowd.length]!));

  // start() fails with npm start's output (the data file's error) if the file does not load.
  stack = await start(home);
  await everyOne(crowd, (email) => passwordSignIn(cognito, ids.clientId, email));
});

// Guarantee (nothing lost): every sign-up answered with success before a stop still exists
// after the restart.
test('a stop during 50 parallel streams of sign-ups: every sign-up that succeeded exists after the restart', async () => {
  const signedUp: string[] = [];
  await stopUnderLoad(50, 20, async () => {
    const email = uniqueEmail('late');
    await signUp(cognito, ids.clientId, email);
    signedUp.push(email);
  });

  stack = await start(home);
  const unconfirmed = await usersWithStatus('UNCONFIRMED');
  expect(signedUp.filter((email) => !unconfirmed.has(email))).toEqual([]);
});
