import type { RequestListener, ServerResponse } from 'node:http';
import { createServer } from 'node:https';

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
  // As the JSON API's (cognito-server.ts): idle keep-alive sockets outlive a browser's pause, and
  // on close the requests in progress are answered, then their connections hang up.
  server.keepAliveTimeout = 60_000;
  server.headersTimeout = 61_000;
  const answering = new Set<ServerResponse>();
  let closing = false;
  server.on('request', (_request, response: ServerResponse) => {
    response.shouldKeepAlive &&= !closing;
    answering.add(response);
    response.once('close', () => answering.delete(response));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as { port: number }).port,
    close: () =>
      new Promise((resolve) => {
        closing = true;
        for (const response of answering) response.shouldKeepAlive = false;
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
