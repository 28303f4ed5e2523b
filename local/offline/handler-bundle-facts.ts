import { existsSync } from 'node:fs';
import path from 'node:path';
import { build, type BuildOptions, type Format } from 'esbuild';

/** serverless.yml's `custom.esbuild`: what serverless-esbuild bundles the handlers with (the part that changes what a bundle is). */
export interface EsbuildSettings {
  readonly format?: Format;
  readonly platform?: BuildOptions['platform'];
  readonly target?: BuildOptions['target'];
  readonly external?: readonly string[];
  /** Left out of the bundle and of the package; serverless-esbuild's default is `['aws-sdk']`. */
  readonly exclude?: readonly string[];
  readonly resolveExtensions?: readonly string[];
  readonly mainFields?: readonly string[];
  readonly conditions?: readonly string[];
  readonly tsconfig?: string;
}

/** What a handler's bundle is made of, as far as the local stage's checks need it. */
export interface HandlerBundleFacts {
  /** The entry file, relative to the service folder. */
  readonly entry: string;
  readonly format: Format;
  /** Files of the project esbuild bundles as ES modules though they use CommonJS's `module`/`exports`, with the line. */
  readonly commonJsInEsm: readonly { readonly file: string; readonly line: number }[];
  /** aws-sdk (v2) modules the bundle leaves to `require` at run time. */
  readonly externalAwsSdkV2: readonly string[];
  /** aws-sdk is in `exclude` (left out of the package too, serverless-esbuild's default), not only `external` (packed beside the bundle). */
  readonly awsSdkExcluded: boolean;
}

/** serverless-esbuild's own defaults (its `DEFAULT_BUILD_OPTIONS` and `DEFAULT_EXTENSIONS`). */
const DEFAULT_EXCLUDE = ['aws-sdk'];
const DEFAULT_EXTENSIONS = ['.ts', '.js', '.jsx', '.tsx'];

/** The file a function's `handler` names (`src/fn.handler` → `src/fn.ts`), found as serverless-esbuild finds it. */
export function handlerEntry(serviceDir: string, handler: string, extensions = DEFAULT_EXTENSIONS): string | undefined {
  const base = handler.slice(0, handler.lastIndexOf(path.extname(handler)));
  for (const extension of extensions) {
    for (const candidate of [base + extension, path.join(base, 'index') + extension]) {
      if (existsSync(path.join(serviceDir, candidate))) return path.normalize(candidate);
    }
  }
  return undefined;
}

/**
 * Bundles one handler as serverless-esbuild would (in memory, nothing written) and reads what
 * esbuild says of it: its warnings (a parse, not a text search) and its metafile's inputs.
 * Undefined when esbuild cannot bundle it: serverless-esbuild then says why itself.
 */
export async function handlerBundleFacts(
  serviceDir: string,
  entry: string,
  settings: EsbuildSettings,
): Promise<HandlerBundleFacts | undefined> {
  const exclude = settings.exclude ?? DEFAULT_EXCLUDE;
  const format = settings.format ?? 'cjs';
  const result = await build({
    absWorkingDir: serviceDir,
    entryPoints: [entry],
    outfile: path.join(serviceDir, '.handler-check', 'bundle.js'),
    bundle: true,
    write: false,
    metafile: true,
    logLevel: 'silent',
    format,
    platform: settings.platform ?? 'node',
    ...(settings.target !== undefined && { target: settings.target }),
    external: [...(settings.external ?? []), ...(exclude.includes('*') ? [] : exclude)],
    ...(settings.resolveExtensions && { resolveExtensions: [...settings.resolveExtensions] }),
    ...(settings.mainFields && { mainFields: [...settings.mainFields] }),
    ...(settings.conditions && { conditions: [...settings.conditions] }),
    ...(settings.tsconfig && { tsconfig: settings.tsconfig }),
  }).catch(() => undefined);
  if (!result) return undefined;
  const inProject = (file: string) => !file.split(/[\\/]/).includes('node_modules');
  const commonJsInEsm = result.warnings
    .filter((warning) => warning.id === 'commonjs-variable-in-esm' && warning.location && inProject(warning.location.file))
    .map((warning) => ({ file: path.normalize(warning.location!.file), line: warning.location!.line }));
  const inputs = Object.entries(result.metafile.inputs);
  const externalAwsSdkV2 = inputs.flatMap(([, input]) =>
    input.imports.filter((imported) => imported.external && /^aws-sdk(\/|$)/.test(imported.path)).map((imported) => imported.path),
  );
  return {
    entry: path.normalize(entry),
    format,
    commonJsInEsm,
    externalAwsSdkV2: [...new Set(externalAwsSdkV2)],
    awsSdkExcluded: exclude.includes('aws-sdk'),
  };
}
