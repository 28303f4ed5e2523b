import { setTimeout as sleep } from 'node:timers/promises';

/** A readiness probe: true once `url` answers with a status `accept` approves. */
export function answers(url: string, accept: (status: number) => boolean = (status) => status < 500) {
  return async () => accept((await fetch(url, { signal: AbortSignal.timeout(1000) })).status);
}

/** Polls `probe` until it is true (resolves true) or `timeoutMs` passes (resolves false). */
export async function eventually(probe: () => Promise<boolean>, timeoutMs: number, intervalMs = 50): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe().catch(() => false)) return true;
    if (Date.now() >= deadline) return false;
    await sleep(intervalMs);
  }
}
