import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HapiServerInternals } from './hapi.ts';
import { emulateLambdaInvokeErrors } from './lambda-invoke-port.ts';

/** serverless-offline's own copy of hapi. */
const offlineRequire = createRequire(path.join(path.dirname(createRequire(import.meta.url).resolve('serverless-offline')), 'index.js'));
const hapi = offlineRequire('@hapi/hapi') as { server(options?: object): TestServer };

interface TestServer extends HapiServerInternals {
  route(route: {
    method: string;
    path: string;
    options?: object;
    handler: (request: { params: { functionName: string }; headers: Record<string, string> }) => unknown;
  }): void;
  inject(options: { method: string; url: string; headers?: Record<string, string>; payload?: string | Buffer }): Promise<{
    statusCode: number;
    payload: string;
    headers: Record<string, string | undefined>;
  }>;
}

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
