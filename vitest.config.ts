import { defineConfig } from 'vitest/config';

// Unit tests sit beside the code they test; the browser flows in e2e/ belong to Playwright.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'local/**/*.test.ts', 'deploy/**/*.test.ts', 'web/**/*.test.ts'],
    environment: 'node',
  },
});
