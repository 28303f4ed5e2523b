import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { freePorts } from './free-ports.ts';
import { stackEnv } from './stack-env.ts';
import { ownDomainForOwnPool } from './variant-domain.ts';
import { PROJECT_ROOT, spawnStackProcess, type StackProcess } from './stack-process.ts';

/** A serverless.yml edit, applied to the parsed document. */
export type ServiceEdit = (service: Record<string, any>) => void;

export interface VariantApiOptions {
  /** The Cognito emulator it deploys to and authorizes against (a running stack's). */
  readonly cognitoPort: number;
  /** That stack's managed login port (the URL the variant's web client and tokens name). */
  readonly managedLoginPort?: number;
  /** The stage to serve (default `local`). */
  readonly stage?: string;
  /** A data folder the caller keeps and removes; default a fresh one, removed when it stops. */
  readonly dataDir?: string;
  /** More environment for serverless. */
  readonly env?: Readonly<Record<string, string>>;
}

export interface SpawnedVariantApi {
  readonly process: StackProcess;
  /** The API with the stage: `http://127.0.0.1:<port>/<stage>`. */
  readonly apiUrl: string;
  readonly dataDir: string;
}

let variants = 0;

/** An edited copy of serverless.yml, beside it, with its own esbuild folder; `remove()` deletes both. */
export interface VariantConfig {
  /** Relative to the project: what `--config` takes. */
  readonly configFile: string;
  remove(): void;
}

/** serverless.yml with `edit` applied, written beside it (serverless resolves handlers and plugins from the config's folder). */
export function writeVariantConfig(edit: ServiceEdit): VariantConfig {
  const name = `variant-${process.pid}-${++variants}`;
  const text = readFileSync(path.join(PROJECT_ROOT, 'serverless.yml'), 'utf8');
  const service = YAML.parse(text);
  edit(service);
  ownDomainForOwnPool(YAML.parse(text), service);
  // Its own esbuild folder, so that it does not clean the main stack's bundles away.
  const esbuildFolder = `.esbuild-${name}`;
  service.custom.esbuild.outputWorkFolder = esbuildFolder;
  const configFile = `serverless.${name}.json`;
  writeFileSync(path.join(PROJECT_ROOT, configFile), JSON.stringify(service, null, 2));
  return {
    configFile,
    remove() {
      rmSync(path.join(PROJECT_ROOT, configFile), { force: true });
      rmSync(path.join(PROJECT_ROOT, esbuildFolder), { recursive: true, force: true });
    },
  };
}

/**
 * A second serverless-offline, on free ports, serving serverless.yml with `edit` applied: the
 * API service as `npm start` runs it (local/services.json) on an edited copy, beside a running
 * stack's emulator. Each variant has its own config file and esbuild folder, removed when it stops.
 */
export async function spawnVariantApi(edit: ServiceEdit, options: VariantApiOptions): Promise<SpawnedVariantApi> {
  const { stage = 'local', dataDir, env = {} } = options;
  const variant = writeVariantConfig(edit);
  const folder = dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'hello-auth-variant-'));
  const [API_PORT, LAMBDA_PORT] = (await freePorts(2)) as [number, number];
  const child = spawnStackProcess({
    args: ['local/run.mjs', 'api', '--config', variant.configFile, '--stage', stage],
    env: stackEnv(
      {
        COGNITO_PORT: options.cognitoPort,
        API_PORT,
        LAMBDA_PORT,
        ...(options.managedLoginPort !== undefined && { MANAGED_LOGIN_PORT: options.managedLoginPort }),
      },
      folder,
      { LOCAL_STAGE: stage, ...env },
    ),
    stopSignal: 'SIGTERM',
    cleanUp: () => {
      variant.remove();
      if (dataDir === undefined) rmSync(folder, { recursive: true, force: true });
    },
  });
  return { process: child, apiUrl: `http://127.0.0.1:${API_PORT}/${stage}`, dataDir: folder };
}
