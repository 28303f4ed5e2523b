import type { GatewayResponseSettings } from '../cloudformation/gateway-response-settings.ts';

/** The API Gateway errors the local API produces, by their GatewayResponse type. */
export type GatewayErrorType =
  | 'UNAUTHORIZED'
  | 'ACCESS_DENIED'
  | 'MISSING_AUTHENTICATION_TOKEN'
  | 'AUTHORIZER_FAILURE'
  | 'AUTHORIZER_CONFIGURATION_ERROR'
  | 'DEFAULT_4XX'
  | 'DEFAULT_5XX';

export interface GatewayResponse {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** API Gateway's default answer for each error type (docs: "Gateway response types"). */
const DEFAULTS: Readonly<Record<GatewayErrorType, { statusCode: number; message: string | null; errorType: string }>> = {
  UNAUTHORIZED: { statusCode: 401, message: 'Unauthorized', errorType: 'UnauthorizedException' },
  // A Lambda authorizer's policy that does not allow the method (its message: lambda-authorizer.ts).
  ACCESS_DENIED: { statusCode: 403, message: 'Forbidden', errorType: 'AccessDeniedException' },
  MISSING_AUTHENTICATION_TOKEN: {
    statusCode: 403,
    message: 'Missing Authentication Token',
    errorType: 'MissingAuthenticationTokenException',
  },
  AUTHORIZER_FAILURE: { statusCode: 500, message: null, errorType: 'AuthorizerConfigurationException' },
  // A Lambda authorizer that threw (but `Unauthorized`) or answered what API Gateway cannot use.
  AUTHORIZER_CONFIGURATION_ERROR: { statusCode: 500, message: null, errorType: 'AuthorizerConfigurationException' },
  // A request the gateway refuses as malformed; the caller gives the status (400, 431…) and message.
  DEFAULT_4XX: { statusCode: 400, message: 'Bad Request', errorType: 'BadRequestException' },
  DEFAULT_5XX: { statusCode: 502, message: 'Internal server error', errorType: 'InternalServerErrorException' },
};

/**
 * What API Gateway sends for an error of `type`: its default status, body and error type, plus
 * the headers of the GatewayResponse that applies — the one for the type itself, else
 * DEFAULT_4XX or DEFAULT_5XX by status — and nothing else (no CORS header unless configured).
 */
export function gatewayResponse(
  type: GatewayErrorType,
  settings: GatewayResponseSettings,
  requestHeaders: Readonly<Record<string, string | undefined>>,
  message?: string,
  /** The body's key: `message`, but `Message` on a Lambda authorizer's deny (docs/aws-behaviour.md). */
  messageKey: 'message' | 'Message' = 'message',
): GatewayResponse {
  const defaults = DEFAULTS[type];
  const family = defaults.statusCode < 500 ? 'DEFAULT_4XX' : 'DEFAULT_5XX';
  const setting = settings[type] ?? settings[family];
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'x-amzn-ErrorType': defaults.errorType,
  };
  for (const [parameter, source] of Object.entries(setting?.responseParameters ?? {})) {
    const name = /^gatewayresponse\.header\.(.+)$/.exec(parameter)?.[1];
    const value = name && headerValue(source, requestHeaders);
    if (name && value !== undefined) headers[name] = value;
  }
  return {
    statusCode: setting?.statusCode ? Number(setting.statusCode) : defaults.statusCode,
    headers,
    body: JSON.stringify({ [messageKey]: message ?? defaults.message }),
  };
}

/** The status API Gateway answers an error of `type` with, before any GatewayResponse changes it. */
export const defaultStatus = (type: GatewayErrorType): number => DEFAULTS[type].statusCode;

/** `'static'` → static; `method.request.header.Origin` → that request header, if sent. */
function headerValue(source: string, requestHeaders: Readonly<Record<string, string | undefined>>): string | undefined {
  const literal = /^'(.*)'$/s.exec(source);
  if (literal) return literal[1];
  const fromHeader = /^method\.request\.header\.(.+)$/.exec(source)?.[1];
  return fromHeader ? requestHeaders[fromHeader.toLowerCase()] : undefined;
}
