import path from 'node:path';
import { localStackPath } from './local-stack.ts';

/** Where the local stack listens and keeps its state, read once from the environment. */
export interface LocalConfig {
  /** Interface every local service binds to. Loopback only: nothing here is hardened. */
  readonly host: string;
  /** The serverless.yml stage served offline. */
  readonly stage: string;
  /** Cognito emulator (cognito-local, extended). Env `COGNITO_PORT`, default 9229. */
  readonly cognitoPort: number;
  /** API Gateway stand-in (serverless-offline). Env `API_PORT`, default 3000. */
  readonly apiPort: number;
  /** serverless-offline's Lambda invoke endpoint. Env `LAMBDA_PORT`, default 3002. */
  readonly lambdaPort: number;
  /** Vite dev server for the web client. Env `WEB_PORT`, default 5173. */
  readonly webPort: number;
  /** Users, codes, pool ids and the dev inbox. Env `LOCAL_DATA_DIR`, default `.local`. */
  readonly dataDir: string;
  /** The Cognito emulator's log level (pino). Env `COGNITO_LOG_LEVEL`, default `error`. */
  readonly cognitoLogLevel: string;
}

export class LocalConfigError extends Error {
  override name = 'LocalConfigError';
}

function port(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    throw new LocalConfigError(`${name}=${raw} is not a port number (1-65535).`);
  }
  return value;
}

function readLocalConfig(): LocalConfig {
  return {
    host: '127.0.0.1',
    stage: 'local',
    cognitoPort: port('COGNITO_PORT', 9229),
    apiPort: port('API_PORT', 3000),
    lambdaPort: port('LAMBDA_PORT', 3002),
    webPort: port('WEB_PORT', 5173),
    dataDir: path.resolve(process.env.LOCAL_DATA_DIR || '.local'),
    cognitoLogLevel: process.env.COGNITO_LOG_LEVEL || 'error',
  };
}

export const localConfig: LocalConfig = readLocalConfig();

export const cognitoUrl = `http://${localConfig.host}:${localConfig.cognitoPort}`;
export const apiUrl = `http://${localConfig.host}:${localConfig.apiPort}/${localConfig.stage}`;
export const webUrl = `http://${localConfig.host}:${localConfig.webPort}`;

/** What `serverless offline` deployed locally (see local/local-stack.ts). */
export const localStackFile = localStackPath(localConfig.dataDir);

/** The users `npm start` adds to the local pool when they are missing. */
export const seedUsersFile = path.resolve('local/seed-users.json');
