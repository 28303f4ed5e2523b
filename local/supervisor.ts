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
}

export class ServiceStartError extends Error {
  override name = 'ServiceStartError';
}

const KEPT_LINES = 30;

/**
 * Starts the stack's services as child processes, prefixes their output with their name, waits
 * until each answers, and stops them all together. A service that dies is reported, never
 * silently left out.
 */
export class Supervisor {
  readonly #children = new Map<string, ChildProcess>();
  #stopping = false;

  constructor(private readonly onUnexpectedExit: (name: string, code: number | null, signal: string | null) => void) {}

  async start(spec: ServiceSpec): Promise<void> {
    const child = spawn(spec.command, spec.args, {
      env: { ...process.env, ...spec.env },
      // The IPC channel lets the child notice the launcher's death (local/exit-with-parent.ts).
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    this.#children.set(spec.name, child);
    const recent: string[] = [];
    const relay = (stream: NodeJS.WritableStream) => (chunk: Buffer) => {
      for (const line of chunk.toString().split(/\r?\n/)) {
        if (line.trim() === '') continue;
        recent.push(line);
        if (recent.length > KEPT_LINES) recent.shift();
        stream.write(`[${spec.name}] ${line}\n`);
      }
    };
    child.stdout!.on('data', relay(process.stdout));
    child.stderr!.on('data', relay(process.stderr));

    let exited = false;
    child.once('exit', (code, signal) => {
      exited = true;
      this.#children.delete(spec.name);
      if (!this.#stopping) this.onUnexpectedExit(spec.name, code, signal);
    });
    child.once('error', (error) => {
      exited = true;
      recent.push(error.message);
    });

    const deadline = Date.now() + spec.readyTimeoutMs;
    while (!exited && !this.#stopping) {
      if (await spec.isReady().catch(() => false)) return;
      if (Date.now() > deadline) {
        throw new ServiceStartError(`${spec.name} did not answer within ${spec.readyTimeoutMs / 1000} s.\n${recent.join('\n')}`);
      }
      await sleep(100);
    }
    if (this.#stopping) throw new ServiceStartError(`${spec.name}: start-up interrupted.`);
    throw new ServiceStartError(`${spec.name} exited during start-up. Its last output:\n${recent.join('\n')}`);
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
