import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { NPM_START_ARGS } from '../local/services.ts';

/** `npm start` on the bench's own ports and data folder, timed from spawn to its banner. */
export interface RunningStack {
  readonly startMs: number;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

export async function startStack(env: Record<string, string>): Promise<RunningStack> {
  const started = performance.now();
  const child = spawn(process.execPath, NPM_START_ARGS, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk;
      if (output.includes('Local stack is up')) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk));
    child.once('exit', (code) => reject(new Error(`npm start exited (${code}) before the stack was up:\n${output}`)));
  });
  const startMs = performance.now() - started;
  // From now on its log (two lines per API request) is drained, not kept: holding it made the
  // measuring process itself slower as the load went on.
  for (const stream of [child.stdout!, child.stderr!]) stream.removeAllListeners('data').resume();
  return {
    startMs,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGINT');
      }),
  };
}

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
    if (args.some((arg) => arg.endsWith('cognito/main.ts'))) return 'cognito';
    if (args.some((arg) => arg.endsWith('web/main.ts'))) return 'web';
    if (args.some((arg) => arg.endsWith('serverless.js'))) return 'api';
    return `pid ${pid}`;
  };
  return {
    'npm start': Math.round(ownRssMb(launcherPid)),
    ...Object.fromEntries(childrenOf(launcherPid).map((child) => [nameOf(child), Math.round(treeRssMb(child))])),
  };
}
