import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { describe, expect, it, vi } from 'vitest';
import { answerClientErrorsWithJson, type ClientError } from './json-client-errors.ts';

/** The socket Node hands a clientError or CONNECT listener: what was written, whether it was dropped. */
function fakeSocket(inFlight?: { headersSent: boolean }) {
  return {
    writable: true,
    written: '',
    destroyed: false,
    _httpMessage: inFlight,
    end(data?: string) {
      this.written += data ?? '';
      this.writable = false;
    },
    destroy() {
      this.destroyed = true;
    },
    on() {
      return this;
    },
  };
}

const parserError = (code: string) => Object.assign(new Error(`Parse Error: ${code}`), { code });
const seen: ClientError[] = [];
const answer = (error: ClientError) => {
  seen.push(error);
  return { status: error.status, headers: { 'X-Test': 'yes' }, body: JSON.stringify({ message: error.code }) };
};

describe('answerClientErrorsWithJson', () => {
  it("answers a request Node's parser refuses with a JSON body instead of a bare status line", () => {
    const server = http.createServer();
    answerClientErrorsWithJson(server, answer);
    const socket = fakeSocket();
    server.emit('clientError', parserError('HPE_INVALID_METHOD'), socket);
    expect(socket.written).toBe(
      'HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nX-Test: yes\r\nContent-Length: 32\r\nConnection: close\r\n\r\n{"message":"HPE_INVALID_METHOD"}',
    );
  });

  it("keeps Node's statuses: 431 for headers over the limit, 408 for a request too slow", () => {
    const server = http.createServer();
    answerClientErrorsWithJson(server, answer);
    for (const [code, status] of [
      ['HPE_HEADER_OVERFLOW', '431 Request Header Fields Too Large'],
      ['ERR_HTTP_REQUEST_TIMEOUT', '408 Request Timeout'],
    ]) {
      const socket = fakeSocket();
      server.emit('clientError', parserError(code!), socket);
      expect(socket.written.split('\r\n')[0]).toBe(`HTTP/1.1 ${status}`);
    }
  });

  it("replaces a listener that was there before (hapi's bare 400) and installs itself once per server", () => {
    const server = http.createServer();
    const hapis = vi.fn();
    server.on('clientError', hapis);
    answerClientErrorsWithJson(server, answer);
    answerClientErrorsWithJson(server, answer);
    const socket = fakeSocket();
    server.emit('clientError', parserError('HPE_INVALID_METHOD'), socket);
    expect(hapis).not.toHaveBeenCalled();
    expect(server.listenerCount('clientError')).toBe(1);
    expect(server.listenerCount('connect')).toBe(1);
  });

  it('writes nothing on a socket whose response has started, or that is gone, as Node does', () => {
    const server = http.createServer();
    answerClientErrorsWithJson(server, answer);
    const started = fakeSocket({ headersSent: true });
    server.emit('clientError', parserError('HPE_INVALID_CHUNK_SIZE'), started);
    const reset = fakeSocket();
    server.emit('clientError', parserError('ECONNRESET'), reset);
    expect([started.written, started.destroyed, reset.written, reset.destroyed]).toEqual(['', true, '', true]);
  });

  it('answers an Expect other than 100-continue with a JSON 417', () => {
    const server = http.createServer();
    answerClientErrorsWithJson(server, answer);
    const sent: unknown[] = [];
    const response = {
      headersSent: false,
      writeHead: (...args: unknown[]) => sent.push(args),
      end: (body: string) => sent.push(body),
    } as unknown as ServerResponse;
    server.emit('checkExpectation', {} as IncomingMessage, response);
    expect(sent).toEqual([
      [417, { 'Content-Type': 'application/json', 'X-Test': 'yes', 'Content-Length': 32 }],
      '{"message":"EXPECTATION_FAILED"}',
    ]);
  });

  it('answers CONNECT with a JSON 405 instead of dropping the connection', () => {
    const server = http.createServer();
    answerClientErrorsWithJson(server, answer);
    const socket = fakeSocket();
    server.emit('connect', {} as IncomingMessage, socket, Buffer.alloc(0));
    expect(socket.written.split('\r\n')[0]).toBe('HTTP/1.1 405 Method Not Allowed');
    expect(socket.written.endsWith('{"message":"CONNECT"}')).toBe(true);
  });
});
