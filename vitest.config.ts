import { defineConfig } from 'vitest/config';
import { QUIET_TOOLCHAIN_ENV } from './local/quiet-toolchain.ts';

// Unit tests sit beside the code they test; the browser flows in e2e/ belong to Playwright.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'local/**/*.test.ts', 'deploy/**/*.test.ts', 'web/**/*.test.ts', 'testing/**/*.test.ts'],
    environment: 'node',
    // The tests' own AWS SDK clients stay quiet, as the stack's do.
    env: QUIET_TOOLCHAIN_ENV,
    // The unit tests share no mutable state, so the files share one module graph: cognito-local
    // and the AWS SDK load once instead of once per file (26 s → 10 s here).
    isolate: false,
    // SRP's big-number arithmetic (ours and amazon-cognito-identity-js's, which several tests run as
    // the reference client) takes a few seconds per sign-in on a busy 2-core machine: 5 s was too tight.
    testTimeout: 15_000,
  },
});
