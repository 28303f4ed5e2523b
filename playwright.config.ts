import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from './e2e/browser.ts';
import { publishedStack } from './e2e/global-setup.ts';
import { QUIET_TOOLCHAIN_ENV } from './local/quiet-toolchain.ts';
import { testCaChromiumArgs } from './testing/trusted-https.ts';

// Workers inherit it: the tests' own AWS SDK clients and serverless runs stay quiet.
Object.assign(process.env, QUIET_TOOLCHAIN_ENV);

export default defineConfig({
  // Tests of the whole stack: browser flows, and HTTP-level checks that share its one stack (they
  // open no browser, so they cost nothing more here). Tests of a function alone run under vitest.
  testDir: 'e2e',
  // `npm start` itself, on free ports and a fresh data folder (testing/launch-stack.ts); its
  // address reaches the workers through their environment. Not `webServer`: that needs the URL,
  // and so the ports, fixed when this file is read.
  globalSetup: './e2e/global-setup.ts',
  // One stack, shared: the flows are few and long.
  workers: 1,
  fullyParallel: false,
  // Fail CI on a stray test.only.
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    // Unset while the runner reads this file before global setup; set in the workers.
    baseURL: publishedStack()?.urls.web,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        // The managed login's certificate, and only it, is accepted: the pin of the tests' CA's server
        // key (testing/trusted-https.ts), never ignoreHTTPSErrors, which would accept any.
        launchOptions: { executablePath: chromiumExecutable(), args: [...CHROMIUM_ARGS, ...testCaChromiumArgs()] },
      },
    },
  ],
});
