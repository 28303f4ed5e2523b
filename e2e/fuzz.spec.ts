// A few thousand random requests (seeded: the same ones every run) across every HTTP surface
// of the stack that is ours: none may get a 5xx, a non-JSON error or no answer at all, the secured
// route must never greet without a genuine token, and afterwards the stack must still answer
// correctly. Replay another mix with FUZZ_SEED=<n> (and FUZZ_COUNT=<n>). (Node only.)
import { InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { expect, test } from '@playwright/test';
import { PUBLIC_GREETING } from '../src/functions/hello-world.ts';
import { securedGreeting } from '../src/functions/hello-world-secured.ts';
import { cognitoClient } from '../testing/cognito-client.ts';
import { fuzzRequests, type FuzzRequest, type FuzzTargets } from './fuzz-requests.ts';
import { answerProblem, lambdaFunctionNames, SURFACE_PORTS } from './json-answers.ts';
import { sendRaw } from './raw-http.ts';
import { e2eOutput, e2eStack } from './stack.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 20_240_808);
const COUNT = Number(process.env.FUZZ_COUNT ?? 3_000);
/** Connections open at once. */
const CONCURRENCY = 16;
const SEED_USER = { email: 'user@example.com', password: 'User-Passw0rd!' };

async function signIn(): Promise<{ IdToken: string; AccessToken: string; RefreshToken: string }> {
  const cognito = cognitoClient(e2eStack.urls.cognito);
  try {
    const { AuthenticationResult } = await cognito.send(
      new InitiateAuthCommand({
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: e2eOutput('UserPoolClientId'),
        AuthParameters: { USERNAME: SEED_USER.email, PASSWORD: SEED_USER.password },
      }),
    );
    return AuthenticationResult as { IdToken: string; AccessToken: string; RefreshToken: string };
  } finally {
    cognito.destroy();
  }
}

/** Sends every request, CONCURRENCY at a time; returns what went wrong and the statuses seen. */
async function sendAll(requests: readonly FuzzRequest[]): Promise<{ problems: string[]; statuses: Map<string, number> }> {
  const problems: string[] = [];
  const statuses = new Map<string, number>();
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const index = next++;
      const { surface, kind, request, mustNotGreet } = requests[index]!;
      try {
        const response = await sendRaw(SURFACE_PORTS[surface], request);
        const key = `${surface} ${response.status}`;
        statuses.set(key, (statuses.get(key) ?? 0) + 1);
        const problem =
          answerProblem(request, response) ?? (mustNotGreet && response.status === 200 ? 'greeted without a genuine token' : undefined);
        if (problem) problems.push(`#${index} ${kind}: ${problem} (${response.status} ${response.body.slice(0, 160)})`);
      } catch (error) {
        problems.push(`#${index} ${kind}: ${(error as Error).message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { problems, statuses };
}

test(`${COUNT} random requests (seed ${SEED}) get no 5xx and no non-JSON error; the stack answers correctly afterwards`, async () => {
  test.setTimeout(120_000);
  const tokens = await signIn();
  const targets: FuzzTargets = {
    userPoolId: e2eOutput('UserPoolId'),
    clientId: e2eOutput('UserPoolClientId'),
    functionNames: lambdaFunctionNames(),
    idToken: tokens.IdToken,
    accessToken: tokens.AccessToken,
    refreshToken: tokens.RefreshToken,
  };

  await test.step('the random requests', async () => {
    const { problems, statuses } = await sendAll([...fuzzRequests(SEED, COUNT, targets)]);
    const seen = [...statuses]
      .sort()
      .map(([key, count]) => `${key}×${count}`)
      .join(', ');
    test.info().annotations.push({ type: 'statuses', description: seen });
    expect(problems, `${problems.length} bad answers (replay with FUZZ_SEED=${SEED}); statuses: ${seen}`).toEqual([]);
  });

  await test.step('the public endpoint still greets', async () => {
    const response = await fetch(`${e2eStack.urls.api}/api/helloWorld`);
    expect(response.status).toBe(200);
    expect(await response.json()).toBe(PUBLIC_GREETING);
  });

  await test.step('the seed user still signs in, and the secured endpoint greets them', async () => {
    const { IdToken } = await signIn();
    const response = await fetch(`${e2eStack.urls.api}/api/helloWorldSecured`, { headers: { Authorization: `Bearer ${IdToken}` } });
    expect(response.status).toBe(200);
    expect(await response.json()).toBe(securedGreeting(SEED_USER.email));
  });

  await test.step('the dev inbox, the emulator and the Lambda invoke port still answer', async () => {
    const inbox = await fetch(`${e2eStack.urls.cognito}/_dev/inbox?to=${encodeURIComponent(SEED_USER.email)}`);
    expect(inbox.status).toBe(200);
    expect(Array.isArray(await inbox.json())).toBe(true);
    expect((await fetch(`${e2eStack.urls.cognito}/health`)).status).toBe(200);
    const [helloWorld] = lambdaFunctionNames();
    const invoked = await fetch(`http://127.0.0.1:${SURFACE_PORTS.lambda}/2015-03-31/functions/${helloWorld}/invocations`, {
      method: 'POST',
      body: '{}',
    });
    expect(invoked.status).toBe(200);
    expect(await invoked.json()).toMatchObject({ statusCode: 200 });
  });
});
