import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { DEFAULT_PORTS, LOCAL_ENV_NAMES } from './config.ts';
import { apiReadyPath } from './ready-signal.ts';
import { LOCAL_SERVICES } from './services.ts';

interface ComposeService {
  command?: string[];
  ports?: string[];
  environment?: Record<string, string>;
  restart?: string;
  healthcheck?: { test: string[] };
}
type Compose = { services: Record<string, ComposeService> };

const readCompose = (): Compose => YAML.parse(readFileSync('docker-compose.yml', 'utf8'), { merge: true });

/** Where docker-compose.yml and `npm start` (local/services.json, local/config.ts) disagree. */
function drift(compose: Compose): string[] {
  const problems: string[] = [];
  for (const [name, service] of Object.entries(LOCAL_SERVICES)) {
    const composed = compose.services[name];
    if (!composed) {
      problems.push(`docker-compose.yml has no ${name} service`);
      continue;
    }
    if (JSON.stringify(composed.command) !== JSON.stringify([name])) {
      problems.push(`${name}: command ${JSON.stringify(composed.command)} is not the program's name, ["${name}"]`);
    }
    const port = DEFAULT_PORTS[service.portEnv];
    if (!composed.ports?.includes(`127.0.0.1:${port}:${port}`)) {
      problems.push(`${name}: does not publish 127.0.0.1:${port}:${port} (ports: ${JSON.stringify(composed.ports)})`);
    }
    for (const [variable, value] of Object.entries(composed.environment ?? {})) {
      if (!LOCAL_ENV_NAMES.includes(variable)) problems.push(`${name}: ${variable} is not a variable local/config.ts reads`);
      if (variable in DEFAULT_PORTS && Number(value) !== DEFAULT_PORTS[variable as keyof typeof DEFAULT_PORTS]) {
        problems.push(`${name}: ${variable}=${value}, but npm start uses ${DEFAULT_PORTS[variable as keyof typeof DEFAULT_PORTS]}`);
      }
    }
  }
  return problems;
}

/** `docker compose` (the v2 plugin) if this machine has it, else Debian's `docker-compose`. */
function composeValidator(): string[] | undefined {
  if (spawnSync('docker', ['compose', 'version'], { encoding: 'utf8' }).status === 0) return ['docker', 'compose'];
  if (spawnSync('docker-compose', ['version'], { encoding: 'utf8' }).status === 0) return ['docker-compose'];
  return undefined;
}

describe('docker-compose.yml', () => {
  const validator = composeValidator();

  it.skipIf(!validator)('is a valid compose file (docker compose config)', () => {
    const [command, ...args] = validator!;
    const result = spawnSync(command!, [...args, '-f', 'docker-compose.yml', 'config', '-q'], { encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
  });

  it('runs the same programs on the same ports as npm start', () => {
    expect(drift(readCompose())).toEqual([]);
  });

  it('notices a port changed on one side only', () => {
    const compose = readCompose();
    compose.services.api!.ports = ['127.0.0.1:3001:3000'];
    compose.services.web!.environment = { ...compose.services.web!.environment, WEB_PORT: '8080' };
    expect(drift(compose)).toEqual([
      'api: does not publish 127.0.0.1:3000:3000 (ports: ["127.0.0.1:3001:3000"])',
      'web: WEB_PORT=8080, but npm start uses 5173',
    ]);
  });

  it('notices a command or a variable name changed on one side only', () => {
    const compose = readCompose();
    compose.services.cognito!.command = ['node', 'node_modules/cognito-local/lib/bin/start.js'];
    compose.services.cognito!.environment = { ...compose.services.cognito!.environment, COGNITO_HOST: '0.0.0.0' };
    expect(drift(compose)).toEqual([
      `cognito: command ["node","node_modules/cognito-local/lib/bin/start.js"] is not the program's name, ["cognito"]`,
      'cognito: COGNITO_HOST is not a variable local/config.ts reads',
    ]);
  });

  it('publishes every port npm start serves', () => {
    const published = Object.values(readCompose().services).flatMap((service) => service.ports ?? []);
    for (const port of Object.values(DEFAULT_PORTS)) expect(published).toContain(`127.0.0.1:${port}:${port}`);
  });

  it('restarts a service that dies, as npm start does', () => {
    for (const [name, service] of Object.entries(readCompose().services)) expect(service.restart, name).toBe('unless-stopped');
  });

  it('asks each service for its health without starting a node process', () => {
    for (const [name, service] of Object.entries(readCompose().services)) {
      expect(service.healthcheck?.test.slice(0, 3), name).toEqual(['CMD', 'bash', '-c']);
    }
  });

  it("takes the API as healthy on npm start's ready signal, in the data folder the containers share", () => {
    const { api } = readCompose().services;
    const dataDir = api!.environment!.LOCAL_DATA_DIR!;
    // Compose turns `$$` into the shell's `$`.
    expect(api!.healthcheck!.test[3]).toContain(`kill -0 "$$(cat ${apiReadyPath(dataDir)} 2>/dev/null)"`);
  });

  it('publishes the managed login from the Cognito emulator’s container, and counts it in its health', () => {
    const { cognito } = readCompose().services;
    const port = DEFAULT_PORTS.MANAGED_LOGIN_PORT;
    expect(cognito!.ports).toContain(`127.0.0.1:${port}:${port}`);
    expect(cognito!.environment!.MANAGED_LOGIN_PORT).toBe(String(port));
    expect(cognito!.healthcheck!.test[3]).toContain(`</dev/tcp/127.0.0.1/${port}`);
  });

  it('publishes every port on loopback only', () => {
    for (const service of Object.values(readCompose().services)) {
      for (const mapping of service.ports ?? []) expect(mapping).toMatch(/^127\.0\.0\.1:/);
    }
  });
});
