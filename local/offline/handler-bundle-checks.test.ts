import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkHandlerBundles, type HandlerCheckOptions } from './handler-bundle-checks.ts';
import type { EsbuildSettings } from './handler-bundle-facts.ts';

const PROJECT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FIXTURES = 'local/offline/fixtures/handler-bundles';

/** The checks on one function whose handler is `<fixture>.handler`; what they refused, and what they said. */
async function check(fixture: string, esbuild: EsbuildSettings = { format: 'cjs' }, notEmulated: string[] = []) {
  const notices: string[] = [];
  const options: HandlerCheckOptions = {
    serviceDir: PROJECT,
    functions: [{ name: 'legacy', logicalId: 'LegacyLambdaFunction', handler: `${FIXTURES}/${fixture}.handler` }],
    esbuild,
    notEmulated,
    notice: (line) => notices.push(line),
  };
  const refusal = await checkHandlerBundles(options).then(
    () => undefined,
    (error: Error) => error.message,
  );
  return { refusal, notices };
}

describe('checkHandlerBundles: CommonJS that esbuild bundles as an ES module', () => {
  it('refuses a handler whose CommonJS helper loses its exports, naming the file, the line and the fix', async () => {
    const { refusal } = await check('esm-handler-cjs-helper');
    expect(refusal).toContain(`legacy (${FIXTURES}/esm-handler-cjs-helper.js): ${FIXTURES}/cjs-helper.js:5 uses CommonJS`);
    expect(refusal).toContain(
      `Rename ${FIXTURES}/cjs-helper.js to cjs-helper.cjs (and import it by that name), or write it with \`export\``,
    );
    expect(refusal).toContain('To start anyway, list LegacyLambdaFunction.Handler under custom.localStack.notEmulated.');
  });

  it('says it as a warning instead when notEmulated lists <FunctionLogicalId>.Handler', async () => {
    const { refusal, notices } = await check('esm-handler-cjs-helper', { format: 'cjs' }, ['LegacyLambdaFunction.Handler']);
    expect(refusal).toBeUndefined();
    expect(notices).toEqual([expect.stringMatching(/^⚠ {2}legacy \(.*\): .*cjs-helper\.js:5 uses CommonJS/)]);
  });

  it('passes the same helper renamed to .cjs, a CommonJS entry in a CommonJS bundle, and the words in a comment', async () => {
    expect((await check('esm-handler-cjs-file')).refusal).toBeUndefined();
    // Its `module` is the bundle's own: it works, on AWS as here.
    expect((await check('cjs-handler')).refusal).toBeUndefined();
    expect((await check('commented-handler')).refusal).toBeUndefined();
  });

  it('refuses a CommonJS entry in an ES module bundle ("module is not defined in ES module scope")', async () => {
    const { refusal } = await check('cjs-handler', { format: 'esm' });
    expect(refusal).toContain(`${FIXTURES}/cjs-handler.js:3 uses CommonJS`);
  });
});

describe('checkHandlerBundles: the AWS SDK v2', () => {
  it('refuses a handler that bundles the v2 Cognito client, alone or with the whole SDK, with no way around it', async () => {
    for (const fixture of ['sdk-v2-cognito', 'sdk-v2-whole']) {
      const { refusal } = await check(fixture, { format: 'cjs', exclude: [] }, ['LegacyLambdaFunction.Handler']);
      expect(refusal).toContain(`legacy (${FIXTURES}/${fixture}.js): bundles the AWS SDK v2's Cognito client (aws-sdk)`);
      expect(refusal).toContain('Move to the AWS SDK v3 (`@aws-sdk/client-cognito-identity-provider` for Cognito)');
    }
  });

  it("refuses aws-sdk left out of the bundle (serverless-esbuild's default), which Lambda's Node.js 18+ runtimes lack", async () => {
    const { refusal } = await check('sdk-v2-cognito');
    expect(refusal).toContain('imports the AWS SDK v2 (aws-sdk/clients/cognitoidentityserviceprovider), left out of its bundle');
    expect(refusal).toContain('Runtime.ImportModuleError on AWS');
  });

  it('refuses aws-sdk packed beside the bundle (custom.esbuild.external), which works on AWS against the real Cognito', async () => {
    const { refusal } = await check('sdk-v2-whole', { format: 'cjs', external: ['aws-sdk'], exclude: [] });
    expect(refusal).toContain('imports the AWS SDK v2 (aws-sdk), packed beside its bundle (custom.esbuild.external)');
  });

  it('passes the v3 Cognito client', async () => {
    expect((await check('sdk-v3-cognito')).refusal).toBeUndefined();
  });

  it('is right that aws-sdk v2 ignores AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER (the variable the local stage sets for v3)', async () => {
    process.env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER = 'http://127.0.0.1:9229';
    process.env.AWS_ENDPOINT_URL = 'http://127.0.0.1:9229';
    try {
      const { default: CognitoIdentityServiceProvider } = await import('aws-sdk/clients/cognitoidentityserviceprovider.js');
      const client = new CognitoIdentityServiceProvider({ region: 'eu-west-1' });
      expect(client.endpoint.host).toBe('cognito-idp.eu-west-1.amazonaws.com');
    } finally {
      delete process.env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER;
      delete process.env.AWS_ENDPOINT_URL;
    }
  });
});
