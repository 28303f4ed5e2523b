import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The API service's "ready" signal: a file in the data folder holding its process id, written
 * once the stack is deployed, every server listens and the seed users exist. `npm start` and the
 * container's health check read it; neither sends a request a service would log, and a stack with
 * no http event (no API port at all) is ready the same way.
 */
export function apiReadyPath(dataDir: string): string {
  return path.join(dataDir, 'api.ready');
}

/** Says this process is ready. */
export function signalReady(file: string, pid = process.pid): void {
  writeFileSync(file, `${pid}\n`);
}

/** Withdraws an earlier run's signal (a restarted API is not ready until it says so again). */
export function clearReady(file: string): void {
  rmSync(file, { force: true });
}

/** Whether the process that signalled is ready and still alive (the shell's `kill -0 "$(cat file)"`). */
export function isReady(file: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(file, 'utf8').trim());
  } catch {
    return false;
  }
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // Alive, but another user's.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
