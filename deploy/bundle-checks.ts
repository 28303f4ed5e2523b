import { ofType, type Resources } from '../local/cloudformation/template-references.ts';

/** A zip that `serverless package` wrote, and the files in it. */
export interface LambdaPackage {
  readonly zip: string;
  readonly files: readonly string[];
}

/** serverless's own custom-resource code (e.g. for a `cognitoUserPool` event with `existing: true`). */
const SERVERLESS_CUSTOM_RESOURCES = 'custom-resources.zip';

/**
 * The packages of serverless.yml's functions hold their handler's bundle and nothing but the
 * bundles of src/; functions serverless adds itself run its own code from its own zip.
 * `functions` maps serverless.yml's function names to their logical ids.
 */
export function bundleProblems(
  resources: Resources,
  functions: Readonly<Record<string, string>>,
  packages: readonly LambdaPackage[],
): string[] {
  const problems: string[] = [];
  const appFunctions = new Set(Object.values(functions));
  const packageOf = (code: { S3Key?: unknown } | undefined) => {
    const key = code?.S3Key;
    return typeof key === 'string' ? packages.find(({ zip }) => zip === key.slice(key.lastIndexOf('/') + 1)) : undefined;
  };
  const appZips = new Set<LambdaPackage>();

  for (const [id, fn] of ofType(resources, 'AWS::Lambda::Function')) {
    const lambdaPackage = packageOf(fn.Properties?.Code as { S3Key?: unknown } | undefined);
    if (!appFunctions.has(id)) {
      if (lambdaPackage && lambdaPackage.zip !== SERVERLESS_CUSTOM_RESOURCES) appZips.add(lambdaPackage);
      continue;
    }
    const handler = String(fn.Properties?.Handler ?? '');
    if (!lambdaPackage) {
      problems.push(`${id}: no package of it was written (Code ${JSON.stringify(fn.Properties?.Code)}).`);
      continue;
    }
    if (lambdaPackage.zip === SERVERLESS_CUSTOM_RESOURCES) {
      problems.push(`${id} is packaged in ${SERVERLESS_CUSTOM_RESOURCES}, serverless's own code, instead of the app's bundle.`);
      continue;
    }
    appZips.add(lambdaPackage);
    // Lambda's Node.js runtime looks for the handler's module as .js, .mjs or .cjs.
    const module = handler.slice(0, handler.lastIndexOf('.'));
    if (!['.js', '.mjs', '.cjs'].some((extension) => lambdaPackage.files.includes(module + extension))) {
      problems.push(
        `${id}: its handler ${handler} has no bundle (${module}.js, .mjs or .cjs) in ${lambdaPackage.zip}: is its handler path in serverless.yml right?`,
      );
    }
  }
  for (const { zip, files } of appZips) {
    for (const file of files.filter((name) => !name.startsWith('src/') && !name.endsWith('/'))) {
      problems.push(
        `${zip} contains ${file}, which is not handler code (only bundles of src/ belong there): check package.patterns in serverless.yml.`,
      );
    }
  }
  return problems;
}
