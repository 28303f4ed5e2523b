// Valid tokens pass while the API's authorizer is still fetching its keys, even when tokens
// with an unknown key id arrive at the same moment.
import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { afterAll, expect, test } from 'vitest';
import { securedGreeting } from '../src/functions/hello-world-secured.ts';
import { cognitoClient } from '../testing/cognito-client.ts';
import type { LaunchedStack } from '../testing/launch-stack.ts';
import { foreignKey, mint } from '../testing/tokens.ts';
import { callSecured, deployedIds, passwordSignIn, stackHome, start, stop } from './stack.ts';

const home = await stackHome();
let stack: LaunchedStack | undefined;

afterAll(async () => {
  await stop(stack);
  home.remove();
});

// Guarantee: right after `npm start` (no keys cached), 200 parallel secured calls each get the
// answer their token deserves — every valid token 200 with its own email, every token whose
// `kid` the pool does not publish (which asks for a JWKS refetch) 401 — whatever order they
// reach the authorizer in.
test('a cold burst of valid and unknown-kid tokens: every valid one 200, every unknown one 401', async () => {
  stack = await start(home);
  const { clientId, apiUrl } = deployedIds(home.dataDir);
  const cognito = cognitoClient(home.urls.cognito);
  // A genuine ID token's claims (its issuer above all); signing in touches only the emulator.
  const genuine = jwt.decode(await passwordSignIn(cognito, clientId, 'user@example.com', 'User-Passw0rd!')) as Record<string, unknown>;
  cognito.destroy();

  const calls = Array.from({ length: 200 }, (_, i) => {
    const claims = { ...genuine, email: `burst-${i}@example.com`, jti: randomUUID() };
    // Every other call is valid; an unknown kid first, so that one reaches the authorizer
    // before any valid token does.
    return i % 2 === 1
      ? { valid: true, email: claims.email, token: mint(claims) }
      : { valid: false, token: mint(claims, { key: foreignKey, kid: `unknown-${i}` }) };
  });
  const answers = await Promise.all(calls.map((call) => callSecured(apiUrl, call.token)));

  const wrong = calls.flatMap((call, i) => {
    const expected = call.valid ? { status: 200, body: securedGreeting(call.email!) } : { status: 401, body: { message: 'Unauthorized' } };
    return JSON.stringify(answers[i]) === JSON.stringify(expected)
      ? []
      : [`#${i} (${call.valid ? 'valid' : 'unknown kid'}): ${JSON.stringify(answers[i])}`];
  });
  expect(wrong).toEqual([]);
});
