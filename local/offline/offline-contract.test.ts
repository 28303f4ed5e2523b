// Contracts with serverless-offline's and hapi's internals that the adapter (offline-adapter.ts,
// hapi-server.ts) leans on, each exercised through offline's or hapi's own code. When an upgrade
// breaks one of these tests, the test's title names the internal and the file of ours that has to
// follow it.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { LocalApiGateway } from '../api-gateway/local-api-gateway.ts';
import { LocalHttpApi } from '../api-gateway/local-http-api.ts';
import { ServedApis } from '../api-gateway/served-apis.ts';
import { emulateApiGateway, type HapiRequest, type HapiResponse, type HapiToolkit, type Lifecycle } from './hapi-server.ts';
import { authorizerContext, httpApiAuthorizerContext, withVerifiedAuthorizer } from './authorizer-context.ts';
import type { OfflineAdapter } from './offline-adapter.ts';
import { eventInvocation, type RouteInvocation, withInvocation } from './route-invocation.ts';

const offlineDir = path.dirname(createRequire(import.meta.url).resolve('serverless-offline'));
/** serverless-offline's own copy of hapi, the one its HttpServer runs on. */
const offlineRequire = createRequire(path.join(offlineDir, 'index.js'));

async function importOffline(file: string): Promise<Record<string, unknown>> {
  return (await import(pathToFileURL(path.join(offlineDir, file)).href)) as Record<string, unknown>;
}

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

const emptyStack = { stage: 'local', cognitoEndpoint: 'http://127.0.0.1:9229', routes: {}, gatewayResponses: {} };
const gatewayOptions = { cognitoUrl: 'http://127.0.0.1:9229', stackFile: 'stack.json' };

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

  it('copies credentials.context into requestContext.authorizer (offline-adapter.ts relies on it)', async () => {
    const request = fakeHapiRequest({ context: authorizerContext({ email: 'ada@example.com' }) }, withForgedToken);
    expect(authorizerSeenByLambda(await lambdaProxyEvent(request))).toEqual({ claims: { email: 'ada@example.com' } });
  });

  it('puts the credentials.context object itself at requestContext.authorizer, with the fields proxy-event-v1.ts keeps (route-invocation.ts finds the route there)', async () => {
    const invocation = { api: 'rest', payloadFormatVersion: '1.0' } as RouteInvocation;
    const context = withInvocation(authorizerContext(), invocation);
    const event = await lambdaProxyEvent(fakeHapiRequest({ context }, withForgedToken));
    expect(event.requestContext.authorizer, 'update local/offline/route-invocation.ts').toBe(context);
    expect(eventInvocation(event)).toBe(invocation);
    expect(event, 'update local/api-gateway/proxy-event-v1.ts (OfflineEventV1)').toMatchObject({
      resource: '/api/x',
      path: '/api/x',
      httpMethod: 'GET',
      body: null,
      isBase64Encoded: false,
      pathParameters: null,
      queryStringParameters: null,
      multiValueQueryStringParameters: null,
      requestContext: {
        extendedRequestId: expect.any(String),
        identity: { sourceIp: '127.0.0.1' },
        protocol: 'HTTP/1.1',
        requestId: expect.any(String),
        requestTimeEpoch: Date.UTC(2024, 5, 18, 15, 0, 4),
        stage: 'local',
      },
    });
  });

  it('copies an empty credentials.context as {} on a public route (authorizer-context.ts authorizerContext())', async () => {
    const request = fakeHapiRequest({ context: authorizerContext() }, withForgedToken);
    expect(authorizerSeenByLambda(await lambdaProxyEvent(request))).toEqual({});
  });

  it('assigns the unverified Authorization claims, principalId and scopes onto credentials.context (why authorizer-context.ts authorizerContext() ignores them)', async () => {
    const request = fakeHapiRequest({ context: {} }, withForgedToken);
    expect(authorizerSeenByLambda(await lambdaProxyEvent(request))).toEqual({
      claims: { email: 'mallory@example.com', token_use: 'id' },
      principalId: 'offlineContext_authorizer_principalId',
    });
  });

  it('replaces requestContext.authorizer with the sls-offline-authorizer-override header from raw.req.rawHeaders (why hapi-server.ts strips it)', async () => {
    const override = JSON.stringify({ claims: { email: 'mallory@example.com' } });
    const request = fakeHapiRequest({ context: authorizerContext({ email: 'ada@example.com' }) }, [
      ...withForgedToken,
      'sls-offline-authorizer-override',
      override,
    ]);
    expect(authorizerSeenByLambda(await lambdaProxyEvent(request))).toEqual({ claims: { email: 'mallory@example.com' } });
  });

  it("no longer sees sls-offline-authorizer-override once hapi-server.ts's onRequest step has run (request.raw.req.rawHeaders)", async () => {
    const onRequest: Lifecycle[] = [];
    const server = {
      ext: (event: string, method: Lifecycle) =>
        void (event === 'onPreStart' ? method(undefined as never, undefined as never) : event === 'onRequest' && onRequest.push(method)),
      events: { on() {} },
      listener: createServer(),
      settings: {},
    };
    emulateApiGateway(server as never, new ServedApis(new LocalApiGateway(emptyStack, gatewayOptions), undefined, 'local'));
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
// LambdaProxyIntegrationEventV2 (events/http/lambda-events/LambdaProxyIntegrationEventV2.js), for
// HTTP API routes
// ---------------------------------------------------------------------------------------------

type LambdaProxyIntegrationEventV2Class = new (
  request: unknown,
  stage: string,
  routeKey: string,
  additionalRequestContext: object,
) => { create(): LambdaProxyEvent };

async function httpApiEvent(credentials: object, rawHeaders: string[]): Promise<LambdaProxyEvent> {
  const module = await importOffline('events/http/lambda-events/LambdaProxyIntegrationEventV2.js');
  const LambdaProxyIntegrationEventV2 = module.default as LambdaProxyIntegrationEventV2Class;
  const request = { ...fakeHapiRequest(credentials, rawHeaders), url: new URL('http://localhost:3000/http/x') };
  return new LambdaProxyIntegrationEventV2(request, '$default', 'GET /http/x', {}).create();
}

describe('serverless-offline LambdaProxyIntegrationEventV2 (payload 2.0)', () => {
  beforeEach(() => void vi.stubEnv('AUTHORIZER', undefined));
  afterEach(() => void vi.unstubAllEnvs());
  const withForgedToken = ['Host', 'localhost:3000', 'Authorization', `Bearer ${forgedToken}`];
  const verified = { claims: { email: 'ada@example.com' }, scopes: null };

  it('puts credentials.context under authorizer.lambda, beside an unverified decode of Authorization (why authorizer-context.ts withVerifiedAuthorizer replaces it)', async () => {
    const context = httpApiAuthorizerContext(undefined, '2.0');
    const event = await httpApiEvent({ context }, withForgedToken);
    const authorizer = event.requestContext.authorizer as { lambda: unknown; jwt: { claims: unknown } };
    expect(authorizer.lambda).toBe(context);
    expect(authorizer.jwt.claims).toEqual({ email: 'mallory@example.com', token_use: 'id' });
  });

  it('carries the route invocation on authorizer.lambda, with the fields proxy-event-v2.ts keeps', async () => {
    const invocation = { api: 'http', payloadFormatVersion: '2.0' } as RouteInvocation;
    const event = await httpApiEvent({ context: withInvocation(httpApiAuthorizerContext(undefined, '2.0'), invocation) }, withForgedToken);
    expect(eventInvocation(event), 'update local/offline/route-invocation.ts').toBe(invocation);
    expect(event, 'update local/api-gateway/proxy-event-v2.ts (OfflineEventV2)').toMatchObject({
      routeKey: 'GET /http/x',
      rawPath: '/http/x',
      body: null,
      isBase64Encoded: false,
      pathParameters: null,
      requestContext: {
        http: { method: 'GET', path: '/http/x', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1' },
        routeKey: 'GET /http/x',
        stage: '$default',
        timeEpoch: Date.UTC(2024, 5, 18, 15, 0, 4),
      },
    });
  });

  it('becomes, through withVerifiedAuthorizer, the verified { jwt } on a JWT route and no authorizer on a public one', async () => {
    const secured = withVerifiedAuthorizer(await httpApiEvent({ context: httpApiAuthorizerContext(verified, '2.0') }, withForgedToken));
    expect(authorizerSeenByLambda(secured)).toEqual({ jwt: verified });
    const open = withVerifiedAuthorizer(await httpApiEvent({ context: httpApiAuthorizerContext(undefined, '2.0') }, withForgedToken));
    expect('authorizer' in open.requestContext).toBe(false);
  });

  it('leaves events that did not come through an HTTP API route alone (an Invoke payload)', () => {
    const payload = { requestContext: { authorizer: { lambda: { who: 'caller' } } } };
    expect(withVerifiedAuthorizer(structuredClone(payload))).toEqual(payload);
  });

  it('builds payload 1.0 onto credentials.context as on a REST route: verified claims and scopes, null when public', async () => {
    const secured = await lambdaProxyEvent(fakeHapiRequest({ context: httpApiAuthorizerContext(verified, '1.0') }, withForgedToken));
    expect(authorizerSeenByLambda(secured)).toEqual(verified);
    const open = await lambdaProxyEvent(fakeHapiRequest({ context: httpApiAuthorizerContext(undefined, '1.0') }, withForgedToken));
    expect(authorizerSeenByLambda(open)).toEqual({ claims: null, scopes: null });
  });
});

// ---------------------------------------------------------------------------------------------
// hapi (@hapi/hapi as serverless-offline resolves it)
// ---------------------------------------------------------------------------------------------

/** The slice of a hapi server these tests drive. */
interface TestServer {
  ext(event: string, method: Lifecycle): void;
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
  it("sends the response an auth scheme's authenticate returns with takeover(), without running the handler (hapi-server.ts refuse())", async () => {
    const { server, handlerCalls } = serverThatRefuses();
    const response = await server.inject({ method: 'GET', url: '/refused' });
    expect(response.statusCode).toBe(401);
    expect(response.payload).toBe('');
    expect(handlerCalls.count).toBe(0);
  });

  it("lets a server onPreResponse ext replace an auth scheme's takeover response (hapi-server.ts finishResponse())", async () => {
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

  it('adds access-control-allow-origin on a cors route when the request has an Origin (the step hapi-server.ts turns off)', async () => {
    const response = await serverWithCorsRoute().inject({ method: 'GET', url: '/cors', headers: { origin: 'http://localhost:5173' } });
    expect(response.headers['access-control-allow-origin']).toBe('http://localhost:5173');
  });

  it('skips its CORS headers when onPreResponse sets request.info.cors = { isOriginMatch: false } (hapi-server.ts finishResponse())', async () => {
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

  it('adds cache-control: no-cache and vary: origin unless the route has no cache policy and cors._origin is false (hapi-server.ts finishResponse())', async () => {
    const server = serverWithCorsRoute();
    const plain = await server.inject({ method: 'GET', url: '/cors', headers: { origin: 'http://localhost:5173' } });
    expect([plain.headers['cache-control'], plain.headers.vary]).toEqual(['no-cache', 'origin']);
    server.ext('onPreResponse', (request, h) => {
      const settings = (request as unknown as HapiRequest).route.settings;
      settings.cache = null;
      if (settings.cors) settings.cors._origin = false;
      request.info.cors = { isOriginMatch: false };
      return h.continue;
    });
    const bare = await server.inject({ method: 'GET', url: '/cors', headers: { origin: 'http://localhost:5173' } });
    expect([bare.statusCode, bare.headers['cache-control'], bare.headers.vary]).toEqual([200, undefined, undefined]);
  });

  it('compresses a large body for a gzip-accepting client unless the server settings say compression: false (hapi-server.ts emulateApiGateway())', async () => {
    const server = hapi.server();
    server.route({ method: 'GET', path: '/big', handler: (_request, h) => h.response('x'.repeat(4096)).type('text/plain') });
    const gzip = { 'accept-encoding': 'gzip' };
    const compressed = await server.inject({ method: 'GET', url: '/big', headers: gzip });
    expect([compressed.headers['content-encoding'], compressed.headers.vary]).toEqual(['gzip', 'accept-encoding']);
    (server as unknown as { settings: { compression?: unknown } }).settings.compression = false;
    const plain = await server.inject({ method: 'GET', url: '/big', headers: gzip });
    expect([plain.headers['content-encoding'], plain.headers.vary, plain.payload.length]).toEqual([undefined, undefined, 4096]);
  });

  it('appends "; charset=utf-8" to Content-Type unless response.settings.charset is null (hapi-server.ts exactly())', async () => {
    const server = serverWithCorsRoute();
    expect((await server.inject({ method: 'GET', url: '/cors' })).headers['content-type']).toBe('application/json; charset=utf-8');
    server.ext('onPreResponse', (request, h) => {
      (request.response as HapiResponse).settings.charset = null;
      return h.continue;
    });
    expect((await server.inject({ method: 'GET', url: '/cors' })).headers['content-type']).toBe('application/json');
  });

  it('reaches onPreResponse for an unknown route with a Boom whose output.statusCode is 404 (hapi-server.ts maps it to 403)', async () => {
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
// serverless-offline started in process by serverless v3, with the local stage's plugin: its
// plugin class and lifecycle, its API and Lambda invoke servers, its options
// ---------------------------------------------------------------------------------------------

const serviceDir = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const Serverless = createRequire(import.meta.url)('serverless/lib/serverless.js') as new (options: object) => RunningServerless;

interface PluginHook {
  pluginName: string;
  hook: () => Promise<void>;
}

interface RunningServerless {
  init(): Promise<void>;
  service: { setFunctionNames(options: object): void };
  pluginManager: {
    plugins: { constructor: { name: string } }[];
    hooks: Record<string, PluginHook[]>;
    commands: Record<string, { lifecycleEvents?: string[]; commands?: Record<string, { lifecycleEvents?: string[] }> }>;
  };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Runs serverless's hooks for `event` in the order serverless runs them. */
async function runHooks(serverless: RunningServerless, event: string): Promise<void> {
  for (const { hook } of serverless.pluginManager.hooks[event] ?? []) await hook();
}

const httpApiJwt = {
  type: 'JWT',
  authorizer: 'HttpApiAuthorizerCognito',
  identitySource: '$request.header.Authorization',
  issuer: 'http://127.0.0.1:9229/local_contract',
  userPoolId: 'local_contract',
  audiences: ['client'],
  scopes: [],
} as const;

const secured = {
  type: 'COGNITO_USER_POOLS',
  authorizer: 'UsersAuthorizer',
  identitySource: 'method.request.header.Authorization',
  resultTtlSeconds: 0,
  userPoolIds: ['local_contract'],
  scopes: [],
} as const;

describe('serverless-offline in process, with the local stage plugin before it', () => {
  const fixFiles = 'update local/offline/offline-adapter.ts (and serverless.yml)';
  let serverless: RunningServerless;
  let adapter: OfflineAdapter;
  let authStrategy: ReturnType<typeof vi.fn>;
  let api: string;
  let lambda: string;

  beforeAll(async () => {
    const [httpPort, lambdaPort] = [await freePort(), await freePort()];
    api = `http://127.0.0.1:${httpPort}`;
    lambda = `http://127.0.0.1:${lambdaPort}`;
    // serverless-offline would take a whole authorizer object from it; the adapter removes it.
    vi.stubEnv('AUTHORIZER', JSON.stringify({ principalId: 'forged', claims: { email: 'mallory@example.com' } }));
    const authorizer = {
      name: 'users',
      type: 'COGNITO_USER_POOLS',
      arn: 'arn:aws:cognito-idp:eu-west-1:000000000000:userpool/local_contract',
    };
    serverless = new Serverless({
      commands: ['offline', 'start'],
      options: { stage: 'local', region: 'eu-west-1' },
      serviceDir,
      configuration: {
        service: 'contract',
        frameworkVersion: '3',
        provider: {
          name: 'aws',
          runtime: 'nodejs20.x',
          stage: 'local',
          region: 'eu-west-1',
          httpApi: {
            authorizers: {
              cognito: { type: 'jwt', identitySource: '$request.header.Authorization', issuerUrl: httpApiJwt.issuer, audience: ['client'] },
            },
          },
        },
        plugins: ['./local/offline/local-stack-plugin.cjs', 'serverless-offline'],
        functions: {
          echo: {
            handler: 'local/offline/fixtures/echo.handler',
            events: [
              { http: { path: 'api/public', method: 'get', cors: true } },
              { http: { path: 'api/secured', method: 'get', authorizer } },
              { httpApi: { path: '/http/public', method: 'get' } },
              { httpApi: { path: '/http/secured', method: 'get', authorizer: { name: 'cognito' } } },
            ],
          },
          failing: {
            handler: 'local/offline/fixtures/failing.handler',
            events: [{ http: { path: 'api/failing', method: 'get' } }, { httpApi: { path: '/http/failing', method: 'get' } }],
          },
        },
        custom: {
          esbuild: { outputWorkFolder: 'local/offline/fixtures' },
          'serverless-offline': { host: '127.0.0.1', httpPort, lambdaPort, useInProcess: true, noTimeout: true },
          offline: { customAuthenticationProvider: './local/offline/auth-provider.cjs' },
        },
      },
      configurationFilename: 'serverless.yml',
      isConfigurationResolved: true,
      hasResolvedCommandsExternally: true,
    });
    await serverless.init();
    serverless.service.setFunctionNames({ stage: 'local' });
    const plugin = serverless.pluginManager.plugins.find((p) => p.constructor.name === 'LocalStackPlugin') as unknown as {
      offline: OfflineAdapter;
    };
    adapter = plugin.offline;
    // What the plugin's deploy does once the stack exists on this machine.
    adapter.serve(
      new ServedApis(
        new LocalApiGateway(
          {
            ...emptyStack,
            routes: { 'GET /api/public': { type: 'NONE' }, 'GET /api/secured': secured, 'GET /api/failing': { type: 'NONE' } },
          },
          gatewayOptions,
        ),
        new LocalHttpApi(
          {
            routes: {
              'GET /http/public': { authorization: { type: 'NONE' }, payloadFormatVersion: '2.0' },
              'GET /http/secured': { authorization: httpApiJwt, payloadFormatVersion: '2.0' },
              'GET /http/failing': { authorization: { type: 'NONE' }, payloadFormatVersion: '2.0' },
            },
          },
          gatewayOptions,
        ),
        'local',
      ),
    );
    // What the adapter's hook before offline:start:init does (the plugin's own step there needs the emulator).
    await adapter.checkLambdaEvents();
    authStrategy = vi.spyOn(adapter, 'authStrategy') as unknown as ReturnType<typeof vi.fn>;
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    // The plugin's `ready` (the stack is deployed), then offline's start: what `serverless offline start` runs.
    await runHooks(serverless, 'offline:start:init');
  }, 30_000);

  afterAll(async () => {
    // offline's own `offline:start:end` hook would exit the process.
    const offline = serverless.pluginManager.plugins.find((p) => p.constructor.name === 'ServerlessOffline') as unknown as {
      end(skipExit: boolean): Promise<void>;
    };
    await offline.end(true);
    adapter.uninstall();
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  });

  it("loads the local stage plugin before serverless-offline (serverless.yml's order), so its hooks on offline's events run first", () => {
    const { plugins } = parse(readFileSync(path.join(serviceDir, 'serverless.yml'), 'utf8')) as { plugins: string[] };
    expect(plugins.indexOf('./local/offline/local-stack-plugin.cjs'), 'serverless.yml: the local stage plugin comes first').toBeLessThan(
      plugins.indexOf('serverless-offline'),
    );
    for (const event of ['offline:start:init', 'offline:start', 'offline:functionsUpdated:cleanup']) {
      expect(
        serverless.pluginManager.hooks[event]!.map(({ pluginName }) => pluginName),
        `${event}: ${fixFiles} (hooks)`,
      ).toEqual(['LocalStackPlugin', 'ServerlessOffline']);
    }
  });

  it('has a lifecycle event for each hook the adapter names (offline:start, its init, functionsUpdated:cleanup)', () => {
    const { offline } = serverless.pluginManager.commands;
    const events = [
      ...offline!.lifecycleEvents!.map((event) => `offline:${event}`),
      ...Object.entries(offline!.commands!).flatMap(([command, { lifecycleEvents = [] }]) =>
        lifecycleEvents.map((event) => `offline:${command}:${event}`),
      ),
    ];
    const hooks = adapter.hooks({
      prepare: async () => {},
      ready: async () => {},
      listening: async () => {},
      handlersRebuilt: async () => {},
    });
    for (const hook of Object.keys(hooks)) expect(events, `${fixFiles} (hooks)`).toContain(hook.replace(/^(before|after):/, ''));
  });

  it('calls customAuthenticationProvider once per endpoint with (endpoint with its cors, functionKey, method, path)', () => {
    expect(
      authStrategy.mock.calls.map(([endpoint, functionKey, method, eventPath]) => [
        Boolean((endpoint as { cors?: unknown }).cors),
        functionKey,
        method,
        eventPath,
      ]),
      `${fixFiles} (createAuthStrategy, authStrategy)`,
    ).toEqual([
      [false, 'echo', 'GET', '/http/public'],
      [false, 'echo', 'GET', '/http/secured'],
      [false, 'failing', 'GET', '/http/failing'],
      [true, 'echo', 'GET', 'api/public'],
      [false, 'echo', 'GET', 'api/secured'],
      [false, 'failing', 'GET', 'api/failing'],
    ]);
    expect(authStrategy.mock.calls.map(([endpoint]) => Boolean((endpoint as { isHttpApi?: boolean }).isHttpApi))).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
  });

  it('keeps requestContext.authorizer, as the strategy made it, on a public route, and ignores the AUTHORIZER variable', async () => {
    expect(process.env.AUTHORIZER).toBeUndefined();
    const response = await fetch(`${api}/local/api/public`, { headers: { authorization: `Bearer ${forgedToken}` } });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { authorizer: unknown }).authorizer).toEqual({});
  });

  it("answers through the strategy's authenticate on a secured route, before the handler (the gateway's 401)", async () => {
    const response = await fetch(`${api}/local/api/secured`);
    expect([response.status, response.headers.get('x-amzn-errortype'), await response.text()]).toEqual([
      401,
      'UnauthorizedException',
      '{"message":"Unauthorized"}',
    ]);
  });

  it("runs the adapter's onPreResponse after offline's CORS step: exactly the handler's headers, no charset", async () => {
    const response = await fetch(`${api}/local/api/public`, { headers: { origin: 'http://localhost:5173' } });
    expect(response.headers.get('access-control-allow-origin'), `${fixFiles}: our onPreResponse no longer comes last`).toBeNull();
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    expect([response.headers.get('content-type'), response.headers.get('x-handler')]).toEqual(['application/json', 'echo']);
  });

  it('sends an unknown path to its catch-all route /{p*}, which the gateway answers with 403', async () => {
    const response = await fetch(`${api}/local/nowhere`);
    expect([response.status, response.headers.get('x-amzn-errortype')]).toEqual([403, 'MissingAuthenticationTokenException']);
  });

  it("answers OPTIONS with the gateway's preflight for the cors setting it handed over", async () => {
    const response = await fetch(`${api}/local/api/public`, { method: 'OPTIONS', headers: { origin: 'http://localhost:5173' } });
    expect([response.status, response.headers.get('access-control-allow-methods')]).toEqual([200, 'OPTIONS,GET']);
  });

  it("hands a public HTTP API route's Lambda no authorizer, whatever Authorization says (offline-adapter.ts checkLambdaEvents: Lambda#get, setEvent)", async () => {
    const response = await fetch(`${api}/http/public`, { headers: { authorization: `Bearer ${forgedToken}` } });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { authorizer: unknown }).authorizer, `${fixFiles} (checkLambdaEvents)`).toBeNull();
  });

  it("answers an HTTP API JWT route through the strategy's authenticate, and an unknown HTTP API path with 404", async () => {
    const refused = await fetch(`${api}/http/secured`, { headers: { authorization: `Bearer ${forgedToken}` } });
    expect([refused.status, await refused.text()]).toEqual([401, '{"message":"Unauthorized"}']);
    expect(refused.headers.get('www-authenticate')).toMatch(/^Bearer /);
    const unknown = await fetch(`${api}/http/nowhere`);
    expect([unknown.status, await unknown.text()]).toEqual([404, '{"message":"Not Found"}']);
  });

  it('drives the function Lambda#get hands out with setEvent, then runHandler, whose rejection or result the gateway reads (lambda-integration.ts)', async () => {
    const rest = await fetch(`${api}/local/api/failing`);
    expect([rest.status, await rest.text()], `${fixFiles} (checkLambdaEvents) and local/offline/lambda-integration.ts`).toEqual([
      502,
      '{"message":"Internal server error"}',
    ]);
    const malformed = await fetch(`${api}/local/api/failing?fail=malformed`);
    expect([malformed.status, await malformed.text()]).toEqual([502, '{"message":"Internal server error"}']);
    // offline itself answers a payload 2.0 handler that throws with 200 and the error as the body.
    const httpApi = await fetch(`${api}/http/failing`);
    expect([httpApi.status, await httpApi.text()]).toEqual([500, '{"message":"Internal Server Error"}']);
  });

  it("creates its Lambda invoke server through hapi's factory, which the adapter wraps (offline keeps it private)", async () => {
    // Offline itself answers an unknown function on InvokeAsync with a 500.
    const response = await fetch(`${lambda}/2014-11-13/functions/nope/invoke-async/`, { method: 'POST', body: '{}' });
    expect([response.status, response.headers.get('x-amzn-errortype')], `${fixFiles} (install)`).toEqual([
      404,
      'ResourceNotFoundException',
    ]);
    const malformed = await fetch(`${lambda}/2015-03-31/functions/contract-local-echo/invocations`, { method: 'POST', body: '{bad' });
    expect([malformed.status, malformed.headers.get('x-amzn-errortype')]).toEqual([400, 'InvalidRequestContentException']);
  });

  it('loads an in-process handler with require(), so that offline:functionsUpdated:cleanup makes the next request load it again', async () => {
    const loadOf = async () => ((await (await fetch(`${api}/local/api/public`)).json()) as { load: number }).load;
    const first = await loadOf();
    expect(await loadOf()).toBe(first);
    expect(Object.keys(createRequire(import.meta.url).cache)).toContain(path.join(serviceDir, 'local/offline/fixtures/echo.cjs'));
    await runHooks(serverless, 'offline:functionsUpdated:cleanup');
    expect(await loadOf(), 'update local/offline/handler-reload.ts').not.toBe(first);
  });

  it("reads its options from custom['serverless-offline'], with the default ports the adapter assumes", async () => {
    const { CUSTOM_OPTION, defaultOptions } = await importOffline('config/index.js');
    expect(CUSTOM_OPTION, `${fixFiles}: offline reads its options from another custom key`).toBe('serverless-offline');
    expect(defaultOptions, `${fixFiles} (OFFLINE_DEFAULTS)`).toMatchObject({ httpPort: 3000, lambdaPort: 3002 });
  });
});
