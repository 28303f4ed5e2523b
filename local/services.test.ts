import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LOCAL_SERVICES, NPM_START_ARGS } from './services.ts';

describe('local services', () => {
  it("are what package.json's start script runs", () => {
    const { scripts } = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
    expect(scripts.start).toBe(['node', ...NPM_START_ARGS].join(' '));
  });

  it('name files that exist', () => {
    const args = [...NPM_START_ARGS, ...Object.values(LOCAL_SERVICES).flatMap((service) => service.args)];
    const files = args.filter((arg) => /\.(ts|mjs|js)$/.test(arg));
    expect(files).toContain('local/start.ts');
    expect(files.filter((file) => !existsSync(file))).toEqual([]);
  });
});
