// `node local/run.mjs <program> [--option value…]`: runs one program of the local stack, by its
// name in local/services.json, in this process — the one way `npm start` (its own `start`, then
// each service) and docker-compose.yml run them. A `.ts` program runs compiled by esbuild
// (local/typescript.cjs); options given here replace the table's (`api --stage dev`).
// Plain JavaScript: it is what runs TypeScript.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import typescript from './typescript.cjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const programs = JSON.parse(readFileSync(path.join(root, 'local', 'services.json'), 'utf8'));

/** The table's arguments, each `--option value` in `overrides` replacing the table's value or added. */
function withOverrides(args, overrides) {
  const merged = [...args];
  for (let i = 0; i < overrides.length; i += 2) {
    const at = merged.indexOf(overrides[i]);
    if (at >= 0 && overrides[i + 1] !== undefined) merged[at + 1] = overrides[i + 1];
    else merged.push(...overrides.slice(i, i + 2));
  }
  return merged;
}

/**
 * Under `npm start` (an IPC channel to it), stops this service when the launcher dies, even by
 * SIGKILL: its channel closes, so no orphan keeps a port. In a container there is no channel.
 */
function exitWithParent() {
  if (!process.channel) return;
  process.channel.unref();
  process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
}

const [name, ...overrides] = process.argv.slice(2);
const program = programs[name];
if (!program) {
  console.error(`Usage: node local/run.mjs <${Object.keys(programs).join('|')}> [--option value…]`);
  process.exit(2);
}
exitWithParent();
const [entry, ...args] = withOverrides(program, overrides);
const file = path.resolve(root, entry);
// The program sees itself as `node <entry> [args…]`.
process.argv.splice(1, process.argv.length - 1, file, ...args);
await import(pathToFileURL(file.endsWith('.ts') ? await typescript.compileProgram(file) : file).href);
