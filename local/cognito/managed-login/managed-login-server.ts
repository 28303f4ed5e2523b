import type { RequestListener } from 'node:http';
import { createServer } from 'node:https';
import { closeGracefully } from '../graceful-close.ts';

export interface ManagedLoginServerOptions {
  readonly host: string;
  readonly port: number;
  /** The server certificate (PEM) and its key, from the local CA (local/tls/local-ca.ts). */
  readonly certificate: { readonly cert: string; readonly key: string };
  /** What answers: managedLoginHandler(deps). */
  readonly handler: RequestListener;
}

export interface ManagedLoginServer {
  /** The port it listens on (the one asked for, or the one the system gave for 0). */
  readonly port: number;
  close(): Promise<void>;
}

/**
 * The managed login's HTTPS listener. HTTPS because Amplify v6 builds
 * `https://${oauth.domain}/oauth2/...` with the scheme written in, and Cognito serves its domains
 * over TLS only. Fails with the listen error (EADDRINUSE, with its `port`) when it cannot listen.
 */
export async function startManagedLoginServer({
  host,
  port,
  certificate,
  handler,
}: ManagedLoginServerOptions): Promise<ManagedLoginServer> {
  const server = createServer({ cert: certificate.cert, key: certificate.key }, handler);
  // As the JSON API's (cognito-server.ts): idle keep-alive sockets outlive a browser's pause.
  const close = closeGracefully(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as { port: number }).port,
    close,
  };
}
