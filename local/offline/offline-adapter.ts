import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Authorize } from '../api-gateway/cognito-authorizer.ts';
import type { CorsSetting } from '../api-gateway/cors-preflight.ts';
import { requestId } from '../api-gateway/http-api-responses.ts';
import type { HttpApiDecision } from '../api-gateway/jwt-authorizer.ts';
import type { ServedApis } from '../api-gateway/served-apis.ts';
import {
  authorizerContext,
  httpApiAuthorizerContext,
  httpApiLambdaAuthorizerContext,
  lambdaAuthorizerContext,
} from './authorizer-context.ts';
import type { InvokeFunction } from '../api-gateway/lambda-authorizer-types.ts';
import {
  emulateApiGateway,
  emulateLambdaInvokeErrors,
  gatewayRequest,
  refuse,
  type HapiRequest,
  type HapiServer,
  type Lifecycle,
} from './hapi-server.ts';
import { asProxyIntegration, type OfflineLambdaFunction } from './lambda-integration.ts';
import type { ApiRequestLog } from '../dev-api/api-request-log.ts';
import { decisionNote, devRequest, noteDecision, noteRoute, type RouteNote } from './request-record.ts';
import { type RouteInvocation, withInvocation } from './route-invocation.ts';

// The one place that knows serverless-offline: its hapi servers, its auth hook, its lifecycle
// events. offline-contract.test.ts runs offline's own code against each thing used here.

/** The part of serverless's `Serverless` object the adapter reads. */
export interface OfflineServerless {
  /** The folder of serverless.yml: serverless-offline, and its hapi, are resolved from there. */
  readonly serviceDir: string;
  readonly service: {
    readonly custom?: Readonly<Record<string, unknown>>;
    /** The deployed names of the functions (`<service>-<stage>-<function>`), as Lambda knows them. */
    getAllFunctionsNames(): string[];
  };
}

/** serverless-offline's options, from the command line (`--httpPort`…). */
export type OfflineCliOptions = Readonly<Record<string, unknown>>;

/** serverless-offline's own defaults for the options read here. */
const OFFLINE_DEFAULTS = { httpPort: 3000, lambdaPort: 3002 };
/** The `custom` key serverless-offline reads its options from. */
const OFFLINE_CUSTOM_KEY = 'serverless-offline';

/** What the local stage does during `serverless offline start`, as plain steps. */
export interface OfflineSteps {
  /** Before serverless-offline starts, while serverless-esbuild builds the handlers; may run twice. */
  readonly prepare: () => Promise<void>;
  /** Must be done before serverless-offline creates its servers (the gateway is served by then). */
  readonly ready: () => Promise<void>;
  /** serverless-offline's servers listen (its HTTP and Lambda ports), under `serverless offline start`. */
  readonly listening: () => Promise<void>;
  /** serverless-esbuild rebuilt the handlers. */
  readonly handlersRebuilt: () => Promise<void>;
}

/** The slice of an http or httpApi event from serverless.yml that serverless-offline hands its auth provider. */
export interface HttpEndpoint {
  cors?: CorsSetting;
  /** An `httpApi` event: a route of the HTTP API. */
  isHttpApi?: boolean;
}

/** What serverless-offline registers for each endpoint: `server.auth.scheme(scheme, getAuthenticateFunction)`, then `strategy(name, scheme)`. */
export interface AuthStrategy {
  name: string;
  scheme: string;
  getAuthenticateFunction: () => { authenticate: Lifecycle };
}

type CreateServer = (options?: object) => HapiServer;
type HapiModule = { Server: CreateServer; server: CreateServer; [WATCHERS]?: ((server: HapiServer) => void)[] };

/** On hapi's module itself: every compiled copy of this file shares the one wrap. */
const WATCHERS = Symbol.for('hello-auth.hapi-server-watchers');

/** serverless-offline's Lambda (`serverless-offline/lambda`), which hands its functions to the HTTP server. */
type OfflineLambdaClass = {
  prototype: OfflineLambda & { [EVENTS_CHECKED]?: true; create(lambdas: unknown): unknown };
};

/** serverless-offline's Lambda, which runs this service's functions in its pool. */
interface OfflineLambda {
  get(functionKey: string): OfflineLambdaFunction & { [EVENTS_CHECKED]?: true };
  getByFunctionName(functionName: string): OfflineLambdaFunction;
  listFunctionNames(): string[];
}

/** Where the offline Lambda this process runs is kept, once offline made it (shared by every compiled copy of this file). */
const OFFLINE_LAMBDA = Symbol.for('hello-auth.offline-lambda');

/** Marks what is wrapped once: every compiled copy of this file shares it. */
const EVENTS_CHECKED = Symbol.for('hello-auth.lambda-events-checked');

let installed: OfflineAdapter | undefined;

export class OfflineAdapter {
  #gateway: ServedApis | undefined;
  #requestLog: ApiRequestLog | undefined;
  #strategyCount = 0;
  readonly #watch = (server: HapiServer) => this.#onServer(server);
  #hapi: HapiModule | undefined;

  constructor(
    private readonly serverless: OfflineServerless,
    private readonly cliOptions: OfflineCliOptions = {},
  ) {}

  /**
   * Reaches serverless-offline's servers as hapi makes them: offline keeps its Lambda invoke
   * server in a private field, so the only way to it is hapi's own factory, wrapped here before
   * offline first imports hapi (its ES module namespace then picks up the wrapper). And removes
   * AUTHORIZER from the environment: offline would take a whole authorizer object from it, a
   * spoofed caller.
   */
  install(): this {
    delete process.env.AUTHORIZER;
    const offline = createRequire(path.join(this.serverless.serviceDir, 'package.json')).resolve('serverless-offline');
    const hapi = createRequire(offline)('@hapi/hapi') as HapiModule;
    if (!hapi[WATCHERS]) {
      const watchers: ((server: HapiServer) => void)[] = [];
      const create = hapi.server;
      // `new Server(options)` on a function that returns an object yields that object.
      hapi.Server = hapi.server = function Server(options?: object) {
        const server = create(options);
        for (const watch of watchers) watch(server);
        return server;
      };
      hapi[WATCHERS] = watchers;
    }
    hapi[WATCHERS].push(this.#watch);
    this.#hapi = hapi;
    return this;
  }

  /** Stops watching hapi's servers (tests). */
  uninstall(): void {
    const watchers = this.#hapi?.[WATCHERS];
    watchers?.splice(watchers.indexOf(this.#watch), 1);
  }

  /** The gateways the APIs' routes and answers come from: the stack deployed locally, before offline serves. */
  serve(gateway: ServedApis, requestLog?: ApiRequestLog): void {
    this.#gateway = gateway;
    this.#requestLog = requestLog;
  }

  /**
   * serverless-offline builds events of its own (an HTTP API route's payload 2.0 event with JWT
   * claims decoded from any Authorization header, unverified, on every route; placeholders and
   * invented headers elsewhere) and reads results more leniently than API Gateway. Each Lambda
   * function it hands out goes through lambda-integration.ts first (offline's Lambda hands out
   * its functions through `get`, wrapped here once).
   */
  async checkLambdaEvents(): Promise<void> {
    const offline = createRequire(path.join(this.serverless.serviceDir, 'package.json')).resolve('serverless-offline/lambda');
    const { default: Lambda } = (await import(pathToFileURL(offline).href)) as { default: OfflineLambdaClass };
    const prototype = Lambda.prototype;
    if (prototype[EVENTS_CHECKED]) return;
    prototype[EVENTS_CHECKED] = true;
    const { get, create } = prototype;
    prototype.create = function (this: OfflineLambda, lambdas: unknown) {
      (globalThis as Record<symbol, unknown>)[OFFLINE_LAMBDA] = this;
      return create.call(this, lambdas);
    };
    prototype.get = function (this: OfflineLambda, functionKey: string) {
      const lambdaFunction = get.call(this, functionKey);
      if (!lambdaFunction[EVENTS_CHECKED]) {
        asProxyIntegration(lambdaFunction);
        lambdaFunction[EVENTS_CHECKED] = true;
      }
      return lambdaFunction;
    };
  }

  /**
   * serverless's hooks for `steps`. The local stage's plugin comes before serverless-offline in
   * serverless.yml, so its hooks on an event run before offline's: `ready` is awaited before
   * offline's `offline:start:init` (or `offline:start`) creates the servers.
   */
  hooks(steps: OfflineSteps): Record<string, () => Promise<void>> {
    const prepare = async () => {
      await this.checkLambdaEvents();
      await steps.prepare();
    };
    return {
      'before:offline:start': prepare,
      'before:offline:start:init': prepare,
      'offline:start': steps.ready,
      'offline:start:init': steps.ready,
      // offline's servers listen once its own init step is done (`offline start`).
      'after:offline:start:init': steps.listening,
      'offline:functionsUpdated:cleanup': steps.handlersRebuilt,
    };
  }

  /**
   * Runs one of this service's functions in offline's own Lambda, in this process, as a Lambda
   * authorizer is run (local/api-gateway/lambda-authorizer-types.ts): from offline's pool, with
   * its context and timeout, reloaded when its bundle is rebuilt like any handler.
   */
  readonly invokeFunction: InvokeFunction = async (functionName, event) => {
    const lambda = (globalThis as Record<symbol, OfflineLambda | undefined>)[OFFLINE_LAMBDA];
    if (!lambda) throw new Error('serverless-offline has not created its Lambda yet.');
    if (!lambda.listFunctionNames().includes(functionName)) throw new Error(`${functionName} is not a function of this service.`);
    const lambdaFunction = lambda.getByFunctionName(functionName);
    lambdaFunction.setEvent(event);
    return lambdaFunction.runHandler();
  };

  /** serverless-offline's `customAuthenticationProvider`, called once per endpoint, public ones included. */
  authStrategy(endpoint: HttpEndpoint, functionKey: string, method: string, path: string): AuthStrategy {
    const served = this.#served();
    const authenticate = endpoint.isHttpApi
      ? authenticateHttpApiRoute(served, method, path)
      : authenticateWith(served.rest.method(method, path, endpoint.cors), (request) => restInvocation(served, request), {
          api: 'rest',
          route: `${method.toUpperCase()} /${path.replace(/^\//, '')}`,
          authorizer: served.rest.authorizerOf(method, path),
        });
    // hapi refuses a scheme or strategy name twice.
    const name = `local-cognito-${++this.#strategyCount}-${functionKey}`;
    return { name, scheme: name, getAuthenticateFunction: () => ({ authenticate }) };
  }

  /** Tells offline's servers apart by port, merged as offline merges its options: command line, custom, defaults. */
  #onServer(server: HapiServer): void {
    const custom = this.serverless.service.custom?.[OFFLINE_CUSTOM_KEY] as Readonly<Record<string, unknown>> | undefined;
    const options = { ...OFFLINE_DEFAULTS, ...custom, ...this.cliOptions };
    const port = Number(server.settings.port);
    if (port === Number(options.httpPort)) {
      const served = this.#served();
      const log = this.#requestLog;
      emulateApiGateway(
        server,
        served,
        log && ((request, status) => log.record(devRequest(request, status, served.httpApiFor(request.path) ? 'http' : 'rest'))),
      );
    } else if (port === Number(options.lambdaPort)) emulateLambdaInvokeErrors(server, () => this.serverless.service.getAllFunctionsNames());
  }

  #served(): ServedApis {
    if (!this.#gateway) throw new Error('serverless-offline serves the API before the local stage deployed it.');
    return this.#gateway;
  }
}

/** Installs the adapter for this process: the local stage's plugin does, when serverless loads it for `serverless offline`. */
export function installOfflineAdapter(serverless: OfflineServerless, cliOptions: OfflineCliOptions): OfflineAdapter {
  installed?.uninstall();
  installed = new OfflineAdapter(serverless, cliOptions).install();
  return installed;
}

/** serverless-offline's `customAuthenticationProvider` (auth-provider.cjs): the installed adapter's strategy. */
export function createAuthStrategy(endpoint: HttpEndpoint, functionKey: string, method: string, path: string): AuthStrategy {
  if (!installed) throw new Error('customAuthenticationProvider is called without the local stage plugin (serverless.yml plugins).');
  return installed.authStrategy(endpoint, functionKey, method, path);
}

/**
 * An auth scheme's `authenticate`: the authorizer's decision, as serverless-offline carries it to
 * the Lambda (with the request's `invocation`, when given) or as the gateway's refusal.
 */
export function authenticateWith(
  authorize: Authorize,
  invocation?: (request: HapiRequest) => RouteInvocation,
  /** The method, for the request log. */
  route?: RouteNote,
): Lifecycle {
  return async (request, h) => {
    if (route) noteRoute(request, route);
    const decision = await authorize(gatewayRequest(request));
    if (route) noteDecision(request, decisionNote(decision));
    if (!decision.allow) return refuse(request, h, decision.refusal);
    const context = decision.context ? lambdaAuthorizerContext(decision.context) : authorizerContext(decision.claims);
    return h.authenticated({ credentials: { context: invocation ? withInvocation(context, invocation(request)) : context } });
  };
}

/** A REST API method's invocation: payload 1.0. */
function restInvocation(served: ServedApis, request: HapiRequest): RouteInvocation {
  return { api: 'rest', payloadFormatVersion: '1.0', facts: served.eventFacts('rest', request.raw.req) };
}

/**
 * An HTTP API route's auth step: its JWT authorizer's decision (or none, on a public route),
 * carried to the Lambda's event in the route's payload format, or the gateway's refusal.
 */
function authenticateHttpApiRoute(served: ServedApis, method: string, path: string): Lifecycle {
  if (!served.httpApi)
    throw new Error(`serverless-offline serves the httpApi route ${method} ${path}, but the stack deployed locally has no HTTP API.`);
  const authorize = served.httpApi.route(method, path);
  const payloadFormatVersion = served.httpApi.payloadFormatVersion(method, path);
  const routeKey = path === '$default' ? '$default' : `${method.toUpperCase()} ${path}`;
  const note: RouteNote = { api: 'http', route: routeKey, authorizer: served.httpApi.authorizerOf(method, path) };
  return async (request, h) => {
    // A `$default` route catches every path on this server, the REST API's too: those are not the HTTP API's.
    if (!served.httpApiFor(request.path)) return refuse(request, h, { type: 'MISSING_AUTHENTICATION_TOKEN' });
    noteRoute(request, note);
    const decision: HttpApiDecision = await authorize(gatewayRequest(request));
    noteDecision(request, decisionNote(decision));
    if (!decision.allow) return refuse(request, h, decision.response);
    const facts = served.eventFacts('http', request.raw.req);
    const invocation: RouteInvocation = { api: 'http', payloadFormatVersion, routeKey, requestId: requestId(), facts };
    return h.authenticated({
      credentials: {
        context: withInvocation(
          decision.authorizer
            ? httpApiLambdaAuthorizerContext(decision.authorizer, payloadFormatVersion)
            : httpApiAuthorizerContext(decision.jwt, payloadFormatVersion),
          invocation,
        ),
      },
    });
  };
}
