import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { NPM_START_ARGS } from '../local/services.ts';

/** Runs `npm start`'s entry point with `env` and returns how it ended. */
function npmStart(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, NPM_START_ARGS, {
      env: { ...process.env, LOCAL_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'hello-auth-start-')), ...env },
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

const SPARE_PORTS = { COGNITO_PORT: '29229', API_PORT: '23000', LAMBDA_PORT: '23002', WEB_PORT: '25173' };

test('npm start names a taken port and the variable that moves it, and exits', async () => {
  const squatter = net.createServer();
  await new Promise<void>((resolve) => squatter.listen(Number(SPARE_PORTS.API_PORT), '127.0.0.1', resolve));
  try {
    const { code, output } = await npmStart(SPARE_PORTS);
    expect(code).toBe(1);
    expect(output).toContain(`127.0.0.1:${SPARE_PORTS.API_PORT} (API)`);
    expect(output).toContain('set API_PORT');
    expect(output).not.toContain('Local stack is up');
  } finally {
    squatter.close();
  }
});

test('npm start refuses a port that is not a number', async () => {
  const { code, output } = await npmStart({ ...SPARE_PORTS, WEB_PORT: 'eighty' });
  expect(code).not.toBe(0);
  expect(output).toContain('WEB_PORT=eighty is not a port number');
});

test('killing npm start outright (SIGKILL) stops every service it started', async () => {
  test.setTimeout(90_000);
  const child = spawn(process.execPath, NPM_START_ARGS, {
    env: { ...process.env, LOCAL_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'hello-auth-start-')), ...SPARE_PORTS },
  });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (output.includes('Local stack is up')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`npm start exited (${code}) early:\n${output}`)));
  });
  child.kill('SIGKILL');

  const portFree = (port: string) =>
    new Promise<boolean>((resolve) => {
      const probe = net.createServer().once('error', () => resolve(false));
      probe.listen(Number(port), '127.0.0.1', () => probe.close(() => resolve(true)));
    });
  await expect
    .poll(async () => (await Promise.all(Object.values(SPARE_PORTS).map(portFree))).every(Boolean), { timeout: 15_000 })
    .toBe(true);
});
