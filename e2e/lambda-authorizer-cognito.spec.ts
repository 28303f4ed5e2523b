// A REST route behind a Lambda (TOKEN) authorizer that verifies the Cognito ID token itself with
// aws-jwt-verify, written as for AWS (e2e/fixtures/cognito-authorizer.ts), on a variant deployed over
// the e2e stack's pool: the verifier reaches the local pool unchanged, and Amplify's REST client in
// Chromium calls the route with the ID token and gets the authorizer's context back.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { build } from 'esbuild';
import { adminConfirmedUser, cognitoClient } from '../testing/cognito-client.ts';
import { uniqueEmail } from '../testing/unique-names.ts';
import { AuthorizerLogs } from './authorizer-variant.ts';
import { variantOnE2ePool } from './variant-stack.ts';
import { expect, test } from './hello-page.ts';
import { e2eOutput, e2eStack } from './stack.ts';
import type { VariantApi } from './variant-stack.ts';

const PASSWORD = 'Authorizer-Passw0rd!';

let logs: AuthorizerLogs;
let variant: { api: VariantApi; dataDir: string } | undefined;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  logs = new AuthorizerLogs();
  variant = await variantOnE2ePool((service) => {
    service.functions.cognitoAuthorizer = {
      handler: 'e2e/fixtures/cognito-authorizer.handler',
      // The pool and client of this stack, as a team passes them to the function on AWS.
      environment: {
        USER_POOL_ID: { Ref: 'CognitoUserPool' },
        CLIENT_ID: { Ref: 'CognitoUserPoolClient' },
        AUTHORIZER_LOG: logs.file('cognitoAuthorizer'),
      },
    };
    service.functions.greeting = {
      handler: 'e2e/fixtures/echo-handler.handler',
      events: [
        {
          http: {
            method: 'get',
            path: 'api/greeting',
            cors: true,
            authorizer: { name: 'cognitoAuthorizer', type: 'token', identitySource: 'method.request.header.Authorization' },
          },
        },
      ],
    };
  });
});

test.afterAll(async () => {
  await variant?.api.stop();
  if (variant) rmSync(variant.dataDir, { recursive: true, force: true });
  logs?.remove();
});

async function idTokenOf(email: string): Promise<string> {
  const cognito = cognitoClient(e2eStack.urls.cognito);
  try {
    await adminConfirmedUser(cognito, e2eOutput('UserPoolId'), email, PASSWORD);
    const { AuthenticationResult } = await cognito.send(
      new InitiateAuthCommand({
        ClientId: e2eOutput('UserPoolClientId'),
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: email, PASSWORD },
      }),
    );
    return AuthenticationResult!.IdToken!;
  } finally {
    cognito.destroy();
  }
}

test("aws-jwt-verify in the authorizer accepts the local pool's ID token: the handler gets the email; the next call is cached; a bad token is 401", async () => {
  const email = uniqueEmail('lambda-authorizer');
  const token = await idTokenOf(email);
  const greeting = `${variant!.api.apiUrl}/api/greeting`;
  for (let call = 0; call < 2; call += 1) {
    const answer = await fetch(greeting, { headers: { Authorization: `Bearer ${token}` } });
    expect(answer.status).toBe(200);
    const { authorizer } = (await answer.json()) as { authorizer: Record<string, unknown> };
    expect(authorizer).toMatchObject({ email, greeting: `Hello, ${email}!` });
    expect(authorizer.principalId).toMatch(/^[0-9a-f-]{36}$/);
  }
  expect(logs.events('cognitoAuthorizer').filter((event) => event.authorizationToken === `Bearer ${token}`)).toHaveLength(1);
  const forged = await fetch(greeting, { headers: { Authorization: `${token.slice(0, -4)}AAAA` } });
  expect([forged.status, await forged.text()]).toEqual([401, '{"message":"Unauthorized"}']);
});

test("Amplify's REST client in Chromium calls the route with the ID token and reads the authorizer's context", async ({ helloPage }) => {
  const email = uniqueEmail('lambda-authorizer-amplify');
  await idTokenOf(email);
  await helloPage.submitSignIn(email, PASSWORD);
  await expect(helloPage.result(helloPage.signIn)).toHaveText('Signed in.');

  const bundle = await build({
    entryPoints: [path.join(import.meta.dirname, 'fixtures/amplify-rest-client.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    write: false,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  await helloPage.page.addScriptTag({ content: bundle.outputFiles[0]!.text });

  const answers = await helloPage.page.evaluate(
    async ({ apiUrl, pool }) => {
      const { Amplify, get, fetchAuthSession } = (window as any).amplifyRest;
      Amplify.configure({ Auth: { Cognito: pool }, API: { REST: { greetings: { endpoint: apiUrl, region: 'eu-west-1' } } } });
      // The session the page signed in (Amplify keeps it in localStorage), as Amplify's docs pass it on.
      const idToken = (await fetchAuthSession()).tokens?.idToken?.toString();
      const call = async (Authorization: string) => {
        try {
          const { statusCode, body } = await get({ apiName: 'greetings', path: '/api/greeting', options: { headers: { Authorization } } })
            .response;
          return { statusCode, body: await body.json() };
        } catch (error: any) {
          return { statusCode: error.response?.statusCode, body: error.response?.body ?? String(error) };
        }
      };
      return { signedIn: await call(idToken), forged: await call('not-a-token') };
    },
    {
      apiUrl: variant!.api.apiUrl,
      pool: {
        userPoolId: e2eOutput('UserPoolId'),
        userPoolClientId: e2eOutput('UserPoolClientId'),
        userPoolEndpoint: e2eStack.urls.cognito,
      },
    },
  );
  expect(answers.signedIn.statusCode).toBe(200);
  expect(answers.signedIn.body.authorizer).toMatchObject({ email, greeting: `Hello, ${email}!` });
  // The authorizer's 401 carries the starter's DEFAULT_4XX CORS headers, so the browser can read it.
  expect(answers.forged).toEqual({ statusCode: 401, body: '{"message":"Unauthorized"}' });
});
