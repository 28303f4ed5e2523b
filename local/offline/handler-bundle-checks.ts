import path from 'node:path';
import { LocalStackTemplateError } from '../cloudformation/template.ts';
import { handlerBundleFacts, handlerEntry, type EsbuildSettings, type HandlerBundleFacts } from './handler-bundle-facts.ts';

/** The part of serverless's `Serverless` object the checks read. */
export interface ServiceWithHandlers {
  readonly serviceDir: string;
  readonly service: {
    /** serverless's functions: each `handler` (and serverless-esbuild's `skipEsbuild`) is read. */
    readonly functions: Readonly<Record<string, object>>;
    /** `custom.esbuild` (read as {@link EsbuildSettings}) and `custom.localStack.notEmulated`. */
    readonly custom?: { readonly esbuild?: object; readonly localStack?: { readonly notEmulated?: readonly string[] } };
  };
  getProvider(name: 'aws'): { naming: { getLambdaLogicalId(functionName: string): string } };
}

/** {@link checkHandlerBundles} for the functions serverless-esbuild bundles. */
export function checkServiceHandlers(serverless: ServiceWithHandlers, notice: (line: string) => void): Promise<void> {
  const { naming } = serverless.getProvider('aws');
  const { functions, custom } = serverless.service;
  return checkHandlerBundles({
    serviceDir: serverless.serviceDir,
    functions: Object.entries(functions as Record<string, { handler?: unknown; skipEsbuild?: unknown }>)
      .filter(([, fn]) => typeof fn.handler === 'string' && !fn.skipEsbuild)
      .map(([name, fn]) => ({ name, logicalId: naming.getLambdaLogicalId(name), handler: fn.handler as string })),
    esbuild: (custom?.esbuild ?? {}) as EsbuildSettings,
    notEmulated: custom?.localStack?.notEmulated ?? [],
    notice,
  });
}

/** A function of serverless.yml as these checks read it. */
export interface CheckedFunction {
  /** Its name under `functions`. */
  readonly name: string;
  /** Its CloudFormation logical id (`<Name>LambdaFunction`): `<id>.Handler` in notEmulated waives the CommonJS refusal. */
  readonly logicalId: string;
  readonly handler: string;
}

export interface HandlerCheckOptions {
  readonly serviceDir: string;
  readonly functions: readonly CheckedFunction[];
  readonly esbuild: EsbuildSettings;
  /** `custom.localStack.notEmulated`. */
  readonly notEmulated: readonly string[];
  readonly notice: (line: string) => void;
}

/**
 * What would pass locally and fail on AWS, said at start by function and file, before anything is
 * served: handler code that loses its exports in the bundle (CommonJS bundled as an ES module),
 * and the AWS SDK v2 left out of the bundle, which Lambda's runtimes no longer carry.
 */
export async function checkHandlerBundles(options: HandlerCheckOptions): Promise<void> {
  const refusals: string[] = [];
  await Promise.all(
    options.functions.map(async (fn) => {
      const entry = handlerEntry(options.serviceDir, fn.handler, options.esbuild.resolveExtensions as string[] | undefined);
      const facts = entry && (await handlerBundleFacts(options.serviceDir, entry, options.esbuild));
      if (!facts) return;
      const lostExports = commonJsRefusal(fn, facts);
      if (lostExports && options.notEmulated.includes(`${fn.logicalId}.Handler`)) options.notice(`⚠  ${lostExports}`);
      else if (lostExports)
        refusals.push(`${lostExports} To start anyway, list ${fn.logicalId}.Handler under custom.localStack.notEmulated.`);
      const sdk = awsSdkV2Refusal(fn, facts);
      if (sdk) refusals.push(sdk);
    }),
  );
  if (refusals.length > 0) {
    throw new LocalStackTemplateError(`These functions' handlers would fail on AWS:\n${refusals.map((why) => `  - ${why}`).join('\n')}`);
  }
}

/**
 * A project file that uses CommonJS's `module`/`exports` but that esbuild reads as an ES module
 * (a `.js` file under package.json's `"type": "module"`, or `.mjs`): esbuild only warns, and its
 * `module.exports` is lost, or overwrites the bundle's own exports. In a CommonJS bundle the
 * entry file itself still works (its `module` is the bundle's), so only an ES module bundle counts it.
 */
export function commonJsRefusal(fn: CheckedFunction, facts: HandlerBundleFacts): string | undefined {
  const files = facts.commonJsInEsm.filter(({ file }) => facts.format !== 'cjs' || file !== facts.entry);
  if (files.length === 0) return undefined;
  const where = [...new Set(files.map(({ file, line }) => `${file}:${line}`))].join(', ');
  const first = files[0]!.file;
  const fix = path.extname(first) === '.mjs' ? `${path.basename(first, '.mjs')}.cjs` : `${path.basename(first, path.extname(first))}.cjs`;
  return (
    `${fn.name} (${facts.entry}): ${where} uses CommonJS (\`module.exports\`, \`exports\`) in a file esbuild bundles as an ES module ` +
    '(package.json says "type": "module"), so its exports are lost and the handler fails when called ("… is not a function", or ' +
    'Runtime.HandlerNotFound), on AWS as here: the same bundle deploys. ' +
    `Rename ${first} to ${fix} (and import it by that name), or write it with \`export\` (\`export const handler = …\`).`
  );
}

/**
 * The AWS SDK v2 left out of the bundle (serverless-esbuild's default `exclude: ['aws-sdk']`, not
 * packed either): Lambda's Node.js 18 and later runtimes include only the SDK v3
 * (https://docs.aws.amazon.com/lambda/latest/dg/lambda-nodejs.html), so on AWS the handler fails
 * to load ("Cannot find module 'aws-sdk'"), while here the project's node_modules has it. Bundled,
 * or packed beside the bundle (`external`), it works on AWS, and here too: its calls to
 * `cognito-idp.<region>.amazonaws.com` are answered by the local Cognito (cognito-endpoint-interception.ts).
 */
export function awsSdkV2Refusal(fn: CheckedFunction, facts: HandlerBundleFacts): string | undefined {
  if (facts.externalAwsSdkV2.length === 0 || !facts.awsSdkExcluded) return undefined;
  return (
    `${fn.name} (${facts.entry}): imports the AWS SDK v2 (${facts.externalAwsSdkV2.join(', ')}), left out of its bundle ` +
    "(serverless-esbuild's default `exclude: ['aws-sdk']`): Lambda's Node.js 18 and later runtimes do not include it, so on AWS " +
    'it fails with "Cannot find module \'aws-sdk\'" (Runtime.ImportModuleError). Bundle it (`custom.esbuild.exclude: []`, with aws-sdk ' +
    'in dependencies), or move to the AWS SDK v3 (`@aws-sdk/client-cognito-identity-provider` for Cognito), which the runtime includes.'
  );
}
