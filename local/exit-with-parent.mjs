// Preloaded (`node --import ./local/exit-with-parent.mjs`) into each process `npm start` runs:
// when the launcher dies, even by SIGKILL, its IPC channel closes and the service stops too,
// leaving no orphan holding a port. Without an IPC channel (a container) it does nothing.
// Plain JavaScript: serverless-offline's process must not load tsx (its worker threads would
// inherit it and fail to load the bundled handlers).
import { isMainThread } from 'node:worker_threads';

if (isMainThread && process.channel) {
  process.channel.unref();
  process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
}
