import { defineConfig } from 'vite';

// The web client. `npm start` runs Vite with the local stack's ids in VITE_* variables
// (see web/src/config.ts); nothing here is stage-specific.
export default defineConfig({
  root: 'web',
  envDir: false,
  clearScreen: false,
  server: { host: '127.0.0.1', strictPort: true },
  // Pre-bundle Amplify when the server starts, not on the first page load (which would reload
  // the page under a user or a test).
  optimizeDeps: { include: ['aws-amplify', 'aws-amplify/auth'] },
  preview: { host: '127.0.0.1', strictPort: true },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
});
