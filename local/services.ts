/**
 * A young generation of 4 MB (V8's default is 16): the services keep less garbage around. At
 * 1 MB the authorizer's allocations cost the secured route ~15% of its throughput.
 */
const SMALL_HEAP = '--max-semi-space-size=4';

/** `npm start` as `node <args>` (package.json's start script), for tests and the bench. */
export const NPM_START_ARGS = [SMALL_HEAP, 'local/run.mjs', 'local/start.ts'] as const;

/**
 * The three processes of the local stack, as `node <args>` from the project folder. `npm start`
 * runs them (local/start.ts) and so does docker-compose.yml, one per container; a test keeps the
 * two in step.
 */
export const LOCAL_SERVICES = {
  /** The Cognito emulator and its dev inbox. */
  cognito: {
    args: [SMALL_HEAP, '--import', './local/exit-with-parent.mjs', 'local/run.mjs', 'local/cognito/main.ts'],
    portEnv: 'COGNITO_PORT',
  },
  /** serverless-offline: deploys the Cognito resources to the emulator, then serves the API. */
  api: {
    args: [
      SMALL_HEAP,
      '--import',
      './local/exit-with-parent.mjs',
      'node_modules/serverless/bin/serverless.js',
      'offline',
      'start',
      '--stage',
      'local',
    ],
    portEnv: 'API_PORT',
  },
  /** Vite with the web client, configured from the local stack's Outputs. */
  web: { args: [SMALL_HEAP, '--import', './local/exit-with-parent.mjs', 'local/run.mjs', 'local/web/main.ts'], portEnv: 'WEB_PORT' },
} as const satisfies Record<string, { args: readonly string[]; portEnv: string }>;
