// Handlers that would fail on AWS are named at start by the real local stage (serverless-offline
// beside the e2e stack's emulator), with the fix, instead of passing silently: CommonJS that
// esbuild bundles as an ES module, and the AWS SDK v2 left out of the bundle. Handlers that reach
// Cognito as they would on AWS (the AWS SDK v2 bundled, amazon-cognito-identity-js), none of them
// pointed at the emulator, get the local Cognito's answers.
import { expect, test } from '@playwright/test';
import { adminConfirmedUser, cognitoClient } from '../testing/cognito-client.ts';
import { uniqueEmail, uniqueName } from '../testing/unique-names.ts';
import { ListUsersCommand } from '@aws-sdk/client-cognito-identity-provider';
import { e2eStack } from './stack.ts';
import { refusedVariant, startVariantApi, type ServiceEdit } from './variant-stack.ts';

const withFunction =
  (name: string, handler: string): ServiceEdit =>
  (service) => {
    service.functions[name] = { handler, events: [{ http: { path: `api/${name}`, method: 'get' } }] };
  };

test.describe('a CommonJS helper under "type": "module"', () => {
  const legacy = withFunction('legacy', 'e2e/fixtures/greeting-handler.handler');

  test('is refused at start, naming the function, the file and the fix', async () => {
    const refused = await refusedVariant(legacy);
    expect(refused.code).not.toBe(0);
    expect(refused.output).toContain(
      'legacy (e2e/fixtures/greeting-handler.js): e2e/fixtures/commonjs-greeting.js:6 uses CommonJS (`module.exports`, `exports`)',
    );
    expect(refused.output).toContain('Rename e2e/fixtures/commonjs-greeting.js to commonjs-greeting.cjs');
    expect(refused.output).toContain('list LegacyLambdaFunction.Handler under custom.localStack.notEmulated');
  });

  test('waived, it starts with a warning and fails when called, as on AWS; the fix answers', async () => {
    const variant = await startVariantApi((service) => {
      legacy(service);
      withFunction('fixed', 'e2e/fixtures/greeting-handler-fixed.handler')(service);
      service.custom.localStack = { ...service.custom.localStack, notEmulated: ['LegacyLambdaFunction.Handler'] };
    });
    try {
      expect(variant.output()).toContain('⚠  legacy (e2e/fixtures/greeting-handler.js): e2e/fixtures/commonjs-greeting.js:6 uses CommonJS');
      expect((await fetch(`${variant.apiUrl}/api/legacy`)).status).toBeGreaterThanOrEqual(500);
      const fixed = await fetch(`${variant.apiUrl}/api/fixed`);
      expect(fixed.status).toBe(200);
      expect(await fixed.text()).toBe('hello from CommonJS');
    } finally {
      await variant.stop();
    }
  });
});

// https://docs.aws.amazon.com/lambda/latest/dg/lambda-nodejs.html: from nodejs18.x, Lambda's
// runtimes include the AWS SDK v3 only, so aws-sdk (v2) works there only inside the package.
test.describe('a handler using the AWS SDK v2 for Cognito', () => {
  const sdkV2 = withFunction('users', 'e2e/fixtures/sdk-v2-users.handler');

  test("is refused at start when aws-sdk is left out of the bundle (serverless-esbuild's default): Lambda's runtime lacks it", async () => {
    const refused = await refusedVariant(sdkV2);
    expect(refused.code).not.toBe(0);
    expect(refused.output).toContain(
      'users (e2e/fixtures/sdk-v2-users.js): imports the AWS SDK v2 (aws-sdk/clients/cognitoidentityserviceprovider), left out of its bundle',
    );
    expect(refused.output).toContain(`"Cannot find module 'aws-sdk'" (Runtime.ImportModuleError)`);
    expect(refused.output).toContain('Bundle it (`custom.esbuild.exclude: []`, with aws-sdk in dependencies)');
    expect(refused.output).toContain('move to the AWS SDK v3 (`@aws-sdk/client-cognito-identity-provider` for Cognito)');
  });
});

test.describe('handlers reaching Cognito as on AWS, unchanged: the local Cognito answers', () => {
  const PASSWORD = 'Forward-Passw0rd!';

  test('the AWS SDK v2, bundled, and amazon-cognito-identity-js, on the starter stack', async () => {
    const variant = await startVariantApi((service) => {
      // The starter's pool under a name of its own, so that the e2e stack's pool is left alone.
      service.resources.Resources.CognitoUserPool.Properties.UserPoolName = uniqueName('forward');
      service.custom.esbuild.exclude = [];
      service.provider.environment = {
        ...service.provider.environment,
        USER_POOL_ID: { Ref: 'CognitoUserPool' },
        USER_POOL_CLIENT_ID: { Ref: 'CognitoUserPoolClient' },
      };
      withFunction('users', 'e2e/fixtures/sdk-v2-users.handler')(service);
      service.functions.signIn = {
        handler: 'e2e/fixtures/identity-js-sign-in.handler',
        events: [{ http: { path: 'api/sign-in', method: 'post' } }],
      };
    });
    const cognito = cognitoClient(e2eStack.urls.cognito);
    try {
      expect(variant.output()).not.toContain('AWS SDK v2');
      const { UserPoolId, UserPoolClientId } = variant.stack.outputs as Record<string, string>;
      const email = await adminConfirmedUser(cognito, UserPoolId!, uniqueEmail('forward'), PASSWORD);
      const { Users = [] } = await cognito.send(new ListUsersCommand({ UserPoolId }));

      await test.step('aws-sdk v2 (ListUsers, AdminGetUser) gets the local pool’s users at AWS’s endpoint', async () => {
        const response = await fetch(`${variant.apiUrl}/api/users?username=${encodeURIComponent(email)}`);
        expect(await response.json()).toEqual({
          endpoint: 'cognito-idp.eu-west-1.amazonaws.com',
          users: Users.map((user) => user.Username),
          status: 'CONFIRMED',
        });
        expect(response.status).toBe(200);
      });

      await test.step('the pool asked at another region’s endpoint does not exist there, as on AWS', async () => {
        const response = await fetch(`${variant.apiUrl}/api/users?region=us-east-1`);
        expect(await response.json()).toEqual({
          endpoint: 'cognito-idp.us-east-1.amazonaws.com',
          code: 'ResourceNotFoundException',
          message: `User pool ${UserPoolId} does not exist.`,
        });
      });

      await test.step('amazon-cognito-identity-js signs the user in (USER_SRP_AUTH), and refuses a wrong password', async () => {
        const signIn = (password: string) =>
          fetch(`${variant.apiUrl}/api/sign-in`, { method: 'POST', body: JSON.stringify({ email, password }) });
        const ok = await signIn(PASSWORD);
        expect(await ok.json()).toMatchObject({
          iss: `https://cognito-idp.eu-west-1.amazonaws.com/${UserPoolId}`,
          aud: UserPoolClientId,
          email,
          token_use: 'id',
        });
        expect(ok.status).toBe(200);
        const wrong = await signIn('Wrong-Passw0rd!');
        expect(wrong.status).toBe(401);
        expect(await wrong.json()).toMatchObject({ code: 'NotAuthorizedException' });
      });
    } finally {
      cognito.destroy();
      await variant.stop();
    }
  });
});
