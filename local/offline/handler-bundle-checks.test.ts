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

// https://docs.aws.amazon.com/lambda/latest/dg/lambda-nodejs.html: from nodejs18.x, the runtime includes the SDK v3 only.
describe('checkHandlerBundles: the AWS SDK v2', () => {
  it("refuses aws-sdk left out of the bundle (serverless-esbuild's default), which Lambda's Node.js 18+ runtimes lack, with both fixes", async () => {
    for (const [fixture, imported] of [
      ['sdk-v2-cognito', 'aws-sdk/clients/cognitoidentityserviceprovider'],
      ['sdk-v2-whole', 'aws-sdk'],
    ]) {
      const { refusal } = await check(fixture!);
      expect(refusal).toContain(`legacy (${FIXTURES}/${fixture}.js): imports the AWS SDK v2 (${imported}), left out of its bundle`);
      expect(refusal).toContain('"Cannot find module \'aws-sdk\'" (Runtime.ImportModuleError)');
      expect(refusal).toContain('Bundle it (`custom.esbuild.exclude: []`, with aws-sdk in dependencies)');
      expect(refusal).toContain('move to the AWS SDK v3 (`@aws-sdk/client-cognito-identity-provider` for Cognito)');
    }
  });

  it('refuses it excluded even when also listed as external: exclude leaves it out of the package', async () => {
    const { refusal } = await check('sdk-v2-whole', { format: 'cjs', external: ['aws-sdk'], exclude: ['aws-sdk'] });
    expect(refusal).toContain('imports the AWS SDK v2 (aws-sdk), left out of its bundle');
  });

  it('passes aws-sdk bundled, or packed beside the bundle (custom.esbuild.external): it works on AWS, and here its calls reach the local Cognito', async () => {
    for (const fixture of ['sdk-v2-cognito', 'sdk-v2-whole']) {
      expect((await check(fixture, { format: 'cjs', exclude: [] })).refusal).toBeUndefined();
      expect((await check(fixture, { format: 'cjs', external: ['aws-sdk'], exclude: [] })).refusal).toBeUndefined();
    }
  });

  it('passes the v3 Cognito client', async () => {
    expect((await check('sdk-v3-cognito')).refusal).toBeUndefined();
  });

  it("is right that aws-sdk v2 ignores AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: its calls go to cognito-idp.<region>.amazonaws.com, which the handlers' process forwards", async () => {
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
