import type { Server, ServerResponse } from 'node:http';
import type { Server as HttpsServer } from 'node:https';

/**
 * Sets `server` up for clients that keep connections open, and answers how to close it. Node's
 * 5 s keep-alive timeout races SDK clients and browsers, which keep idle sockets with no timeout of
 * their own: a burst that reuses sockets idle for ~5 s gets ECONNRESETs. A minute, as behind AWS's
 * load balancers. On close, the requests in progress are answered, then their connections hang up
 * (a busy keep-alive connection would otherwise go on taking requests until the supervisor's
 * SIGKILL), and idle ones close at once.
 */
export function closeGracefully(server: Server | HttpsServer): () => Promise<void> {
  server.keepAliveTimeout = 60_000;
  server.headersTimeout = 61_000;
  const answering = new Set<ServerResponse>();
  let closing = false;
  server.on('request', (_request, response: ServerResponse) => {
    response.shouldKeepAlive &&= !closing;
    answering.add(response);
    response.once('close', () => answering.delete(response));
  });
  return () =>
    new Promise((resolve) => {
      closing = true;
      for (const response of answering) response.shouldKeepAlive = false;
      server.close(() => resolve());
      server.closeIdleConnections();
    });
}
