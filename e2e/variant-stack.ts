import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import YAML from 'yaml';
import { QUIET_TOOLCHAIN_ENV } from '../local/quiet-toolchain.ts';
import { E2E_PORTS, shiftedPorts } from './stack.ts';

/** A serverless.yml edit, applied to the parsed document. */
export type ServiceEdit = (service: Record<string, any>) => void;

export interface VariantApi {
  readonly apiUrl: string;
  stop(): Promise<void>;
}

const { VARIANT_API_PORT, VARIANT_LAMBDA_PORT } = shiftedPorts({ VARIANT_API_PORT: 13100, VARIANT_LAMBDA_PORT: 13102 });

/**
 * A second serverless-offline, on spare ports, serving serverless.yml with `edit` applied and
 * using the e2e stack's Cognito emulator: what the same app would do on AWS with that change.
 */
export async function startVariantApi(edit: ServiceEdit): Promise<VariantApi> {
  const service = YAML.parse(readFileSync('serverless.yml', 'utf8'));
  edit(service);
  // Its own esbuild folder, so that it does not clean the main stack's bundles away.
  service.custom.esbuild.outputWorkFolder = '.esbuild-e2e-variant';
  const configFile = 'serverless.e2e-variant.json';
  writeFileSync(configFile, JSON.stringify(service, null, 2));

  const serverless = path.join(path.dirname(createRequire(import.meta.url).resolve('serverless/package.json')), 'bin/serverless.js');
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hello-auth-variant-'));
  const child: ChildProcess = spawn(process.execPath, [serverless, 'offline', 'start', '--config', configFile, '--stage', 'local'], {
    env: {
      ...process.env,
      ...QUIET_TOOLCHAIN_ENV,
      COGNITO_PORT: String(E2E_PORTS.COGNITO_PORT),
      API_PORT: String(VARIANT_API_PORT),
      LAMBDA_PORT: String(VARIANT_LAMBDA_PORT),
      LOCAL_DATA_DIR: dataDir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));

  const apiUrl = `http://127.0.0.1:${VARIANT_API_PORT}/local`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The variant API exited:\n${output}`);
    const answered = await fetch(`${apiUrl}/api/helloWorld`).then(() => true, () => false);
    if (answered) break;
    if (Date.now() > deadline) throw new Error(`The variant API did not start:\n${output}`);
    await sleep(200);
  }

  return {
    apiUrl,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      rmSync(configFile, { force: true });
      rmSync('.esbuild-e2e-variant', { recursive: true, force: true });
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
