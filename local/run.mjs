// `node local/run.mjs <entry.ts> [args…]`: runs one of the local stack's TypeScript programs
// (see local/typescript.cjs), as `node <entry.ts> [args…]` would if Node ran TypeScript.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import typescript from './typescript.cjs';

const entry = process.argv[2];
if (!entry) {
  console.error('Usage: node local/run.mjs <entry.ts> [args…]');
  process.exit(2);
}
process.argv.splice(1, 2, path.resolve(entry));
await import(pathToFileURL(await typescript.compileProgram(path.resolve(entry))).href);
