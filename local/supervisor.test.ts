import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { Supervisor, type ServiceSpec } from './supervisor.ts';

/** A service that runs until killed and is ready at once. */
const idle = (restart: boolean): ServiceSpec => ({
  name: 'idle',
  command: process.execPath,
  args: ['-e', 'setInterval(() => {}, 1000)'],
  isReady: async () => true,
  readyTimeoutMs: 5000,
  restart,
});

async function until<T>(value: () => T | undefined, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const current = value();
    if (current !== undefined) return current;
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(20);
  }
}

describe('Supervisor', () => {
  let supervisor: Supervisor | undefined;
  afterEach(() => supervisor?.stopAll(500));

  it('reports a service that dies, when it is not restarted', async () => {
    const exits: string[] = [];
    supervisor = new Supervisor(
      (name, _code, signal) => exits.push(`${name} ${signal}`),
      () => {},
    );
    await supervisor.start(idle(false));
    process.kill(supervisor.pidOf('idle')!, 'SIGKILL');
    expect(await until(() => exits[0])).toBe('idle SIGKILL');
  });

  it('starts a service that dies again, and gives up on one that keeps dying', async () => {
    const exits: string[] = [];
    const log: string[] = [];
    const running = new Supervisor(
      (name) => exits.push(name),
      (message) => log.push(message),
    );
    supervisor = running;
    await running.start(idle(true));
    const pids = [running.pidOf('idle')!];
    for (let restart = 1; restart <= 3; restart += 1) {
      process.kill(pids.at(-1)!, 'SIGKILL');
      pids.push(await until(() => (running.pidOf('idle') !== pids.at(-1) ? running.pidOf('idle') : undefined)));
      await until(() => (log.filter((line) => line === 'idle is back.').length === restart ? true : undefined));
    }
    expect(new Set(pids).size).toBe(4);
    expect(log[0]).toContain('idle stopped unexpectedly (SIGKILL); starting it again');
    expect(exits).toEqual([]);

    process.kill(pids.at(-1)!, 'SIGKILL');
    expect(await until(() => exits[0])).toBe('idle');
  });
});
