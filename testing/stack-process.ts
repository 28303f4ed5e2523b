import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

/** The project folder: the stack's programs are given relative to it. */
export const PROJECT_ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/** How long `stop()` waits for the stack to stop by itself before it kills the whole process group. */
const STOP_GRACE_MS = 15_000;

export interface StackProcessOptions {
  /** node's arguments, as `npm start` gives them: flags, the program, its arguments. */
  readonly args: readonly string[];
  /** The whole environment (see stack-env.ts). */
  readonly env: NodeJS.ProcessEnv;
  /** Sees everything the process prints, as it prints it. */
  readonly onOutput?: (text: string) => void;
  /** What `stop()` sends first: default SIGINT, as Ctrl-C does. */
  readonly stopSignal?: NodeJS.Signals;
  /** Runs once the process is gone, even if the test runner exits first: removes what the caller made for it. */
  readonly cleanUp?: () => void;
}

export interface StackProcess {
  readonly process: ChildProcess;
  /** `performance.now()` just before the spawn. */
  readonly spawnedAt: number;
  /** Its exit code (null when a signal ended it), as soon as it exits. */
  readonly exited: Promise<number | null>;
  /** Its output has ended: it exited and so did whatever shared its pipes. */
  readonly closed: Promise<void>;
  /** Everything it printed so far, stdout and stderr interleaved. */
  output(): string;
  /** Calls `listener` with each later chunk it prints; returns the way to stop listening. */
  onOutput(listener: (text: string) => void): () => void;
  /** Stops keeping and reporting its output, only draining it (a long load run logs a lot). */
  dropOutput(): void;
  /** `stopSignal` to the process, then SIGKILL to whatever is left of its process group; then `cleanUp`. Idempotent. */
  stop(): Promise<void>;
}

export class StackStartError extends Error {
  override name = 'StackStartError';
  constructor(
    message: string,
    /** Everything the process printed. */
    readonly output: string,
  ) {
    super(`${message}\n--- its output ---\n${output}`);
  }
}

const unstopped = new Set<{ killGroup(): void; cleanUp(): void }>();
// A runner that exits without stopping a stack (a crash, a failed setup) does not leave it running.
process.on('exit', () => {
  for (const each of unstopped) {
    each.killGroup();
    each.cleanUp();
  }
});

/**
 * Runs one of the stack's node programs in a process group of its own, so that `stop()` can end
 * everything it started. It gets an IPC channel, as `npm start` gives its services: a program
 * run by local/run.mjs then stops even when the test runner is killed outright.
 */
export function spawnStackProcess({ args, env, onOutput, stopSignal = 'SIGINT', cleanUp = () => {} }: StackProcessOptions): StackProcess {
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, [...args], {
    cwd: PROJECT_ROOT,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  const listeners = new Set<(text: string) => void>();
  if (onOutput) listeners.add(onOutput);
  const collect = (chunk: string) => {
    output += chunk;
    for (const listener of listeners) listener(chunk);
  };
  for (const stream of [child.stdout!, child.stderr!]) stream.setEncoding('utf8').on('data', collect);

  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  // Spawning itself failed (no node?): reported by the readiness wait as an exit.
  child.once('error', (error) => collect(`\n${String(error)}\n`));

  const killGroup = () => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // Nothing left in the group.
    }
  };
  const entry = { killGroup, cleanUp };
  unstopped.add(entry);
  let stopping: Promise<void> | undefined;

  return {
    process: child,
    spawnedAt,
    exited,
    closed,
    output: () => output,
    onOutput(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dropOutput() {
      listeners.clear();
      for (const stream of [child.stdout!, child.stderr!]) stream.removeAllListeners('data').resume();
    },
    stop: () =>
      (stopping ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) {
          child.kill(stopSignal);
          await Promise.race([exited, sleep(STOP_GRACE_MS)]);
        }
        killGroup();
        await exited;
        unstopped.delete(entry);
        cleanUp();
      })()),
  };
}

export interface ReadyOptions {
  /** What is starting, for the error. */
  readonly what: string;
  readonly timeoutMs: number;
  /** How often to ask `isReady` besides on each chunk of output. */
  readonly pollMs?: number;
}

/**
 * Resolves once `isReady` says so, asked on each chunk of output and every `pollMs`. Rejects
 * with a StackStartError carrying the output if the process exits first or `timeoutMs` passes;
 * the caller stops it.
 */
export async function untilReady(
  stack: StackProcess,
  isReady: () => boolean | Promise<boolean>,
  { what, timeoutMs, pollMs = 200 }: ReadyOptions,
): Promise<void> {
  let settled = false;
  let nudge = () => {};
  const unlisten = stack.onOutput(() => nudge());
  const exited = stack.exited.then(async (code) => {
    // Its last words may still be in the pipes; a grandchild holding them must not keep us waiting.
    await Promise.race([stack.closed, sleep(1000)]);
    if (!settled) throw new StackStartError(`${what} exited (code ${code}) before it was ready.`, stack.output());
  });
  // Handled by the race below; this keeps an exit in the instant after readiness from being reported.
  exited.catch(() => {});
  const deadline = Date.now() + timeoutMs;
  const ready = (async () => {
    while (!settled) {
      if (await Promise.resolve(isReady()).catch(() => false)) return;
      if (Date.now() > deadline) throw new StackStartError(`${what} was not ready within ${timeoutMs / 1000} s.`, stack.output());
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollMs);
        nudge = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  })();
  try {
    await Promise.race([ready, exited]);
  } finally {
    settled = true;
    nudge();
    unlisten();
  }
}
