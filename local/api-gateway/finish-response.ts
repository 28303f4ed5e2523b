import { STATUS_CODES } from 'node:http';
import type { GatewayRefusal } from './cognito-authorizer.ts';
import type { CorsPreflights } from './cors-preflight.ts';
import type { GatewayRequest } from './gateway-request.ts';
import type { GatewayResponseSettings } from '../cloudformation/gateway-response-settings.ts';
import { gatewayResponse, type GatewayErrorType, type GatewayResponse } from './gateway-responses.ts';

/** What the server behind the gateway made of a request, before the gateway answers. */
export type RequestOutcome =
  /** The method's authorizer refused it. */
  | { readonly kind: 'refused'; readonly refusal: GatewayRefusal }
  /** No method of serverless.yml has this path and method. */
  | { readonly kind: 'no-method' }
  /** The server refused it itself, with this status (a payload it cannot read…). */
  | { readonly kind: 'failed'; readonly statusCode: number }
  /** The Lambda answered; `failed` when it threw, timed out or returned a result the gateway cannot read. */
  | { readonly kind: 'lambda'; readonly statusCode: number; readonly failed: boolean };

export interface FinishOptions {
  /** The stage prefix of every path, as in API Gateway's invoke URL. */
  readonly stage: string;
  readonly gatewayResponses: GatewayResponseSettings;
  readonly preflights: CorsPreflights;
}

/**
 * API Gateway's answer to a request: its own errors carry its status, body and
 * `x-amzn-ErrorType` plus the GatewayResponse headers from serverless.yml — and no CORS header
 * otherwise; OPTIONS answers like serverless's MOCK preflight method; unknown routes get 403
 * Missing Authentication Token. Undefined: the Lambda's response goes out as the handler made it.
 */
export function finishResponse(request: GatewayRequest, outcome: RequestOutcome, options: FinishOptions): GatewayResponse | undefined {
  const gateway = (type: GatewayErrorType, message?: string, status?: number, messageKey?: 'Message') => {
    const answer = gatewayResponse(type, options.gatewayResponses, request.headers, message, messageKey);
    return status === undefined ? answer : { ...answer, statusCode: status };
  };
  if (request.method === 'options') {
    const path = eventPath(request.path, options.stage);
    const preflight = path === undefined ? undefined : options.preflights.headersFor(path, request.headers.origin);
    return preflight ? { statusCode: 200, headers: preflight, body: '' } : gateway('MISSING_AUTHENTICATION_TOKEN');
  }
  switch (outcome.kind) {
    case 'refused':
      return gateway(outcome.refusal.type, outcome.refusal.message, undefined, outcome.refusal.messageKey);
    case 'no-method':
      console.warn(
        `[api] ${request.method.toUpperCase()} ${request.path}: no such method and path in serverless.yml (403 Missing Authentication Token)`,
      );
      return gateway('MISSING_AUTHENTICATION_TOKEN');
    case 'failed': {
      const status = outcome.statusCode;
      if (status === 404 || status === 405) return gateway('MISSING_AUTHENTICATION_TOKEN');
      if (status === 401) return gateway('UNAUTHORIZED');
      // The server refusing the request itself (a payload it cannot read…) is the gateway's 4XX, not a 5XX.
      if (status >= 400 && status < 500) return gateway('DEFAULT_4XX', STATUS_CODES[status], status);
      return gateway('DEFAULT_5XX');
    }
    case 'lambda':
      // A handler that threw, timed out or returned a malformed result: 502 Internal server error
      // (https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway-errors.html).
      return outcome.failed ? gateway('DEFAULT_5XX') : undefined;
  }
}

/**
 * The gateway's JSON 4XX, with the DEFAULT_4XX GatewayResponse headers, for a request that
 * never reaches a method: one the HTTP parser refuses (a lowercase or unknown method, a header
 * over 16 KB, a NUL in a header…) gets that `status` instead of a bare `400 Bad Request`.
 */
export function malformedRequestResponse(status: number, gatewayResponses: GatewayResponseSettings): GatewayResponse {
  return { ...gatewayResponse('DEFAULT_4XX', gatewayResponses, {}, STATUS_CODES[status]), statusCode: status };
}

/** `/local/api/helloWorld` → `api/helloWorld`, the path as serverless.yml spells it; none without the stage. */
function eventPath(requestPath: string, stage: string): string | undefined {
  const prefix = `/${stage}/`;
  return requestPath.startsWith(prefix) ? requestPath.slice(prefix.length) : undefined;
}
