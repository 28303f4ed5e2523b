import { STATUS_CODES } from 'node:http';
import type { CorsPreflights } from './cors-preflight.ts';
import { gatewayResponse, type GatewayErrorType, type GatewayResponseSettings } from './gateway-responses.ts';
import type { HapiRequest, HapiResponse, HapiServer, HapiToolkit } from './hapi.ts';

export interface ApiGatewayOptions {
  /** The stage prefix of every path, as in API Gateway's invoke URL. */
  readonly stage: string;
  readonly gatewayResponses: GatewayResponseSettings;
  readonly preflights: CorsPreflights;
}

/** serverless-offline's client-settable identity override: API Gateway has nothing like it. */
const OVERRIDE_HEADER = 'sls-offline-authorizer-override';
/** serverless-offline's catch-all route for paths it does not serve. */
const NOT_FOUND_ROUTE = '/{p*}';

const GATEWAY_ERROR = Symbol('gatewayError');
const HANDLER_HEADERS = Symbol('handlerHeaders');

interface GatewayError {
  readonly type: GatewayErrorType;
  readonly message?: string;
}

/**
 * Ends a request the way API Gateway would for `type` (UNAUTHORIZED, AUTHORIZER_FAILURE…): the
 * response itself is written in onPreResponse, after serverless-offline's own CORS step.
 */
export function refuse(request: HapiRequest, h: HapiToolkit, type: GatewayErrorType, message?: string): HapiResponse {
  (request.app as Record<symbol, GatewayError>)[GATEWAY_ERROR] = { type, message };
  return h
    .response()
    .code(type === 'AUTHORIZER_FAILURE' ? 500 : 401)
    .takeover();
}

/** By listener where there is one: hapi hands each auth strategy a clone of the server. */
const installed = new WeakSet<object>();

/**
 * Makes serverless-offline's responses API Gateway's: Lambda responses carry exactly the
 * handler's headers; the gateway's own errors carry its status, body and `x-amzn-ErrorType`
 * plus the GatewayResponse headers from serverless.yml — and no CORS header otherwise; OPTIONS
 * answers like serverless's MOCK preflight method; unknown routes get 403 Missing
 * Authentication Token. Installed once per server.
 */
export function emulateApiGateway(server: HapiServer, options: ApiGatewayOptions): void {
  const key = (server as { listener?: object }).listener ?? server;
  if (installed.has(key)) return;
  installed.add(key);

  server.ext('onRequest', (request, h) => {
    stripHeader(request, OVERRIDE_HEADER);
    return h.continue;
  });
  // Before serverless-offline's onPreResponse reflects the Origin into them.
  server.ext('onPostHandler', (request, h) => {
    const response = request.response;
    if (response && !response.isBoom) (request.app as Record<symbol, unknown>)[HANDLER_HEADERS] = { ...response.headers };
    return h.continue;
  });
  server.ext('onPreResponse', (request, h) => finishResponse(request, h, options));
}

function finishResponse(request: HapiRequest, h: HapiToolkit, options: ApiGatewayOptions) {
  // hapi's own CORS step runs after this one; API Gateway has none.
  request.info.cors = { isOriginMatch: false };
  const gateway = (type: GatewayErrorType, message?: string, status?: number) => {
    const { statusCode, headers, body } = gatewayResponse(type, options.gatewayResponses, request.headers, message);
    return exactly(h.response(body).code(status ?? statusCode), headers);
  };

  const response = request.response;
  if (request.method === 'options') {
    const path = eventPath(request.path, options.stage);
    const preflight = path === undefined ? undefined : options.preflights.headersFor(path, request.headers.origin);
    return preflight ? exactly(h.response('').code(200), preflight) : gateway('MISSING_AUTHENTICATION_TOKEN');
  }
  const refused = (request.app as Record<symbol, GatewayError | undefined>)[GATEWAY_ERROR];
  if (refused) return gateway(refused.type, refused.message);
  if (!response || request.route.path === NOT_FOUND_ROUTE) {
    console.warn(
      `[api] ${request.method.toUpperCase()} ${request.path}: no such method and path in serverless.yml (403 Missing Authentication Token)`,
    );
    return gateway('MISSING_AUTHENTICATION_TOKEN');
  }
  if (response.isBoom) {
    const status = response.output.statusCode;
    if (status === 404 || status === 405) return gateway('MISSING_AUTHENTICATION_TOKEN');
    if (status === 401) return gateway('UNAUTHORIZED');
    // hapi refusing the request itself (a payload it cannot read…) is the gateway's 4XX, not a 5XX.
    if (status >= 400 && status < 500) return gateway('DEFAULT_4XX', STATUS_CODES[status], status);
    return gateway('DEFAULT_5XX');
  }
  // serverless-offline's answer to a handler that threw or returned a malformed result: a 502
  // whose body is its diagnosis (with a stack trace) rather than the handler's string body.
  if (Number(response.statusCode) === 502 && typeof response.source !== 'string') return gateway('DEFAULT_5XX');

  const handlerHeaders = (request.app as Record<symbol, HapiResponse['headers'] | undefined>)[HANDLER_HEADERS];
  if (handlerHeaders) response.headers = handlerHeaders;
  response.settings.charset = null;
  return h.continue;
}

/** A response with these headers and only these (no charset appended by hapi). */
function exactly(response: HapiResponse, headers: Readonly<Record<string, string>>): HapiResponse {
  for (const [name, value] of Object.entries(headers)) response.header(name, value);
  response.settings.charset = null;
  return response.takeover();
}

/** `/local/api/helloWorld` → `api/helloWorld`, the path as serverless.yml spells it; none without the stage. */
function eventPath(requestPath: string, stage: string): string | undefined {
  const prefix = `/${stage}/`;
  return requestPath.startsWith(prefix) ? requestPath.slice(prefix.length) : undefined;
}

function stripHeader(request: HapiRequest, name: string): void {
  delete request.headers[name];
  // Absent on requests made with server.inject() (hapi's shot), which the unit tests use.
  const raw: string[] = request.raw.req.rawHeaders ?? [];
  for (let i = raw.length - 2; i >= 0; i -= 2) {
    if (raw[i]!.toLowerCase() === name) raw.splice(i, 2);
  }
}
