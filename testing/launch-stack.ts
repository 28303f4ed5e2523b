// The one way the tests start the stack: Playwright's global setup (e2e/), the stress suite and
// the bench all launch the real `npm start` through this file, and the e2e variant API and the
// npm start specs use its parts (stack-process.ts, stack-env.ts, free-ports.ts). A folder at the
// top, because it belongs to no one runner, and like local/ none of it ships.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { npmStartArgs } from '../local/services.ts';
import { freeStackPorts, type StackPorts } from './free-ports.ts';
import { stackEnv } from './stack-env.ts';
import { ensureTestCa } from './trusted-https.ts';
import { spawnStackProcess, StackStartError, type StackProcess, untilReady } from './stack-process.ts';

/** Where a stack the tests started answers, on 127.0.0.1. */
export interface StackUrls {
  readonly web: string;
  /** The API without the stage. */
  readonly apiBase: string;
  /** The API with the stage: what the stack's ApiUrl Output says. */
  readonly api: string;
  readonly cognito: string;
  readonly lambda: string;
  /** The managed login (HTTPS, the tests' local CA: trusted-https.ts). */
  readonly managedLogin: string;
}

/** A stack's address: enough for another process to reach it. */
export interface StackAddress {
  readonly ports: StackPorts;
  readonly urls: StackUrls;
  readonly dataDir: string;
}

/**
 * Names a stack that already runs, as a StackAddress in JSON: Playwright's global setup then
 * launches nothing and stops nothing, and the specs run against it (`npm run test:compose`
 * points them at its containers this way).
 */
export const EXISTING_STACK_ENV = 'E2E_EXISTING_STACK';

export interface NpmStartOptions {
  /** Default: ports free now. */
  readonly ports?: StackPorts;
  /** A data folder the caller keeps and removes; default a fresh one, removed by `stop()`. */
  readonly dataDir?: string;
  /** The stage to run (`npm start -- --stage <name>`); default `local`. */
  readonly stage?: string;
  /** More arguments for `npm start --`. */
  readonly args?: readonly string[];
  /** More environment, set last (over the ports too). */
  readonly env?: Readonly<Record<string, string>>;
  /** Sees everything `npm start` prints, as it prints it. */
  readonly onOutput?: (text: string) => void;
}

export type NpmStart = StackProcess & StackAddress;

export function stackUrls(ports: StackPorts, stage = 'local'): StackUrls {
  const apiBase = `http://127.0.0.1:${ports.API_PORT}`;
  return {
    web: `http://127.0.0.1:${ports.WEB_PORT}`,
    apiBase,
    api: `${apiBase}/${stage}`,
    cognito: `http://127.0.0.1:${ports.COGNITO_PORT}`,
    lambda: `http://127.0.0.1:${ports.LAMBDA_PORT}`,
    managedLogin: `https://127.0.0.1:${ports.MANAGED_LOGIN_PORT}`,
  };
}

/** `npm start`, spawned and not waited for: what it does with its arguments, ports and faults. */
export async function spawnNpmStart(options: NpmStartOptions = {}): Promise<NpmStart> {
  const ports = options.ports ?? (await freeStackPorts());
  // Before the stack: stacks started side by side then read one CA rather than each making it.
  await ensureTestCa();
  const ownDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'hello-auth-stack-'));
  const stageArgs = options.stage ? ['--stage', options.stage] : [];
  const child = spawnStackProcess({
    args: [...npmStartArgs(), ...stageArgs, ...(options.args ?? [])],
    env: stackEnv(ports, dataDir, options.env),
    ...(options.onOutput && { onOutput: options.onOutput }),
    cleanUp: () => {
      if (ownDataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  });
  return Object.assign(child, { ports, dataDir, urls: stackUrls(ports, options.stage) });
}

export interface LaunchOptions extends NpmStartOptions {
  /** How long `npm start` may take to say the stack is up (default 120 s: a busy machine). */
  readonly readyTimeoutMs?: number;
}

export interface LaunchedStack extends NpmStart {
  /** From the spawn to the banner, in ms. */
  readonly startMs: number;
}

/** What `npm start` prints once every service answers. */
export const STACK_UP_BANNER = 'Local stack is up';

/**
 * A port picked free is one the kernel also hands to outgoing connections: one may take it in the
 * instant before `npm start` binds it. Such a start is tried again on other ports.
 */
const PORT_RACE = /ports already in use|EADDRINUSE|is taken/;
const ATTEMPTS = 3;

/**
 * The real `npm start` on free ports (unless given) and a fresh data folder (unless given),
 * resolved once its banner says the stack is up. It fails with `npm start`'s output if the stack
 * exits or is not up within the timeout. `stop()` stops it as Ctrl-C does, then ends its process
 * group.
 */
export async function launchStack(options: LaunchOptions = {}): Promise<LaunchedStack> {
  for (let attempt = 1; ; attempt += 1) {
    const stack = await spawnNpmStart(options);
    try {
      await untilReady(stack, () => stack.output().includes(STACK_UP_BANNER), {
        what: `npm start (${stack.urls.web}, data in ${stack.dataDir})`,
        timeoutMs: options.readyTimeoutMs ?? 120_000,
      });
      return Object.assign(stack, { startMs: performance.now() - stack.spawnedAt });
    } catch (error) {
      await stack.stop();
      const raced = error instanceof StackStartError && PORT_RACE.test(error.output) && !options.ports;
      if (!raced || attempt === ATTEMPTS) throw error;
    }
  }
}
