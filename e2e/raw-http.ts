import net from 'node:net';

/** A request written byte for byte: what fetch refuses to send (lowercase methods, NUL, 20 KB headers…). */
export interface RawRequest {
  readonly method: string;
  /** The request target as sent: not encoded, not checked. */
  readonly target: string;
  readonly headers?: readonly (readonly [string, string])[];
  readonly body?: Buffer | string;
  /** Adds `Content-Length` for the body (default true); false leaves framing to `headers`. */
  readonly contentLength?: boolean;
  /** Replaces the whole request line, e.g. `GET / HTTP/9.9`. */
  readonly requestLine?: string;
}

export interface RawResponse {
  readonly status: number;
  /** Lower-cased names; repeated headers joined with ", ". */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export class NoAnswerError extends Error {
  override name = 'NoAnswerError';
}

/** The bytes of `request`, with `Host` and `Connection: close` so that the server hangs up after answering. */
export function encodeRequest(request: RawRequest): Buffer {
  const body = typeof request.body === 'string' ? Buffer.from(request.body) : (request.body ?? Buffer.alloc(0));
  const lines = [request.requestLine ?? `${request.method} ${request.target} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close'];
  for (const [name, value] of request.headers ?? []) lines.push(`${name}: ${value}`);
  if (request.contentLength !== false && body.length > 0) lines.push(`Content-Length: ${body.length}`);
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`), body]);
}

/**
 * Sends `request` on a connection of its own and reads the first final answer (a `100 Continue`
 * is skipped). Resolves once the answer is complete, even if the server then resets the
 * connection (it may, on a body it stopped reading); rejects if no whole answer came.
 */
export function sendRaw(port: number, request: RawRequest, timeoutMs = 5_000): Promise<RawResponse> {
  const bytes = encodeRequest(request);
  const isHead = request.method === 'HEAD';
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let received = Buffer.alloc(0);
    let settled = false;
    const finish = (ended: boolean) => {
      if (settled) return;
      const response = parseResponse(received, ended, isHead);
      if (response) {
        settled = true;
        socket.destroy();
        resolve(response);
      } else if (ended) {
        settled = true;
        socket.destroy();
        reject(new NoAnswerError(`No whole answer from port ${port} (got ${JSON.stringify(received.toString('latin1').slice(0, 200))})`));
      }
    };
    socket.setTimeout(timeoutMs, () => finish(true));
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      finish(false);
    });
    socket.on('end', () => finish(true));
    socket.on('close', () => finish(true));
    // EPIPE or a reset while the request is still being written: the answer may be complete already.
    socket.on('error', () => finish(true));
    socket.write(bytes);
  });
}

/** The first final response in `data`, or undefined while it is incomplete. */
export function parseResponse(data: Buffer, ended: boolean, isHead = false): RawResponse | undefined {
  let rest = data;
  for (;;) {
    const headEnd = rest.indexOf('\r\n\r\n');
    if (headEnd < 0) return undefined;
    const [statusLine = '', ...headerLines] = rest.subarray(0, headEnd).toString('latin1').split('\r\n');
    const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1]);
    if (!Number.isInteger(status)) return undefined;
    const headers: Record<string, string> = {};
    for (const line of headerLines) {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
    }
    const body = rest.subarray(headEnd + 4);
    if (status === 100) {
      rest = body;
      continue;
    }
    if (isHead || status === 204 || status === 304) return { status, headers, body: '' };
    if (headers['transfer-encoding']?.toLowerCase().includes('chunked')) {
      const decoded = dechunk(body);
      return decoded === undefined ? undefined : { status, headers, body: decoded.toString('utf8') };
    }
    if (headers['content-length'] !== undefined) {
      const length = Number(headers['content-length']);
      return body.length >= length ? { status, headers, body: body.subarray(0, length).toString('utf8') } : undefined;
    }
    return ended ? { status, headers, body: body.toString('utf8') } : undefined;
  }
}

function dechunk(data: Buffer): Buffer | undefined {
  const parts: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const lineEnd = data.indexOf('\r\n', offset);
    if (lineEnd < 0) return undefined;
    const size = Number.parseInt(data.subarray(offset, lineEnd).toString('latin1'), 16);
    if (Number.isNaN(size)) return undefined;
    if (size === 0) return Buffer.concat(parts);
    if (data.length < lineEnd + 2 + size + 2) return undefined;
    parts.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
    offset = lineEnd + 2 + size + 2;
  }
}
