import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import programs from './services.json' with { type: 'json' };

/**
 * The local stack's programs, by name: `npm start` itself and the three services it runs, each
 * as `node local/run.mjs <name>` (local/run.mjs runs the table's command in that process).
 * docker-compose.yml runs the same command per container (the Dockerfile's entrypoint), so
 * this table is the one place a service's command is written.
 */
export const LOCAL_PROGRAMS: Readonly<Record<string, readonly string[]>> = programs;

export type ServiceName = 'cognito' | 'api' | 'web';

/** The three services `npm start` runs, each with the variable its port is set by. */
export const LOCAL_SERVICES: Readonly<Record<ServiceName, { portEnv: 'COGNITO_PORT' | 'API_PORT' | 'WEB_PORT' }>> = {
  cognito: { portEnv: 'COGNITO_PORT' },
  api: { portEnv: 'API_PORT' },
  web: { portEnv: 'WEB_PORT' },
};

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/** `node <args>` for one program: `npm start` passes its own node options on to its services. */
export const programArgs = (name: string, nodeOptions: readonly string[], overrides: readonly string[] = []): string[] => [
  ...nodeOptions,
  'local/run.mjs',
  name,
  ...overrides,
];

/**
 * `npm start` as `node <args>`, read from package.json's start script (for tests and the
 * bench). Its node options — a young generation of 4 MB instead of V8's 16, so the services keep
 * less garbage around (at 1 MB the authorizer's allocations cost the secured route ~15% of its
 * throughput) — are written there and in the Dockerfile's entrypoint only.
 */
export function npmStartArgs(): string[] {
  const { scripts } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: { start: string } };
  return scripts.start.split(' ').slice(1);
}
