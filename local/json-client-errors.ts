import { STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

/** A request Node answers itself, before any request handler runs. */
export interface ClientError {
  /** What Node would answer: 400, 408, 417, 431, or 405 for CONNECT. */
  readonly status: number;
  /** Node's parser error code (`HPE_INVALID_METHOD`…), `EXPECTATION_FAILED` or `CONNECT`. */
  readonly code: string;
}

/** What a server answers instead. */
export interface ClientErrorAnswer {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** JSON text. */
  readonly body: string;
}

/**
 * The status Node itself sends for a request its parser refused: 431 for a request line and
 * headers over `--max-http-header-size` (16 KB), 408 for a request too slow to arrive, 400 for
 * the rest (a lowercase or unknown method, a NUL in a header, a bad Content-Length…).
 */
function parserErrorStatus(error: NodeJS.ErrnoException): number {
  if (error.code === 'HPE_HEADER_OVERFLOW') return 431;
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') return 408;
  return 400;
}

/**
 * Makes a server's answers JSON where Node (or hapi) would answer alone with a bare status line:
 * a request its parser refuses (`clientError`), an `Expect` other than 100-continue (a bare 417)
 * and CONNECT (the connection was dropped unanswered). Node's caution is kept: nothing is
 * written once a response on the socket has started.
 */
export function answerClientErrorsWithJson(server: Server, answer: (error: ClientError) => ClientErrorAnswer): void {
  // Once per server: two answers on one socket would be a write after end, which nothing catches.
  if (answering.has(server)) return;
  answering.add(server);
  // hapi has its own listener, which writes a bare 400.
  server.removeAllListeners('clientError');
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    // The same test as Node's own handler (lib/_http_server.js, socketOnError).
    const inFlight = (socket as Duplex & { _httpMessage?: ServerResponse })._httpMessage;
    if (error.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
      socket.destroy();
      return;
    }
    endWith(socket, answer({ status: parserErrorStatus(error), code: error.code ?? 'MALFORMED_REQUEST' }));
  });
  server.on('checkExpectation', (_request: IncomingMessage, response: ServerResponse) => {
    if (response.headersSent) return;
    const { status, headers = {}, body } = answer({ status: 417, code: 'EXPECTATION_FAILED' });
    response.writeHead(status, { 'Content-Type': 'application/json', ...headers, 'Content-Length': Buffer.byteLength(body) });
    response.end(body);
  });
  server.on('connect', (_request: IncomingMessage, socket: Duplex) => {
    // Node hands the socket over without its error listener: a client's reset must not be uncaught.
    socket.on('error', () => socket.destroy());
    endWith(socket, answer({ status: 405, code: 'CONNECT' }));
  });
}

const answering = new WeakSet<Server>();

function endWith(socket: Duplex, { status, headers = {}, body }: ClientErrorAnswer): void {
  const head = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}`,
    ...Object.entries({ 'Content-Type': 'application/json', ...headers }).map(([name, value]) => `${name}: ${value}`),
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
  ];
  // A FIN rather than Node's immediate destroy, which can reset the connection before the
  // client has read the answer; the timer frees the socket of a client that never closes.
  socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
  setTimeout(() => socket.destroy(), 2_000).unref();
}
