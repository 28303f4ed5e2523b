import { readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * serverless-offline runs the handlers in its own process (`useInProcess`), which loads each
 * bundle once with require(). When serverless-esbuild rebuilds them, it announces
 * `offline:functionsUpdated`; forgetting the loaded bundles then makes the next request load
 * the new code, as a fresh Lambda instance would.
 */
export function forgetHandlerBundles(bundleDir: string): string[] {
  const cache = createRequire(path.join(bundleDir, 'index.cjs')).cache;
  const prefix = path.resolve(bundleDir) + path.sep;
  const forgotten = Object.keys(cache).filter((file) => file.startsWith(prefix));
  for (const file of forgotten) delete cache[file];
  return forgotten;
}

/** Deletes the JavaScript bundles (and their maps) under `bundleDir` that do not end in `extension`. */
export function removeBundlesExcept(bundleDir: string, extension: string): string[] {
  let files: string[];
  try {
    files = readdirSync(bundleDir, { recursive: true, encoding: 'utf8' });
  } catch {
    return [];
  }
  const stale = files.filter((file) => /\.(js|mjs|cjs)(\.map)?$/.test(file) && !file.replace(/\.map$/, '').endsWith(extension));
  for (const file of stale) rmSync(path.join(bundleDir, file), { force: true });
  return stale;
}
