import { defineConfig } from 'vitest/config';
import { QUIET_TOOLCHAIN_ENV } from '../local/quiet-toolchain.ts';

// `npm run test:stress`: the real stack under restarts and parallel load. Not part of `npm test`.
// Each file starts its own `npm start` (testing/launch-stack.ts); the files run one after another
// so that one file's load does not slow another's stack.
export default defineConfig({
  test: {
    include: ['stress/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 60_000,
    env: { ...QUIET_TOOLCHAIN_ENV },
  },
});
