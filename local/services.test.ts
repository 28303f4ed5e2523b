import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LOCAL_PROGRAMS, LOCAL_SERVICES, npmStartArgs, programArgs } from './services.ts';

/** The Dockerfile's ENTRYPOINT, as an argument list. */
function dockerEntrypoint(): string[] {
  const line = readFileSync('Dockerfile', 'utf8').match(/^ENTRYPOINT (.+)$/m);
  if (!line) throw new Error('the Dockerfile has no ENTRYPOINT');
  return JSON.parse(line[1]!) as string[];
}

describe('local programs', () => {
  it("npm start is the start program, run with package.json's node options", () => {
    const nodeOptions = npmStartArgs().slice(0, -2);
    expect(npmStartArgs()).toEqual(programArgs('start', nodeOptions));
    expect(nodeOptions).toEqual(['--max-semi-space-size=4']);
  });

  it('run in a container as npm start runs them: the Dockerfile entrypoint takes the program name', () => {
    expect([...dockerEntrypoint(), 'cognito']).toEqual(['node', ...programArgs('cognito', npmStartArgs().slice(0, -2))]);
  });

  it('name files that exist', () => {
    const files = Object.values(LOCAL_PROGRAMS).map(([entry]) => entry!);
    expect(files).toContain('local/start.ts');
    expect(files.filter((file) => !existsSync(file))).toEqual([]);
  });

  it('include the three services npm start runs', () => {
    expect(Object.keys(LOCAL_PROGRAMS)).toEqual(['start', ...Object.keys(LOCAL_SERVICES)]);
  });

  it('refuse a name the table does not have, listing the names', () => {
    const result = spawnSync(process.execPath, ['local/run.mjs', 'cognitoo'], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe('Usage: node local/run.mjs <start|cognito|api|web> [--option value…]');
  });
});
