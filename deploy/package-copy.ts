import { copyFileSync, mkdtempSync, readdirSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** What packaging writes into the service folder (serverless-esbuild ignores `--package`). */
const PACKAGING_OUTPUT = /^\.(serverless|esbuild)/;

/**
 * A temporary service folder with the top-level files of `serviceDir` copied (serverless does
 * not take a linked serverless.yml for a service) and its folders linked, packaging output
 * left out. serverless-esbuild copies the zips it builds into `<service folder>/.serverless`
 * whatever `--package` says, so packaging in the project itself would overwrite the zips of a
 * `serverless deploy` and race another packaging run; from this folder it writes only its own.
 */
export function linkedServiceCopy(serviceDir: string): string {
  const copy = mkdtempSync(path.join(os.tmpdir(), 'hello-auth-service-'));
  for (const entry of readdirSync(serviceDir, { withFileTypes: true })) {
    if (PACKAGING_OUTPUT.test(entry.name)) continue;
    const from = path.join(serviceDir, entry.name);
    if (entry.isFile()) copyFileSync(from, path.join(copy, entry.name));
    else symlinkSync(from, path.join(copy, entry.name));
  }
  return copy;
}
