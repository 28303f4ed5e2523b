import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import YAML from 'yaml';
import { localStackPath, readLocalStack, type LocalStack } from '../local/cloudformation/local-stack.ts';
import { QUIET_TOOLCHAIN_ENV } from '../local/quiet-toolchain.ts';
import { E2E_PORTS, shiftedPorts } from './stack.ts';

/** A serverless.yml edit, applied to the parsed document. */
export type ServiceEdit = (service: Record<string, any>) => void;

export interface VariantOptions {
  /** The stage to serve (default `local`). */
  readonly stage?: string;
  /** A data folder to keep between runs (the caller removes it); default a fresh one per run. */
  readonly dataDir?: string;
  /** More environment for serverless. */
  readonly env?: Readonly<Record<string, string>>;
}

export interface VariantApi {
  /** The API's URL with the stage: `http://127.0.0.1:<port>/<stage>`. */
  readonly apiUrl: string;
  /** What the variant deployed locally (ids, Outputs, routes). */
  readonly stack: LocalStack;
  /** Everything serverless printed so far. */
  output(): string;
  stop(): Promise<void>;
}

const { VARIANT_API_PORT, VARIANT_LAMBDA_PORT } = shiftedPorts({ VARIANT_API_PORT: 13100, VARIANT_LAMBDA_PORT: 13102 });
const serverless = path.join(path.dirname(createRequire(import.meta.url).resolve('serverless/package.json')), 'bin/serverless.js');

/**
 * A second serverless-offline, on spare ports, serving serverless.yml with `edit` applied and
 * using the e2e stack's Cognito emulator: what the same app would do on AWS with that change.
 */
export async function startVariantApi(edit: ServiceEdit, options: VariantOptions = {}): Promise<VariantApi> {
  const run = spawnVariant(edit, options);
  const apiUrl = `http://127.0.0.1:${VARIANT_API_PORT}/${run.stage}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (run.child.exitCode !== null) {
      await run.cleanUp();
      throw new Error(`The variant API exited:\n${run.output()}`);
    }
    // Any answer will do: the variant may not have the starter's routes.
    if (
      await fetch(apiUrl).then(
        () => true,
        () => false,
      )
    )
      break;
    if (Date.now() > deadline) {
      await run.stop();
      throw new Error(`The variant API did not start:\n${run.output()}`);
    }
    await sleep(200);
  }
  return { apiUrl, stack: readLocalStack(localStackPath(run.dataDir)), output: run.output, stop: run.stop };
}

/** A variant the local stage must refuse: how long it took to stop, and what it said. */
export async function refusedVariant(
  edit: ServiceEdit,
  options: VariantOptions = {},
): Promise<{ code: number | null; output: string; seconds: number }> {
  const started = Date.now();
  const run = spawnVariant(edit, options);
  const code = await Promise.race([
    new Promise<number | null>((resolve) => run.child.once('exit', resolve)),
    sleep(30_000).then(() => 'still running' as const),
  ]);
  if (code === 'still running') {
    await run.stop();
    throw new Error(`The variant API should have stopped, and still runs after 30 s:\n${run.output()}`);
  }
  await run.cleanUp();
  return { code, output: run.output(), seconds: (Date.now() - started) / 1000 };
}

function spawnVariant(edit: ServiceEdit, { stage = 'local', dataDir, env = {} }: VariantOptions) {
  const service = YAML.parse(readFileSync('serverless.yml', 'utf8'));
  edit(service);
  // Its own esbuild folder, so that it does not clean the main stack's bundles away.
  service.custom.esbuild.outputWorkFolder = '.esbuild-e2e-variant';
  const configFile = 'serverless.e2e-variant.json';
  writeFileSync(configFile, JSON.stringify(service, null, 2));

  const ownDataDir = dataDir === undefined;
  const folder = dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'hello-auth-variant-'));
  const child: ChildProcess = spawn(process.execPath, [serverless, 'offline', 'start', '--config', configFile, '--stage', stage], {
    env: {
      ...process.env,
      ...QUIET_TOOLCHAIN_ENV,
      COGNITO_PORT: String(E2E_PORTS.COGNITO_PORT),
      API_PORT: String(VARIANT_API_PORT),
      LAMBDA_PORT: String(VARIANT_LAMBDA_PORT),
      LOCAL_DATA_DIR: folder,
      LOCAL_STAGE: stage,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));

  const cleanUp = async () => {
    rmSync(configFile, { force: true });
    rmSync('.esbuild-e2e-variant', { recursive: true, force: true });
    if (ownDataDir) rmSync(folder, { recursive: true, force: true });
  };
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await cleanUp();
  };
  return { child, stage, dataDir: folder, output: () => output, cleanUp, stop };
}
