import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

export interface ServiceSpec {
  /** Short name, used as the prefix of the service's output lines. */
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  /** Resolves true once the service answers. */
  readonly isReady: () => Promise<boolean>;
  /** How long the service may take to answer. */
  readonly readyTimeoutMs: number;
  /** Start it again when it dies after start-up (its state is on disk, so nothing is lost). */
  readonly restart?: boolean;
}

/** A service that dies this often within {@link RESTART_WINDOW_MS} is given up on. */
const MAX_RESTARTS = 3;
const RESTART_WINDOW_MS = 60_000;

export class ServiceStartError extends Error {
  override name = 'ServiceStartError';
}

const KEPT_LINES = 30;

/**
 * Starts the stack's services as child processes, prefixes their output with their name, waits
 * until each answers, and stops them all together. A service that dies is started again when
 * it may be, and otherwise reported: never silently left out.
 */
export class Supervisor {
  readonly #children = new Map<string, ChildProcess>();
  #stopping = false;

  constructor(
    /** A service died and is not (or no longer) restarted. */
    private readonly onUnexpectedExit: (name: string, code: number | null, signal: string | null, lastOutput: readonly string[]) => void,
    private readonly log: (message: string) => void = (message) => console.error(message),
  ) {}

  /** Starts `spec` and resolves once it answers; restarts it later if `spec.restart` says so. */
  start(spec: ServiceSpec): Promise<void> {
    return this.#run(spec, []);
  }

  /** One run of `spec`; `restarts` says when it was started again before. */
  async #run(spec: ServiceSpec, restarts: readonly number[]): Promise<void> {
    const child = spawn(spec.command, spec.args, {
      env: { ...process.env, ...spec.env },
      // The IPC channel lets the child notice the launcher's death (local/run.mjs).
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    this.#children.set(spec.name, child);
    const output: string[] = [];
    const relay = (stream: NodeJS.WritableStream) => (chunk: Buffer) => {
      for (const line of chunk.toString().split(/\r?\n/)) {
        if (line.trim() === '') continue;
        output.push(line);
        if (output.length > KEPT_LINES) output.shift();
        stream.write(`[${spec.name}] ${line}\n`);
      }
    };
    child.stdout!.on('data', relay(process.stdout));
    child.stderr!.on('data', relay(process.stderr));

    let exited = false;
    let ready = false;
    child.once('exit', (code, signal) => {
      exited = true;
      this.#children.delete(spec.name);
      if (this.#stopping) return;
      const recent = restarts.filter((at) => Date.now() - at < RESTART_WINDOW_MS);
      if (!ready || !spec.restart || recent.length >= MAX_RESTARTS) {
        this.onUnexpectedExit(spec.name, code, signal, output);
        return;
      }
      this.log(`\n${spec.name} stopped unexpectedly (${signal ?? `exit code ${code}`}); starting it again…`);
      this.#run(spec, [...recent, Date.now()]).then(
        () => this.log(`${spec.name} is back.`),
        (error: Error) => {
          if (this.#stopping) return;
          this.log(error.message);
          this.onUnexpectedExit(spec.name, code, signal, output);
        },
      );
    });
    child.once('error', (error) => {
      exited = true;
      output.push(error.message);
    });

    const deadline = Date.now() + spec.readyTimeoutMs;
    while (!exited && !this.#stopping) {
      if (await spec.isReady().catch(() => false)) {
        ready = true;
        return;
      }
      if (Date.now() > deadline) {
        throw new ServiceStartError(`${spec.name} did not answer within ${spec.readyTimeoutMs / 1000} s.\n${output.join('\n')}`);
      }
      await sleep(100);
    }
    if (this.#stopping) throw new ServiceStartError(`${spec.name}: start-up interrupted.`);
    throw new ServiceStartError(`${spec.name} exited during start-up. Its last output:\n${output.join('\n')}`);
  }

  /** The process id of a running service. */
  pidOf(name: string): number | undefined {
    return this.#children.get(name)?.pid;
  }

  /** Asks every child to stop, and kills the ones still running after `graceMs`. */
  async stopAll(graceMs = 5000): Promise<void> {
    this.#stopping = true;
    const children = [...this.#children.values()];
    await Promise.all(
      children.map(async (child) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        await exited;
        clearTimeout(timer);
      }),
    );
  }
}
