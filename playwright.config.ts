import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from './e2e/browser.ts';
import { E2E_PORTS, e2eStack } from './e2e/stack.ts';
import { QUIET_TOOLCHAIN_ENV } from './local/quiet-toolchain.ts';
import { NPM_START_ARGS } from './local/services.ts';

// Workers load this file again and inherit the runner's environment: one data folder per run.
process.env.E2E_DATA_DIR ||= mkdtempSync(path.join(os.tmpdir(), 'hello-auth-e2e-'));
// Workers inherit it too: the tests' own AWS SDK clients and serverless runs stay quiet.
Object.assign(process.env, QUIET_TOOLCHAIN_ENV);

export default defineConfig({
  // Browser flows against the real local stack; unit tests run under vitest.
  testDir: 'e2e',
  // One stack, shared: the flows are few and long.
  workers: 1,
  fullyParallel: false,
  // Fail CI on a stray test.only.
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL: e2eStack.webUrl,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: { executablePath: chromiumExecutable(), args: CHROMIUM_ARGS },
      },
    },
  ],
  // `npm start` itself, on the e2e ports and a fresh data folder.
  webServer: {
    command: ['node', ...NPM_START_ARGS].join(' '),
    url: e2eStack.webUrl,
    env: {
      ...Object.fromEntries(Object.entries(E2E_PORTS).map(([name, port]) => [name, String(port)])),
      LOCAL_DATA_DIR: process.env.E2E_DATA_DIR,
    },
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
