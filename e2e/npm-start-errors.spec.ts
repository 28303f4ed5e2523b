import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { localStackPath, readLocalStack } from '../local/cloudformation/local-stack.ts';
import { isFree } from '../local/ports.ts';
import { freeStackPorts, type StackPorts } from '../testing/free-ports.ts';
import { launchStack, spawnNpmStart } from '../testing/launch-stack.ts';

// npm start's own behaviour (ports, faults, Ctrl-C), each test on free ports of its own beside
// the e2e stack.

/** The processes `npm start` started, by the program each runs. */
function services(launcherPid: number): Record<string, number> {
  const lines = spawnSync('ps', ['-o', 'pid=,args=', '--ppid', String(launcherPid)], { encoding: 'utf8' })
    .stdout.trim()
    .split('\n');
  return Object.fromEntries(
    lines.filter(Boolean).map((line) => {
      const [pid, ...args] = line.trim().split(/\s+/);
      // `node [options] local/run.mjs <program> …`: keyed by the program's name.
      const program = args[args.indexOf('local/run.mjs') + 1] ?? args.join(' ');
      return [program, Number(pid)];
    }),
  );
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const allPortsFree = async (ports: StackPorts) =>
  (await Promise.all(Object.values(ports).map((port) => isFree('127.0.0.1', port)))).every(Boolean);

test('npm start names a taken port and the variable that moves it, and exits', async () => {
  const ports = await freeStackPorts();
  const squatter = net.createServer();
  await new Promise<void>((resolve) => squatter.listen(ports.API_PORT, '127.0.0.1', resolve));
  try {
    const start = await spawnNpmStart({ ports });
    expect(await start.exited).toBe(1);
    expect(start.output()).toContain(`127.0.0.1:${ports.API_PORT} (API)`);
    expect(start.output()).toContain('set API_PORT');
    expect(start.output()).not.toContain('Local stack is up');
  } finally {
    squatter.close();
  }
});

test('npm start refuses a port that is not a number', async () => {
  const start = await spawnNpmStart({ env: { WEB_PORT: 'eighty' } });
  expect(await start.exited).not.toBe(0);
  expect(start.output()).toContain('WEB_PORT=eighty is not a port number');
});

// One stack for the faults of a running npm start: each start costs seconds.
test('a running npm start: refuses a second one, restarts a killed Cognito with its users, and takes its services down when killed', async () => {
  test.setTimeout(120_000);
  const stack = await launchStack();
  try {
    await test.step('a second npm start says the stack is already running, and leaves it running', async () => {
      const second = await spawnNpmStart({ ports: stack.ports });
      expect(await second.exited).toBe(1);
      expect(second.output()).toContain('The local stack is already running');
      expect(second.output()).toContain(`http://127.0.0.1:${stack.ports.WEB_PORT}`);
      expect((await fetch(`${stack.urls.cognito}/health`)).status).toBe(200);
    });

    await test.step('a Cognito emulator that dies is started again, with its users', async () => {
      process.kill(services(stack.process.pid!).cognito!, 'SIGKILL');
      await expect.poll(stack.output, { timeout: 30_000 }).toContain('cognito is back.');
      expect(stack.output()).toContain('cognito stopped unexpectedly (SIGKILL); starting it again');
      const signIn = await fetch(stack.urls.cognito, {
        method: 'POST',
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth' },
        body: JSON.stringify({
          ClientId: readLocalStack(localStackPath(stack.dataDir)).outputs.UserPoolClientId,
          AuthFlow: 'USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: 'user@example.com', PASSWORD: 'User-Passw0rd!' },
        }),
      });
      expect(signIn.status).toBe(200);
    });

    await test.step('killing npm start outright (SIGKILL) stops every service it started', async () => {
      stack.process.kill('SIGKILL');
      await expect.poll(() => allPortsFree(stack.ports), { timeout: 15_000 }).toBe(true);
    });
  } finally {
    await stack.stop();
  }
});

test('Ctrl-C during start-up stops every service and leaves no half-written file', async () => {
  test.setTimeout(60_000);
  const start = await spawnNpmStart();
  // Interrupt once all three services run, before the stack is up.
  const started = await expect
    .poll(() => Object.values(services(start.process.pid!)), { timeout: 15_000 })
    .toHaveLength(3)
    .then(() => Object.values(services(start.process.pid!)))
    .finally(() => start.process.kill('SIGINT'));

  expect(await start.exited).toBe(0);
  expect(start.output()).not.toContain('Local stack is up');
  await expect.poll(() => started.filter(alive), { timeout: 10_000 }).toEqual([]);
  expect(await allPortsFree(start.ports)).toBe(true);
  const files = readdirSync(start.dataDir, { recursive: true, encoding: 'utf8' }).filter((file) =>
    statSync(path.join(start.dataDir, file)).isFile(),
  );
  expect(files.filter((file) => file.endsWith('.tmp'))).toEqual([]);
  for (const file of files.filter((name) => name.endsWith('.json'))) {
    expect(() => JSON.parse(readFileSync(path.join(start.dataDir, file), 'utf8')), file).not.toThrow();
  }
});

test('npm start -- --stage dev runs the dev stage: its own pool and data, its URLs', async () => {
  const stack = await launchStack({ stage: 'dev' });
  try {
    expect(stack.output()).toContain('Local stack is up (stage dev');
    const apiBase = `http://127.0.0.1:${stack.ports.API_PORT}`;
    expect((await fetch(`${apiBase}/dev/api/helloWorld`)).status).toBe(200);
    // API Gateway serves a stage under its own name only.
    expect((await fetch(`${apiBase}/local/api/helloWorld`)).status).toBe(403);
    const deployed = readLocalStack(localStackPath(stack.dataDir));
    expect(deployed.stage).toBe('dev');
    expect(deployed.outputs.ApiUrl).toBe(`${apiBase}/dev`);
  } finally {
    await stack.stop();
  }
});

test('npm start refuses an option it does not take, saying the one it takes', async () => {
  const start = await spawnNpmStart({ args: ['--region', 'us-east-1'] });
  expect(await start.exited).toBe(1);
  expect(start.output()).toContain('npm start does not take --region. It takes two options: npm start -- --stage <name> --config <file>.');
});
