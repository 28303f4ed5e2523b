import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** `value` as `file`'s JSON, written whole or not at all (a temporary file, then a rename). */
export function writeJsonFile(file: string, value: unknown): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(value, null, 2)}\n`);
  renameSync(temporary, file);
}
