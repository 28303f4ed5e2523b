import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';

/** Removes folder `dir`, except `keep` and the folders on the way to it when `keep` is inside it. */
export function removeAllBut(dir: string, keep: string): void {
  const relative = path.relative(dir, keep);
  if (relative === '') return;
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    rmSync(dir, { recursive: true, force: true });
    return;
  }
  const [first] = relative.split(path.sep) as [string];
  for (const entry of readdirSync(dir)) {
    if (entry !== first) rmSync(path.join(dir, entry), { recursive: true, force: true });
    else if (path.join(dir, entry) !== keep) removeAllBut(path.join(dir, entry), keep);
  }
}
