import { request } from 'node:https';
import { setTimeout as sleep } from 'node:timers/promises';

/** A readiness probe: true once `url` answers with a status `accept` approves. */
export function answers(url: string, accept: (status: number) => boolean = (status) => status < 500) {
  return async () => accept((await fetch(url, { signal: AbortSignal.timeout(1000) })).status);
}

/**
 * A probe of an HTTPS listener whose certificate the local CA `ca` (PEM) signed: true once it
 * answers anything over a TLS connection that trusts that CA, and only it.
 */
export function answersOverTls(url: string, ca: string): () => Promise<boolean> {
  return () =>
    new Promise((resolve, reject) => {
      const probe = request(url, { ca, timeout: 1000 }, (response) => {
        response.resume();
        resolve(true);
      });
      probe.once('timeout', () => probe.destroy(new Error(`${url} did not answer within 1 s`)));
      probe.once('error', reject);
      probe.end();
    });
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
