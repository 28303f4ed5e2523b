import path from 'node:path';
import { localStackPath } from './cloudformation/local-stack.ts';
import { apiReadyPath } from './ready-signal.ts';

/** Where the local stack listens and keeps its state, read once from the environment. */
export interface LocalConfig {
  /**
   * Interface every local service binds to. Env `BIND_HOST`, default 127.0.0.1: loopback only,
   * nothing here is hardened (containers bind 0.0.0.0 and publish their ports on loopback).
   */
  readonly host: string;
  /** The host name a browser on this machine uses for the services. Env `PUBLIC_HOST`, default 127.0.0.1. */
  readonly publicHost: string;
  /**
   * How the API reaches the Cognito emulator. Env `COGNITO_URL`, default the browser's URL; in a
   * container network, the emulator's service name (`http://cognito:9229`).
   */
  readonly cognitoUrl: string;
  /**
   * How the Cognito emulator reaches serverless-offline's Lambda Invoke API to run a pool's
   * triggers. Env `LAMBDA_URL`, default `http://127.0.0.1:<LAMBDA_PORT>`; in a container
   * network, the API's service name (`http://api:3002`).
   */
  readonly lambdaUrl: string;
  /** The serverless.yml stage served offline. Env `LOCAL_STAGE` (`npm start -- --stage <name>` sets it), default `local`. */
  readonly stage: string;
  /** Cognito emulator (cognito-local, extended). Env `COGNITO_PORT`, default 9229. */
  readonly cognitoPort: number;
  /** API Gateway stand-in (serverless-offline). Env `API_PORT`, default 3000. */
  readonly apiPort: number;
  /** serverless-offline's Lambda invoke endpoint. Env `LAMBDA_PORT`, default 3002. */
  readonly lambdaPort: number;
  /** Vite dev server for the web client. Env `WEB_PORT`, default 5173. */
  readonly webPort: number;
  /**
   * The managed login's HTTPS listener, in the Cognito emulator's process: every pool's domain,
   * locally. Env `MANAGED_LOGIN_PORT`, default 9443.
   */
  readonly managedLoginPort: number;
  /**
   * The local CA and the managed login's certificate (local/tls/local-ca.ts). Env `LOCAL_CA_DIR`,
   * default `<LOCAL_DATA_DIR>/tls`, or `.local/tls` for every stage when LOCAL_DATA_DIR is unset
   * (a person trusts one CA); `npm run reset` keeps it.
   */
  readonly caDir: string;
  /** Users, codes, pool ids and the dev inbox. Env `LOCAL_DATA_DIR`, default `.local` (`.local/stages/<stage>` for another stage). */
  readonly dataDir: string;
  /** The Cognito emulator's log level (pino). Env `COGNITO_LOG_LEVEL`, default `error`. */
  readonly cognitoLogLevel: string;
}

export class LocalConfigError extends Error {
  override name = 'LocalConfigError';
}

function port(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    throw new LocalConfigError(`${name}=${raw} is not a port number (1-65535).`);
  }
  return value;
}

/** The ports `npm start` uses unless the environment moves them (docker-compose.yml uses them too). */
export const DEFAULT_PORTS = { COGNITO_PORT: 9229, API_PORT: 3000, LAMBDA_PORT: 3002, WEB_PORT: 5173, MANAGED_LOGIN_PORT: 9443 } as const;

/** Every environment variable this config reads. */
export const LOCAL_ENV_NAMES = [
  ...Object.keys(DEFAULT_PORTS),
  'LOCAL_STAGE',
  'BIND_HOST',
  'PUBLIC_HOST',
  'COGNITO_URL',
  'LAMBDA_URL',
  'LOCAL_DATA_DIR',
  'LOCAL_CA_DIR',
  'COGNITO_LOG_LEVEL',
  'SEED_USERS_FILE',
];

/** The stage `npm start` runs when it is not told another. */
export const DEFAULT_STAGE = 'local';

function stageName(env: NodeJS.ProcessEnv): string {
  const stage = env.LOCAL_STAGE || DEFAULT_STAGE;
  // serverless's own rule for stage names.
  if (!/^[a-zA-Z0-9-]+$/.test(stage)) throw new LocalConfigError(`Stage "${stage}" is not a stage name: letters, digits and hyphens only.`);
  return stage;
}

/** The config `env` describes (process.env for the stack's own). */
export function readLocalConfig(env: NodeJS.ProcessEnv = process.env): LocalConfig {
  const publicHost = env.PUBLIC_HOST || '127.0.0.1';
  const stage = stageName(env);
  const cognitoPort = port(env, 'COGNITO_PORT', DEFAULT_PORTS.COGNITO_PORT);
  const lambdaPort = port(env, 'LAMBDA_PORT', DEFAULT_PORTS.LAMBDA_PORT);
  return {
    host: env.BIND_HOST || '127.0.0.1',
    publicHost,
    cognitoUrl: env.COGNITO_URL || `http://${publicHost}:${cognitoPort}`,
    lambdaUrl: env.LAMBDA_URL || `http://127.0.0.1:${lambdaPort}`,
    stage,
    cognitoPort,
    apiPort: port(env, 'API_PORT', DEFAULT_PORTS.API_PORT),
    lambdaPort,
    webPort: port(env, 'WEB_PORT', DEFAULT_PORTS.WEB_PORT),
    managedLoginPort: port(env, 'MANAGED_LOGIN_PORT', DEFAULT_PORTS.MANAGED_LOGIN_PORT),
    caDir: path.resolve(env.LOCAL_CA_DIR || path.join(env.LOCAL_DATA_DIR || '.local', 'tls')),
    dataDir: path.resolve(env.LOCAL_DATA_DIR || (stage === DEFAULT_STAGE ? '.local' : path.join('.local', 'stages', stage))),
    cognitoLogLevel: env.COGNITO_LOG_LEVEL || 'error',
  };
}

export const localConfig: LocalConfig = readLocalConfig();

/** The emulator as browsers see it (its tokens carry AWS's issuer, local/cognito/user-pool-ids.ts). */
export const cognitoPublicUrl = `http://${localConfig.publicHost}:${localConfig.cognitoPort}`;
/** The emulator as the API sees it (where it deploys resources and fetches keys). */
export const cognitoUrl = localConfig.cognitoUrl;
/** The local API without the stage: what stands for `https://<api>.execute-api.<region>.amazonaws.com`. */
export const apiBaseUrl = `http://${localConfig.publicHost}:${localConfig.apiPort}`;
export const apiUrl = `${apiBaseUrl}/${localConfig.stage}`;
export const webUrl = `http://${localConfig.publicHost}:${localConfig.webPort}`;
/**
 * The managed login as browsers reach it: every pool's domain, locally, over HTTPS because
 * Amplify v6 builds `https://${oauth.domain}/oauth2/...` with the scheme written in.
 */
export const managedLoginUrl = `https://${localConfig.publicHost}:${localConfig.managedLoginPort}`;

/** What `serverless offline` deployed locally (see local/local-stack.ts). */
export const localStackFile = localStackPath(localConfig.dataDir);

/** The users `npm start` adds to the local pools when they are missing. Env `SEED_USERS_FILE`, default local/seed-users.json. */
export const seedUsersFile = path.resolve(process.env.SEED_USERS_FILE || 'local/seed-users.json');

/** The API's ready signal (local/ready-signal.ts): `npm start` and docker-compose.yml's health check read it. */
export const apiReadyFile = apiReadyPath(localConfig.dataDir);
