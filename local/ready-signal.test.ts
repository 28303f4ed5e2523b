import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { apiReadyPath, clearReady, isReady, signalReady } from './ready-signal.ts';

const scratch = mkdtempSync(path.join(tmpdir(), 'ready-signal-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the API ready signal', () => {
  it('is not ready before the signal, ready after it, and not after it is withdrawn', () => {
    const file = apiReadyPath(scratch);
    expect(isReady(file)).toBe(false);
    signalReady(file);
    expect(isReady(file)).toBe(true);
    clearReady(file);
    expect(isReady(file)).toBe(false);
  });

  it('is not ready once the process that signalled has died (a stale file from a crashed API)', async () => {
    const child = spawn(process.execPath, ['-e', '']);
    const pid = child.pid!;
    await new Promise((resolve) => child.once('exit', resolve));
    const file = path.join(scratch, 'stale.ready');
    signalReady(file, pid);
    expect(isReady(file)).toBe(false);
  });

  it('is not ready when the file holds no process id', () => {
    const file = path.join(scratch, 'garbage.ready');
    writeFileSync(file, 'ready\n');
    expect(isReady(file)).toBe(false);
  });
});
