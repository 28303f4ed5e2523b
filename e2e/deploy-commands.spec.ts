// The deploy command fails fast and says what to do, without touching AWS. (Node only; the
// refusal of the local stage is unit-tested in local/offline/local-stack-plugin.test.ts.)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { QUIET_TOOLCHAIN_ENV } from '../local/quiet-toolchain.ts';

/** `npm run deploy -- <args>` with no AWS credentials anywhere (empty HOME, no AWS_* variables). */
function deployWithoutCredentials(args: string[]) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_')));
  const result = spawnSync('npm', ['run', 'deploy', '--', ...args], {
    env: {
      ...env,
      HOME: mkdtempSync(path.join(os.tmpdir(), 'no-aws-')),
      ...QUIET_TOOLCHAIN_ENV,
      ESBUILD_WORK_FOLDER: '.esbuild-check-deploy-test',
    },
    encoding: 'utf8',
    timeout: 60_000,
  });
  rmSync('.esbuild-check-deploy-test', { recursive: true, force: true });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

test('deploying to AWS without credentials fails at once, saying how to provide them', () => {
  const { status, output } = deployWithoutCredentials(['--stage', 'prod']);
  expect(status).not.toBe(0);
  expect(output).toContain('AWS provider credentials not found');
  expect(output).not.toMatch(/^\s+at /m);
});
