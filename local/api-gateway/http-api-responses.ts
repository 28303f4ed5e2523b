import { randomFillSync } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { GatewayResponse } from './gateway-responses.ts';

/**
 * An answer the HTTP API gives itself: `{"message": …}` as JSON, with the request id every HTTP
 * API response carries (docs: http-api-troubleshooting-jwt.html shows `apigw-requestid:
 * Mc7UVioPPHcEKPA=`). Header names are lower-case, as the HTTP API sends them.
 */
export function httpApiResponse(statusCode: number, message: string, headers: Readonly<Record<string, string>> = {}): GatewayResponse {
  return {
    statusCode,
    headers: { 'content-type': 'application/json', 'apigw-requestid': requestId(), ...headers },
    body: JSON.stringify({ message }),
  };
}

/** 404 `{"message":"Not Found"}`: no route matches (and no `$default` route). */
export const notFound = (): GatewayResponse => httpApiResponse(404, 'Not Found');

/** 500 `{"message":"Internal Server Error"}` (http-api-troubleshooting-lambda.html); REST says "Internal server error". */
export const internalServerError = (): GatewayResponse => httpApiResponse(500, 'Internal Server Error');

/** A request the server refused itself with `status` (a payload too large…): that status, its reason phrase. */
export function refusedRequest(status: number): GatewayResponse {
  if (status === 404 || status === 405) return notFound();
  if (status >= 500 || STATUS_CODES[status] === undefined) return internalServerError();
  return httpApiResponse(status, STATUS_CODES[status]);
}

/** Random bytes drawn 11 at a time: one system call per ~370 ids instead of one per request (a third of the event's cost). */
const pool = Buffer.alloc(11 * 372);
let drawn = pool.length;

/** 11 random bytes in base64, the length and alphabet of API Gateway's `apigw-requestid`. */
export function requestId(): string {
  if (drawn === pool.length) {
    randomFillSync(pool);
    drawn = 0;
  }
  drawn += 11;
  return pool.toString('base64', drawn - 11, drawn);
}
