import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const childrenOf = (pid: number) =>
  // ps exits 1 when there are no children.
  spawnSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
    .stdout.split('\n')
    .map((line) => Number(line.trim()))
    .filter((child) => child > 0);

const ownRssMb = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

/** Resident memory of a process and all its descendants, in MB (Linux /proc). */
function treeRssMb(pid: number): number {
  return ownRssMb(pid) + childrenOf(pid).reduce((sum, child) => sum + treeRssMb(child), 0);
}

/** `npm start`'s own memory and each service's (with what it started), in MB, by service name. */
export function rssByService(launcherPid: number): Record<string, number> {
  const nameOf = (pid: number) => {
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    // `node [options] local/run.mjs <program> …` (local/services.json).
    const program = args.indexOf('local/run.mjs');
    return program >= 0 && args[program + 1] ? args[program + 1]! : `pid ${pid}`;
  };
  return {
    'npm start': Math.round(ownRssMb(launcherPid)),
    ...Object.fromEntries(childrenOf(launcherPid).map((child) => [nameOf(child), Math.round(treeRssMb(child))])),
  };
}
