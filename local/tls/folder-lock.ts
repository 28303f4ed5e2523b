import { mkdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** A lock older than this was left by a process that died while holding it. */
const STALE_MS = 30_000;

/**
 * Runs `work` holding `<dir>/.lock` (a folder: mkdir is atomic), so that processes starting side by
 * side against one CA folder (the tests' stacks) make its files once, not each a CA of their own.
 */
export async function withFolderLock<T>(dir: string, work: () => Promise<T>): Promise<T> {
  const lock = path.join(dir, '.lock');
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (Date.now() - (mtimeOf(lock) ?? Date.now()) > STALE_MS) rmSync(lock, { recursive: true, force: true });
      else await sleep(50);
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function mtimeOf(file: string): number | undefined {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}
