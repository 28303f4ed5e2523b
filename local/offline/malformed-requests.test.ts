import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { emulateApiGateway } from './api-gateway.ts';
import { CorsPreflights } from './cors-preflight.ts';
import type { GatewayResponseSettings } from './gateway-responses.ts';
import type { HapiServerInternals } from './hapi.ts';
import { answerMalformedRequestsLikeApiGateway } from './malformed-requests.ts';

/** serverless-offline's own copy of hapi. */
const offlineRequire = createRequire(path.join(path.dirname(createRequire(import.meta.url).resolve('serverless-offline')), 'index.js'));
const hapi = offlineRequire('@hapi/hapi') as { server(options?: object): TestServer };

interface TestServer extends HapiServerInternals {
  route(route: {
    method: string;
    path: string;
    options?: object;
    handler: (request: unknown, h: { response(body: string): { type(t: string): unknown } }) => unknown;
  }): void;
  inject(options: { method: string; url: string; headers?: Record<string, string>; payload?: string }): Promise<{
    statusCode: number;
    payload: string;
    headers: Record<string, string | undefined>;
  }>;
}

const settings: GatewayResponseSettings = {
  DEFAULT_4XX: { responseParameters: { 'gatewayresponse.header.Access-Control-Allow-Origin': "'*'" } },
};

/** A server as offline's is when the emulation is installed: before its routes are added. */
function apiServer(): TestServer {
  const server = hapi.server();
  answerMalformedRequestsLikeApiGateway(server, settings);
  emulateApiGateway(server, { stage: 'local', gatewayResponses: settings, preflights: new CorsPreflights() });
  server.route({ method: 'GET', path: '/local/api/hello', handler: (_request, h) => h.response('"hello"').type('application/json') });
  server.route({
    method: 'POST',
    path: '/local/api/upload',
    options: { payload: { allow: 'application/json' } },
    handler: () => 'uploaded',
  });
  return server;
}

describe('answerMalformedRequestsLikeApiGateway', () => {
  it('lets an invalid Cookie header through to the handler, as API Gateway does (hapi refuses it with a 400)', async () => {
    for (const cookie of ['__proto__=1', 'a=b; ;=; "x', '=;;;a"=%ff']) {
      const response = await apiServer().inject({ method: 'GET', url: '/local/api/hello', headers: { cookie } });
      expect([response.statusCode, response.payload], cookie).toEqual([200, '"hello"']);
    }
  });

  it('sends the whole response to a Range request, without accept-ranges (API Gateway has no ranges)', async () => {
    for (const range of ['bytes=0-1', 'bytes=abc']) {
      const response = await apiServer().inject({ method: 'GET', url: '/local/api/hello', headers: { range } });
      expect([response.statusCode, response.payload, response.headers['accept-ranges']], range).toEqual([200, '"hello"', undefined]);
    }
  });

  it("answers a request Node's parser refuses with the gateway's JSON 4XX and the DEFAULT_4XX headers", () => {
    const server = apiServer();
    let written = '';
    const socket = { writable: true, end: (data: string) => void (written += data), destroy() {}, on() {} };
    server.listener.emit('clientError', Object.assign(new Error('Parse Error'), { code: 'HPE_INVALID_METHOD' }), socket);
    expect(written).toContain('HTTP/1.1 400 Bad Request\r\n');
    expect(written).toContain('x-amzn-ErrorType: BadRequestException\r\n');
    expect(written).toContain('Access-Control-Allow-Origin: *\r\n');
    expect(written.endsWith('\r\n\r\n{"message":"Bad Request"}')).toBe(true);
  });
});

describe('emulateApiGateway', () => {
  it('installs once per server, though hapi hands each auth strategy a clone of it', () => {
    const server = hapi.server() as TestServer & {
      auth: { scheme(name: string, scheme: (clone: TestServer) => object): void; strategy(name: string, scheme: string): void };
    };
    const extensions: string[] = [];
    server.auth.scheme('local', (clone) => {
      const ext = clone.ext.bind(clone);
      clone.ext = (event, method) => (extensions.push(event), ext(event, method));
      emulateApiGateway(clone, { stage: 'local', gatewayResponses: settings, preflights: new CorsPreflights() });
      return { authenticate: () => undefined };
    });
    server.auth.strategy('first', 'local');
    server.auth.strategy('second', 'local');
    expect(extensions).toEqual(['onRequest', 'onPostHandler', 'onPreResponse']);
  });

  it("answers a request hapi refuses itself (here a payload type the route does not take) with the gateway's 4XX, not a 5XX", async () => {
    const response = await apiServer().inject({
      method: 'POST',
      url: '/local/api/upload',
      headers: { 'content-type': 'text/plain' },
      payload: 'x',
    });
    expect(response.statusCode).toBe(415);
    expect(response.payload).toBe('{"message":"Unsupported Media Type"}');
    expect(response.headers['x-amzn-errortype']).toBe('BadRequestException');
    expect(response.headers['access-control-allow-origin']).toBe('*');
  });
});
