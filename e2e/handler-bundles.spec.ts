// Handlers that would fail on AWS, or call AWS from this machine, are named at start by the real
// local stage (serverless-offline beside the e2e stack's emulator), with the fix, instead of
// passing silently: CommonJS that esbuild bundles as an ES module, and the AWS SDK v2.
import { expect, test } from '@playwright/test';
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

test.describe('a handler using the AWS SDK v2 for Cognito', () => {
  const sdkV2 = withFunction('users', 'e2e/fixtures/sdk-v2-users.handler');

  test("is refused at start when aws-sdk is left out of the bundle (serverless-esbuild's default)", async () => {
    const refused = await refusedVariant(sdkV2);
    expect(refused.code).not.toBe(0);
    expect(refused.output).toContain(
      'users (e2e/fixtures/sdk-v2-users.js): imports the AWS SDK v2 (aws-sdk/clients/cognitoidentityserviceprovider), left out of its bundle',
    );
    expect(refused.output).toContain('Move to the AWS SDK v3 (`@aws-sdk/client-cognito-identity-provider` for Cognito)');
  });

  test('is refused at start when the bundle carries it, even waived: its calls would reach the real Cognito', async () => {
    const refused = await refusedVariant((service) => {
      sdkV2(service);
      service.custom.esbuild.exclude = [];
      service.custom.localStack = { ...service.custom.localStack, notEmulated: ['UsersLambdaFunction.Handler'] };
    });
    expect(refused.code).not.toBe(0);
    expect(refused.output).toContain("users (e2e/fixtures/sdk-v2-users.js): bundles the AWS SDK v2's Cognito client (aws-sdk)");
  });
});
