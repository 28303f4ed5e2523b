import { request } from 'node:https';

/**
 * A readiness probe for an HTTPS listener whose certificate the local CA `ca` (PEM) signed: true
 * once it answers anything over a TLS connection that trusts that CA (and only it).
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
