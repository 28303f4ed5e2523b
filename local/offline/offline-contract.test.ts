// Contracts with serverless-offline's and hapi's internals that auth-provider.ts and
// api-gateway.ts lean on (the slices named in hapi.ts). When an upgrade breaks one of these
// tests, the test's title names the internal and the file of ours that has to follow it.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { emulateApiGateway } from './api-gateway.ts';
import { authorizerContext } from './cognito-authorizer.ts';
import { CorsPreflights } from './cors-preflight.ts';
import type { HapiRequest, HapiResponse, HapiServer, HapiToolkit } from './hapi.ts';

const offlineDir = path.dirname(createRequire(import.meta.url).resolve('serverless-offline'));
/** serverless-offline's own copy of hapi, the one its HttpServer runs on. */
const offlineRequire = createRequire(path.join(offlineDir, 'index.js'));

async function importOffline(file: string): Promise<Record<string, unknown>> {
  return (await import(pathToFileURL(path.join(offlineDir, file)).href)) as Record<string, unknown>;
}

const readOffline = (file: string) => readFile(path.join(offlineDir, file), 'utf8');

// ---------------------------------------------------------------------------------------------
// LambdaProxyIntegrationEvent (events/http/lambda-events/LambdaProxyIntegrationEvent.js)
// ---------------------------------------------------------------------------------------------

interface LambdaProxyEvent {
  requestContext: { authorizer: unknown };
}

type LambdaProxyIntegrationEventClass = new (
  request: unknown,
  stage: string,
  path: string,
  routeKey: string | null,
  additionalRequestContext: object,
) => { create(): LambdaProxyEvent };

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
/** An unsigned JWT: offline decodes whatever Authorization carries, signed or not. */
const forgedToken = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ email: 'mallory@example.com', token_use: 'id' })}.`;

/** The fields of a hapi request that LambdaProxyIntegrationEvent reads, for GET /local/api/x. */
function fakeHapiRequest(credentials: object, rawHeaders: string[]) {
  const headers: Record<string, string> = {};
  for (let i = 0; i < rawHeaders.length; i += 2) headers[rawHeaders[i]!.toLowerCase()] = rawHeaders[i + 1]!;
  return {
    auth: { credentials },
    raw: { req: { rawHeaders, url: '/local/api/x' } },
    headers,
    info: { received: Date.UTC(2024, 5, 18, 15, 0, 4), remoteAddress: '127.0.0.1' },
    method: 'get',
    route: { path: '/local/api/x', method: 'get' },
    params: {},
    payload: null,
    app: {},
  };
}

async function lambdaProxyEvent(request: unknown): Promise<LambdaProxyEvent> {
  const module = await importOffline('events/http/lambda-events/LambdaProxyIntegrationEvent.js');
  const LambdaProxyIntegrationEvent = module.default as LambdaProxyIntegrationEventClass;
  return new LambdaProxyIntegrationEvent(request, 'local', '/api/x', null, {}).create();
}

/** requestContext.authorizer as the Lambda receives it: serialised. */
const authorizerSeenByLambda = (event: LambdaProxyEvent) => JSON.parse(JSON.stringify(event.requestContext.authorizer)) as unknown;

describe('serverless-offline LambdaProxyIntegrationEvent', () => {
  // As in the local stage, whose plugin removes it (local-stack-plugin.ts): offline would take a
  // whole authorizer object from it.
  beforeEach(() => void vi.stubEnv('AUTHORIZER', undefined));
  afterEach(() => void vi.unstubAllEnvs());

  const withForgedToken = ['Host', 'localhost:3000', 'Authorization', `Bearer ${forgedToken}`];

  it('copies credentials.context into requestContext.authorizer (auth-provider.ts relies on it)', async () => {
    const request = fakeHapiRequest({ context: authorizerContext({ email: 'ada@example.com' }) }, withForgedToken);
    expect(authorizerSeenByLambda(await lambdaProxyEvent(request))).toEqual({ claims: { email: 'ada@example.com' } });
  });

  it('copies an empty credentials.context as {} on a public route (auth-provider.ts authorizerContext())', async () => {
    const request = fakeHapiRequest({ context: authorizerContext() }, withForgedToken);
    expect(authorizerSeenByLambda(await lambdaProxyEvent(request))).toEqual({});
  });

  it('assigns the unverified Authorization claims, principalId and scopes onto credentials.context (why auth-provider.ts authorizerContext() ignores them)', async () => {
    const request = fakeHapiRequest({ context: {} }, withForgedToken);
    expect(authorizerSeenByLambda(await lambdaProxyEvent(request))).toEqual({
      claims: { email: 'mallory@example.com', token_use: 'id' },
      principalId: 'offlineContext_authorizer_principalId',
    });
  });

  it('replaces requestContext.authorizer with the sls-offline-authorizer-override header from raw.req.rawHeaders (why api-gateway.ts strips it)', async () => {
    const override = JSON.stringify({ claims: { email: 'mallory@example.com' } });
    const request = fakeHapiRequest({ context: authorizerContext({ email: 'ada@example.com' }) }, [
      ...withForgedToken,
      'sls-offline-authorizer-override',
      override,
    ]);
    expect(authorizerSeenByLambda(await lambdaProxyEvent(request))).toEqual({ claims: { email: 'mallory@example.com' } });
  });

  it("no longer sees sls-offline-authorizer-override once api-gateway.ts's onRequest step has run (request.raw.req.rawHeaders)", async () => {
    const onRequest: ((request: HapiRequest, h: HapiToolkit) => unknown)[] = [];
    const server: HapiServer = { ext: (event, method) => void (event === 'onRequest' && onRequest.push(method)) };
    emulateApiGateway(server, { stage: 'local', gatewayResponses: {}, preflights: new CorsPreflights() });
    const request = fakeHapiRequest({ context: authorizerContext({ email: 'ada@example.com' }) }, [
      ...withForgedToken,
      'Sls-Offline-Authorizer-Override',
      JSON.stringify({ claims: { email: 'mallory@example.com' } }),
    ]);
    expect(onRequest).toHaveLength(1);
    onRequest[0]!(request as unknown as HapiRequest, { continue: Symbol('continue') } as HapiToolkit);
    expect(request.raw.req.rawHeaders).toEqual(withForgedToken);
    expect(authorizerSeenByLambda(await lambdaProxyEvent(request))).toEqual({ claims: { email: 'ada@example.com' } });
  });
});

// ---------------------------------------------------------------------------------------------
// hapi (@hapi/hapi as serverless-offline resolves it)
// ---------------------------------------------------------------------------------------------

type Lifecycle = (request: HapiRequest, h: HapiToolkit) => unknown;

/** The slice of a hapi server these tests drive. */
interface TestServer extends HapiServer {
  auth: {
    scheme(name: string, scheme: () => { authenticate: Lifecycle }): void;
    strategy(name: string, scheme: string): void;
  };
  route(route: { method: string; path: string; options?: object; handler: Lifecycle }): void;
  inject(options: { method: string; url: string; headers?: Record<string, string> }): Promise<{
    statusCode: number;
    payload: string;
    headers: Record<string, string | string[] | undefined>;
  }>;
}

const hapi = offlineRequire('@hapi/hapi') as { server(options?: object): TestServer };

/** A server with GET /refused behind a scheme that refuses every request, as refuse() does. */
function serverThatRefuses(): { server: TestServer; handlerCalls: { count: number } } {
  const server = hapi.server();
  const handlerCalls = { count: 0 };
  server.auth.scheme('refuse-all', () => ({ authenticate: (_request, h) => h.response().code(401).takeover() }));
  server.auth.strategy('refuse-all', 'refuse-all');
  server.route({
    method: 'GET',
    path: '/refused',
    options: { auth: 'refuse-all' },
    handler: () => ((handlerCalls.count += 1), 'handler ran'),
  });
  return { server, handlerCalls };
}

function serverWithCorsRoute(): TestServer {
  const server = hapi.server();
  server.route({
    method: 'GET',
    path: '/cors',
    options: { cors: { origin: ['*'] } },
    handler: (_request, h) => h.response('{"ok":true}').header('Content-Type', 'application/json'),
  });
  return server;
}

describe('hapi as serverless-offline runs it', () => {
  it("sends the response an auth scheme's authenticate returns with takeover(), without running the handler (api-gateway.ts refuse())", async () => {
    const { server, handlerCalls } = serverThatRefuses();
    const response = await server.inject({ method: 'GET', url: '/refused' });
    expect(response.statusCode).toBe(401);
    expect(response.payload).toBe('');
    expect(handlerCalls.count).toBe(0);
  });

  it("lets a server onPreResponse ext replace an auth scheme's takeover response (api-gateway.ts finishResponse())", async () => {
    const { server } = serverThatRefuses();
    server.ext('onPreResponse', (request, h) => {
      const refused = request.response as HapiResponse;
      return h
        .response('{"message":"Unauthorized"}')
        .code(refused.statusCode)
        .header('x-amzn-ErrorType', 'UnauthorizedException')
        .takeover();
    });
    const response = await server.inject({ method: 'GET', url: '/refused' });
    expect(response.statusCode).toBe(401);
    expect(response.payload).toBe('{"message":"Unauthorized"}');
    expect(response.headers['x-amzn-errortype']).toBe('UnauthorizedException');
  });

  it('adds access-control-allow-origin on a cors route when the request has an Origin (the step api-gateway.ts turns off)', async () => {
    const response = await serverWithCorsRoute().inject({ method: 'GET', url: '/cors', headers: { origin: 'http://localhost:5173' } });
    expect(response.headers['access-control-allow-origin']).toBe('http://localhost:5173');
  });

  it('skips its CORS headers when onPreResponse sets request.info.cors = { isOriginMatch: false } (api-gateway.ts finishResponse())', async () => {
    const server = serverWithCorsRoute();
    server.ext('onPreResponse', (request, h) => {
      request.info.cors = { isOriginMatch: false };
      return h.continue;
    });
    const response = await server.inject({ method: 'GET', url: '/cors', headers: { origin: 'http://localhost:5173' } });
    expect(response.statusCode).toBe(200);
    expect(response.payload).toBe('{"ok":true}');
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    expect(response.headers['access-control-allow-credentials']).toBeUndefined();
  });

  it('appends "; charset=utf-8" to Content-Type unless response.settings.charset is null (api-gateway.ts exactly())', async () => {
    const server = serverWithCorsRoute();
    expect((await server.inject({ method: 'GET', url: '/cors' })).headers['content-type']).toBe('application/json; charset=utf-8');
    server.ext('onPreResponse', (request, h) => {
      (request.response as HapiResponse).settings.charset = null;
      return h.continue;
    });
    expect((await server.inject({ method: 'GET', url: '/cors' })).headers['content-type']).toBe('application/json');
  });

  it('reaches onPreResponse for an unknown route with a Boom whose output.statusCode is 404 (api-gateway.ts maps it to 403)', async () => {
    const server = serverWithCorsRoute();
    let seen: unknown;
    server.ext('onPreResponse', (request, h) => {
      const response = request.response;
      seen = response?.isBoom ? { isBoom: true, statusCode: response.output.statusCode } : response;
      return h.continue;
    });
    await server.inject({ method: 'GET', url: '/nowhere' });
    expect(seen).toEqual({ isBoom: true, statusCode: 404 });
  });
});

// ---------------------------------------------------------------------------------------------
// serverless-offline configuration (events/http/HttpServer.js, config/constants.js)
// ---------------------------------------------------------------------------------------------

describe('serverless-offline configuration', () => {
  const fixFiles = 'update serverless.yml (custom.offline), local/offline/auth-provider.cjs and auth-provider.ts';

  it('reads custom.offline.customAuthenticationProvider and calls it with (endpoint, functionKey, method, path) in events/http/HttpServer.js', async () => {
    const source = await readOffline('events/http/HttpServer.js');
    expect(source, `HttpServer.js no longer reads custom.offline.customAuthenticationProvider: ${fixFiles}`).toContain(
      'customizations.offline?.customAuthenticationProvider',
    );
    expect(source, `HttpServer.js calls the provider with other arguments: ${fixFiles} (createAuthStrategy)`).toContain(
      'provider(endpoint, functionKey, method, path)',
    );
    expect(source, `HttpServer.js registers the strategy differently: update AuthStrategy in auth-provider.ts`).toMatch(
      /this\.#server\.auth\.scheme\(\s*strategy\.scheme,\s*strategy\.getAuthenticateFunction,?\s*\)/,
    );
    expect(source, `HttpServer.js registers the strategy differently: update AuthStrategy in auth-provider.ts`).toContain(
      'this.#server.auth.strategy(strategy.name, strategy.scheme)',
    );
  });

  it('keeps requestContext.authorizer on public routes when a customAuthenticationProvider is set (events/http/HttpServer.js)', async () => {
    const source = await readOffline('events/http/HttpServer.js');
    expect(
      source,
      `HttpServer.js changed when it deletes requestContext.authorizer: check authorizerContext() in auth-provider.ts`,
    ).toMatch(
      /hasCustomAuthProvider =\s+customizations\?\.offline\?\.customAuthenticationProvider\s+if \(!endpoint\.authorizer && !hasCustomAuthProvider\) \{/,
    );
  });

  it('reads its other options from custom["serverless-offline"] (config/constants.js CUSTOM_OPTION)', async () => {
    const { CUSTOM_OPTION } = await importOffline('config/constants.js');
    expect(CUSTOM_OPTION, 'serverless-offline reads its options from another custom key: update custom in serverless.yml').toBe(
      'serverless-offline',
    );
    const source = await readOffline('ServerlessOffline.js');
    expect(source, 'ServerlessOffline.js no longer merges custom[CUSTOM_OPTION]: update custom in serverless.yml').toContain(
      'const customOptions = custom[CUSTOM_OPTION]',
    );
  });
});
