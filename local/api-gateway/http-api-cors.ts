import type { HttpApiCors } from '../cloudformation/http-api.ts';
import type { GatewayRequest } from './gateway-request.ts';
import type { GatewayResponse } from './gateway-responses.ts';
import { requestId } from './http-api-responses.ts';

// An HTTP API handles CORS itself (http-api-cors.html): it answers preflights, adds the configured
// headers to a CORS request's response, and ignores the CORS headers of the integration's.

/** A CORS preflight: OPTIONS with `Origin` and `Access-Control-Request-Method` (http-api-cors.html). */
export function isPreflight(request: GatewayRequest): boolean {
  return request.method === 'options' && Boolean(request.headers.origin) && Boolean(request.headers['access-control-request-method']);
}

/**
 * The gateway's answer to a preflight: 204 with the configured CORS headers when the origin is
 * allowed, without any CORS header when it is not (the browser then refuses the request) [U].
 * The configured methods and headers are sent as they are; the browser checks the request's
 * against them.
 */
export function preflightResponse(cors: HttpApiCors, request: GatewayRequest): GatewayResponse {
  const headers: Record<string, string> = { 'apigw-requestid': requestId() };
  const origin = allowedOrigin(cors, request.headers.origin);
  if (origin !== undefined) {
    headers['access-control-allow-origin'] = origin;
    if (cors.allowMethods.length > 0) headers['access-control-allow-methods'] = cors.allowMethods.join(',');
    if (cors.allowHeaders.length > 0) headers['access-control-allow-headers'] = cors.allowHeaders.join(',');
    if (cors.maxAge !== undefined) headers['access-control-max-age'] = String(cors.maxAge);
    if (cors.allowCredentials) headers['access-control-allow-credentials'] = 'true';
  }
  return { statusCode: 204, headers, body: '' };
}

/**
 * The CORS headers the gateway adds to the response to a request from an allowed `Origin`:
 * the origin, `Access-Control-Expose-Headers` and `Access-Control-Allow-Credentials` when
 * configured. No `Vary` [U].
 */
export function corsResponseHeaders(cors: HttpApiCors, request: GatewayRequest): Record<string, string> {
  const origin = allowedOrigin(cors, request.headers.origin);
  if (origin === undefined) return {};
  return {
    'access-control-allow-origin': origin,
    ...(cors.exposeHeaders.length > 0 && { 'access-control-expose-headers': cors.exposeHeaders.join(',') }),
    ...(cors.allowCredentials && { 'access-control-allow-credentials': 'true' }),
  };
}

/** A response's headers without its `Access-Control-*` ones, which the gateway ignores when CORS is configured. */
export function withoutCorsHeaders<T>(headers: Readonly<Record<string, T>>): Record<string, T> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !name.toLowerCase().startsWith('access-control-')));
}

/**
 * `*` when every origin is allowed, the request's own when listed (exactly: no patterns) [U],
 * none otherwise. With `*` and credentials the answer stays `*`, which browsers refuse for a
 * credentialed request.
 */
function allowedOrigin(cors: HttpApiCors, origin: string | undefined): string | undefined {
  if (!origin) return undefined;
  if (cors.allowOrigins.includes('*')) return '*';
  return cors.allowOrigins.includes(origin) ? origin : undefined;
}
