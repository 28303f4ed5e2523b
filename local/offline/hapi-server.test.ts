import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GatewayResponseSettings } from '../cloudformation/gateway-response-settings.ts';
import { LocalApiGateway } from '../api-gateway/local-api-gateway.ts';
import { ServedApis } from '../api-gateway/served-apis.ts';
import { emulateApiGateway, emulateLambdaInvokeErrors, type HapiServer } from './hapi-server.ts';

/** serverless-offline's own copy of hapi. */
const offlineRequire = createRequire(path.join(path.dirname(createRequire(import.meta.url).resolve('serverless-offline')), 'index.js'));
const hapi = offlineRequire('@hapi/hapi') as { server(options?: object): TestServer };

interface TestServer extends HapiServer {
  route(route: {
    method: string;
    path: string;
    options?: object;
    handler: (request: any, h: { response(body: string): { type(t: string): unknown } }) => unknown;
  }): void;
  initialize(): Promise<void>;
  inject(options: { method: string; url: string; headers?: Record<string, string>; payload?: string | Buffer }): Promise<{
    statusCode: number;
    payload: string;
    headers: Record<string, string | undefined>;
  }>;
}

const settings: GatewayResponseSettings = {
  DEFAULT_4XX: { responseParameters: { 'gatewayresponse.header.Access-Control-Allow-Origin': "'*'" } },
};

const gateway = () =>
  new ServedApis(
    new LocalApiGateway(
      { stage: 'local', routes: {}, gatewayResponses: settings },
      { cognitoUrl: 'http://127.0.0.1:9229', stackFile: 'stack.json' },
    ),
    undefined,
    'local',
  );

/** A server as offline's is when the emulation is installed: before its routes are added, started after. */
async function apiServer(): Promise<TestServer> {
  const server = hapi.server();
  emulateApiGateway(server, gateway());
  server.route({ method: 'GET', path: '/local/api/hello', handler: (_request, h) => h.response('"hello"').type('application/json') });
  server.route({
    method: 'POST',
    path: '/local/api/upload',
    options: { payload: { allow: 'application/json' } },
    handler: () => 'uploaded',
  });
  await server.initialize();
  return server;
}

describe('emulateApiGateway: malformed requests', () => {
  it('lets an invalid Cookie header through to the handler, as API Gateway does (hapi refuses it with a 400)', async () => {
    for (const cookie of ['__proto__=1', 'a=b; ;=; "x', '=;;;a"=%ff']) {
      const response = await (await apiServer()).inject({ method: 'GET', url: '/local/api/hello', headers: { cookie } });
      expect([response.statusCode, response.payload], cookie).toEqual([200, '"hello"']);
    }
  });

  it('sends the whole response to a Range request, without accept-ranges (API Gateway has no ranges)', async () => {
    for (const range of ['bytes=0-1', 'bytes=abc']) {
      const response = await (await apiServer()).inject({ method: 'GET', url: '/local/api/hello', headers: { range } });
      expect([response.statusCode, response.payload, response.headers['accept-ranges']], range).toEqual([200, '"hello"', undefined]);
    }
  });

  it("answers a request Node's parser refuses with the gateway's JSON 4XX and the DEFAULT_4XX headers", async () => {
    const server = await apiServer();
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
  it('adds its request steps once, when the server starts: after what offline added when it made the server', async () => {
    const server = hapi.server();
    const extensions: string[] = [];
    const ext = server.ext.bind(server) as (event: string, method: unknown) => void;
    (server as { ext: unknown }).ext = (event: string, method: unknown) => (extensions.push(event), ext(event, method));
    emulateApiGateway(server, gateway());
    expect(extensions).toEqual(['onPreStart']);
    await server.initialize();
    expect(extensions).toEqual(['onPreStart', 'onRequest', 'onPreHandler', 'onPostHandler', 'onPreResponse']);
  });

  it("answers a request hapi refuses itself (here a payload type the route does not take) with the gateway's 4XX, not a 5XX", async () => {
    const response = await (await apiServer()).inject({
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

  it("sends a handler's response with exactly its headers, without a charset", async () => {
    const response = await (await apiServer()).inject({ method: 'GET', url: '/local/api/hello' });
    expect([response.statusCode, response.headers['content-type']]).toEqual([200, 'application/json']);
  });
});

const payloadOptions = { payload: { parse: false, maxBytes: 6 * 1024 * 1024, defaultContentType: 'binary/octet-stream' } };

/** A server with offline's two invoke routes (lambda/routes), whose handlers only record the calls. */
function invokeServer(): { server: TestServer; invoked: string[] } {
  const server = hapi.server();
  const invoked: string[] = [];
  server.route({
    method: 'POST',
    path: '/2015-03-31/functions/{functionName}/invocations',
    options: payloadOptions,
    handler: ({ params, headers }) => (
      invoked.push(`${params.functionName} ${headers['x-amz-invocation-type'] ?? 'RequestResponse'}`), { ok: true }
    ),
  });
  server.route({
    method: 'POST',
    path: '/2014-11-13/functions/{functionName}/invoke-async/',
    options: payloadOptions,
    handler: () => {
      throw new Error('offline would run the handler without awaiting it');
    },
  });
  emulateLambdaInvokeErrors(server, () => ['hello']);
  return { server, invoked };
}

const invoke = (server: TestServer, name: string, payload: string | Buffer, headers: Record<string, string> = {}) =>
  server.inject({ method: 'POST', url: `/2015-03-31/functions/${name}/invocations`, payload, headers });

describe('emulateLambdaInvokeErrors', () => {
  it('lets a well-formed invocation through', async () => {
    const { server, invoked } = invokeServer();
    expect((await invoke(server, 'hello', '{"a":1}')).statusCode).toBe(200);
    expect((await invoke(server, 'hello', '')).statusCode).toBe(200);
    expect(invoked).toEqual(['hello RequestResponse', 'hello RequestResponse']);
  });

  it('answers a payload that is not JSON with InvalidRequestContentException (offline: a 500)', async () => {
    const response = await invoke(invokeServer().server, 'hello', '{bad');
    expect([response.statusCode, response.headers['x-amzn-errortype']]).toEqual([400, 'InvalidRequestContentException']);
    expect(JSON.parse(response.payload)).toMatchObject({ Type: 'User' });
  });

  it('answers an X-Amz-Client-Context that is not base64 JSON with InvalidRequestContentException', async () => {
    const response = await invoke(invokeServer().server, 'hello', '{}', {
      'x-amz-client-context': Buffer.from('not json').toString('base64'),
    });
    expect([response.statusCode, response.headers['x-amzn-errortype']]).toEqual([400, 'InvalidRequestContentException']);
  });

  it('answers an unknown function with ResourceNotFoundException, on InvokeAsync too', async () => {
    const { server } = invokeServer();
    const async = await server.inject({ method: 'POST', url: '/2014-11-13/functions/nope/invoke-async/', payload: '{}' });
    expect([async.statusCode, async.headers['x-amzn-errortype'], JSON.parse(async.payload)]).toEqual([
      404,
      'ResourceNotFoundException',
      { Type: 'User', Message: 'Function not found: nope' },
    ]);
  });

  it('answers a payload over 6 MB with RequestTooLargeException', async () => {
    const response = await invoke(invokeServer().server, 'hello', Buffer.alloc(6 * 1024 * 1024 + 1, 'a'));
    expect([response.statusCode, response.headers['x-amzn-errortype']]).toEqual([413, 'RequestTooLargeException']);
  });

  it('runs an Event invocation or InvokeAsync as a synchronous Invoke in the background, answering at once', async () => {
    const { server, invoked } = invokeServer();
    expect((await invoke(server, 'hello', '{}', { 'x-amz-invocation-type': 'Event' })).statusCode).toBe(202);
    const async = await server.inject({ method: 'POST', url: '/2014-11-13/functions/hello/invoke-async/', payload: '{}' });
    expect([async.statusCode, JSON.parse(async.payload)]).toEqual([200, { StatusCode: 202 }]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(invoked).toEqual(['hello RequestResponse', 'hello RequestResponse']);
  });
});
