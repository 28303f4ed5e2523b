import type { Server } from 'node:http';
import type { GatewayRequest } from '../api-gateway/gateway-request.ts';
import { defaultStatus, type GatewayResponse } from '../api-gateway/gateway-responses.ts';
import type { Refusal, ServedOutcome } from '../api-gateway/served-apis.ts';
import { invokeRefusal, isAsynchronous, malformedInvokeResponse, payloadTooLarge, type InvokeCall } from '../api-gateway/lambda-invoke.ts';
import { answerClientErrorsWithJson } from '../json-client-errors.ts';
import { invocationOf } from './route-invocation.ts';

// The slices of hapi (serverless-offline's HTTP server) that the emulation touches, and what it
// does with them: requests described for local/api-gateway/, its decisions written back. hapi is
// offline's dependency, not ours; offline-contract.test.ts checks each slice against it.

export interface HapiResponse {
  statusCode: number;
  source: unknown;
  headers: Record<string, string | string[]>;
  isBoom?: false;
  settings: { charset?: string | null };
  code(status: number): HapiResponse;
  header(name: string, value: string): HapiResponse;
  type(mimeType: string): HapiResponse;
  takeover(): HapiResponse;
}

export interface HapiBoom {
  isBoom: true;
  output: { statusCode: number };
}

export interface HapiRequest {
  method: string;
  path: string;
  headers: Record<string, string | undefined>;
  raw: { req: { rawHeaders: string[]; url?: string } };
  /** What the route's auth scheme authenticated (hapi's `request.auth`): the credentials context handed to serverless-offline. */
  auth?: { credentials?: { context?: unknown } | null };
  route: {
    path: string;
    method: string;
    /** Live, shared by the route's requests: hapi's cache policy (none: no `cache-control`) and CORS (`_origin: false`: no `vary`). */
    settings: { cache?: unknown; cors?: { _origin?: unknown } | false | null };
  };
  /** `received`: when the request arrived (epoch ms). */
  info: { cors: { isOriginMatch: boolean } | null; remoteAddress?: string; received?: number };
  /** Per-request state for extensions (hapi's `request.app`). */
  app: Record<string, unknown>;
  response: HapiResponse | HapiBoom | null;
  params: Record<string, string | undefined>;
  payload: unknown;
}

export interface HapiToolkit {
  readonly continue: symbol;
  authenticated(result: { credentials: object }): unknown;
  response(body?: unknown): HapiResponse;
}

export type Lifecycle = (request: HapiRequest, h: HapiToolkit) => unknown;

/** A hapi route as its `route` event hands it over; its settings stay live after creation. */
export interface HapiRoute {
  readonly method: string;
  readonly path: string;
  readonly settings: { state: { failAction: 'error' | 'log' | 'ignore' }; response: { ranges: boolean } };
}

export interface HapiServer {
  ext(event: 'onPreStart', method: () => void): void;
  ext(event: 'onRequest' | 'onPreHandler' | 'onPostHandler' | 'onPreResponse', method: Lifecycle): void;
  /** The Node HTTP server hapi listens with. */
  readonly listener: Server;
  /** The server's settings, live: `compression` false sends every body as it is. */
  readonly settings: { port?: number | string | null; compression?: unknown };
  readonly events: { on(event: 'route', listener: (route: HapiRoute) => void): void };
  /** A request through the server's whole lifecycle, without a socket. */
  inject(options: { method: string; url: string; headers?: Record<string, string>; payload?: string | Buffer }): Promise<unknown>;
}

/** What the API server asks of the gateways (local/api-gateway/served-apis.ts). */
export interface ApiGatewayDecisions {
  finish(request: GatewayRequest, outcome: ServedOutcome): GatewayResponse | undefined;
  preflight(request: GatewayRequest): GatewayResponse | undefined;
  lambdaHeaders(
    request: GatewayRequest,
    handlerHeaders: Readonly<Record<string, string | string[]>>,
    requestId?: string,
  ): Record<string, string | string[]>;
  malformedRequest(status: number): GatewayResponse;
}

/** serverless-offline's client-settable identity override: API Gateway has nothing like it. */
const OVERRIDE_HEADER = 'sls-offline-authorizer-override';
/** serverless-offline's catch-all route for paths it does not serve. */
const NOT_FOUND_ROUTE = '/{p*}';
/** serverless-offline's routes for Lambda's Invoke and (deprecated) InvokeAsync APIs. */
const INVOKE_ROUTES: Readonly<Record<string, InvokeCall['api']>> = {
  '/2015-03-31/functions/{functionName}/invocations': 'invoke',
  '/2014-11-13/functions/{functionName}/invoke-async/': 'invoke-async',
};

const REFUSAL = Symbol('refusal');
const HANDLER_HEADERS = Symbol('handlerHeaders');

export function gatewayRequest(request: HapiRequest): GatewayRequest {
  // Absent on requests made with server.inject() (hapi's shot), which the unit tests use.
  const rawHeaders = request.raw.req.rawHeaders ?? [];
  const pathParameters = Object.fromEntries(
    Object.entries(request.params ?? {}).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  return {
    method: request.method,
    path: request.path,
    headers: request.headers,
    rawHeaders,
    url: request.raw.req.url ?? request.path,
    pathParameters,
    // The unit tests' fake requests have no `info`.
    sourceIp: request.info?.remoteAddress ?? '127.0.0.1',
  };
}

/** Ends a request in its auth step; onPreResponse writes the gateway's answer, after serverless-offline's own CORS step. */
export function refuse(request: HapiRequest, h: HapiToolkit, refusal: Refusal): HapiResponse {
  (request.app as Record<symbol, Refusal>)[REFUSAL] = refusal;
  const status = 'statusCode' in refusal ? refusal.statusCode : defaultStatus(refusal.type);
  return h.response().code(status).takeover();
}

/**
 * Makes the API server's answers API Gateway's. At once: cookies, ranges, caching and hapi's
 * `vary` are not the gateway's business (API Gateway hands the Cookie header to the Lambda as it came, where hapi
 * would refuse an invalid one with a 400, and sends a Lambda's response whole), and a request
 * Node's parser refuses gets the gateway's JSON 4XX. When the server starts, after
 * serverless-offline's own onPreResponse (its CORS step, which ours must follow): the identity
 * override header goes, Lambda responses carry the handler's headers as the gateway sends them
 * (exactly, but for the HTTP API's CORS), and the gateway answers the rest (gateway.finish).
 */
export function emulateApiGateway(
  server: HapiServer,
  gateway: ApiGatewayDecisions,
  /** Told of each request once its status is known (the request log, local/offline/request-record.ts). */
  answered?: (request: HapiRequest, statusCode: number) => void,
): void {
  server.events.on('route', (route) => {
    route.settings.state.failAction = 'ignore';
    route.settings.response.ranges = false;
  });
  // API Gateway sends a Lambda's body as it is (REST compresses only with minimumCompressionSize set).
  server.settings.compression = false;
  answerClientErrorsWithJson(server.listener, ({ status }) => {
    const { statusCode, headers, body } = gateway.malformedRequest(status);
    return { status: statusCode, headers, body };
  });
  server.ext('onPreStart', () => {
    server.ext('onRequest', (request, h) => {
      stripHeader(request, OVERRIDE_HEADER);
      return h.continue;
    });
    // An HTTP API answers a CORS preflight itself, once the route's authorizer (if any) let it through.
    server.ext('onPreHandler', (request, h) => {
      const preflight = gateway.preflight(gatewayRequest(request));
      return preflight ? exactly(h.response(preflight.body).code(preflight.statusCode), preflight.headers) : h.continue;
    });
    // Before serverless-offline's onPreResponse reflects the Origin into them.
    server.ext('onPostHandler', (request, h) => {
      const response = request.response;
      if (response && !response.isBoom) (request.app as Record<symbol, unknown>)[HANDLER_HEADERS] = { ...response.headers };
      return h.continue;
    });
    server.ext('onPreResponse', (request, h) => finishResponse(request, h, gateway, answered));
  });
}

function finishResponse(
  request: HapiRequest,
  h: HapiToolkit,
  gateway: ApiGatewayDecisions,
  answered?: (request: HapiRequest, statusCode: number) => void,
) {
  // hapi's own CORS step runs after this one; API Gateway has none. Nor does it add hapi's
  // `cache-control: no-cache` or `vary: origin` (set per route, hapi's own routes included).
  request.info.cors = { isOriginMatch: false };
  const route = request.route.settings;
  route.cache = null;
  if (route.cors) route.cors._origin = false;
  const answer = gateway.finish(gatewayRequest(request), outcomeOf(request));
  if (answer) {
    answered?.(request, answer.statusCode);
    return exactly(h.response(answer.body).code(answer.statusCode), answer.headers);
  }
  const response = request.response as HapiResponse;
  answered?.(request, Number(response.statusCode));
  const handlerHeaders = (request.app as Record<symbol, HapiResponse['headers'] | undefined>)[HANDLER_HEADERS];
  const requestId = invocationOf(request.auth?.credentials?.context)?.requestId;
  if (handlerHeaders) response.headers = gateway.lambdaHeaders(gatewayRequest(request), handlerHeaders, requestId);
  response.settings.charset = null;
  return h.continue;
}

function outcomeOf(request: HapiRequest): ServedOutcome {
  const refusal = (request.app as Record<symbol, Refusal | undefined>)[REFUSAL];
  if (refusal) return { kind: 'refused', refusal };
  const response = request.response;
  if (!response || request.route.path === NOT_FOUND_ROUTE) return { kind: 'no-method' };
  if (response.isBoom) return { kind: 'failed', statusCode: response.output.statusCode };
  // The Lambda failed as API Gateway counts it (lambda-integration.ts): whatever offline made of
  // that (its diagnosis, a status from "[504]" in the error message…), the gateway answers instead.
  const failed = invocationOf(request.auth?.credentials?.context)?.failure !== undefined;
  return { kind: 'lambda', statusCode: Number(response.statusCode), failed };
}

/** A response with these headers and only these (no charset appended by hapi). */
function exactly(response: HapiResponse, headers: Readonly<Record<string, string>>): HapiResponse {
  for (const [name, value] of Object.entries(headers)) response.header(name, value);
  response.settings.charset = null;
  return response.takeover();
}

function stripHeader(request: HapiRequest, name: string): void {
  delete request.headers[name];
  const raw: string[] = request.raw.req.rawHeaders ?? [];
  for (let i = raw.length - 2; i >= 0; i -= 2) {
    if (raw[i]!.toLowerCase() === name) raw.splice(i, 2);
  }
}

/**
 * serverless-offline's Lambda invoke port (LAMBDA_PORT, for `aws lambda invoke --endpoint-url`)
 * answering malformed calls as Lambda does instead of with a 500 (local/api-gateway/lambda-invoke.ts),
 * a request Node's parser refuses with a JSON 4xx too. And an asynchronous invocation whose
 * handler throws no longer takes the whole of serverless-offline down (invokeInBackground).
 */
export function emulateLambdaInvokeErrors(server: HapiServer, functionNames: () => readonly string[]): void {
  server.ext('onPreHandler', (request, h) => {
    const call = invokeCall(request);
    if (!call) return h.continue;
    const refusal = invokeRefusal(call, functionNames());
    if (refusal) return lambdaError(h, refusal);
    return isAsynchronous(call) ? invokeInBackground(server, request, call, h) : h.continue;
  });
  server.ext('onPreResponse', (request, h) => {
    const response = request.response;
    return response?.isBoom && response.output.statusCode === 413 ? lambdaError(h, payloadTooLarge) : h.continue;
  });
  answerClientErrorsWithJson(server.listener, ({ status }) => {
    const { statusCode, body } = malformedInvokeResponse(status);
    return { status: statusCode, body };
  });
}

function invokeCall(request: HapiRequest): InvokeCall | undefined {
  const api = INVOKE_ROUTES[request.route.path];
  if (!api) return undefined;
  const payload = (request.payload as Buffer | null)?.toString('utf8') ?? '';
  return { api, functionName: request.params.functionName ?? '', headers: request.headers, payload };
}

/**
 * Offline runs an asynchronous invocation without awaiting it: a handler that throws is an
 * unhandled rejection, and serverless exits (the whole API goes down). Instead the function runs
 * through a synchronous Invoke of the same server, in the background, whose failure offline
 * reports and survives; the caller gets offline's own asynchronous answer at once.
 */
function invokeInBackground(server: HapiServer, request: HapiRequest, call: InvokeCall, h: HapiToolkit): HapiResponse {
  const clientContext = call.headers['x-amz-client-context'];
  void server
    .inject({
      method: 'POST',
      url: `/2015-03-31/functions/${encodeURIComponent(call.functionName)}/invocations`,
      headers: clientContext === undefined ? {} : { 'x-amz-client-context': clientContext },
      payload: (request.payload as Buffer | null) ?? '',
    })
    .catch(() => {});
  return call.api === 'invoke' ? h.response('').code(202).takeover() : h.response({ StatusCode: 202 }).takeover();
}

function lambdaError(h: HapiToolkit, { statusCode, errorType, body }: { statusCode: number; errorType?: string; body: string }) {
  const response = h.response(body).code(statusCode).type('application/json');
  if (errorType) response.header('x-amzn-ErrorType', errorType);
  return response.takeover();
}
