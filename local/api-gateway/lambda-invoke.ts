import { STATUS_CODES } from 'node:http';

/** Lambda's payload limit on a synchronous Invoke. */
export const MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;

/** A call to Lambda's Invoke (`invoke`) or deprecated InvokeAsync (`invoke-async`) API. */
export interface InvokeCall {
  readonly api: 'invoke' | 'invoke-async';
  readonly functionName: string;
  /** By lower-cased name. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** The payload as text ('' when none came). */
  readonly payload: string;
}

/** Lambda's answer to a call it refuses: the type goes in `x-amzn-ErrorType`, the body is JSON. */
export interface LambdaErrorResponse {
  readonly statusCode: number;
  readonly errorType?: string;
  readonly body: string;
}

/**
 * What Lambda answers to a malformed call, or undefined to let it through: an unknown function
 * is ResourceNotFoundException (404), a payload or X-Amz-Client-Context that is not JSON is
 * InvalidRequestContentException (400).
 */
export function invokeRefusal(call: InvokeCall, functionNames: readonly string[]): LambdaErrorResponse | undefined {
  if (!functionNames.includes(call.functionName)) {
    // The emulator's own answer on the Invoke route, given to InvokeAsync too.
    return lambdaError(404, 'ResourceNotFoundException', `Function not found: ${call.functionName}`, 'Message');
  }
  const clientContext = call.headers['x-amz-client-context'];
  if (clientContext !== undefined && !isJson(Buffer.from(clientContext, 'base64').toString('utf8'))) {
    return lambdaError(400, 'InvalidRequestContentException', 'Client context must be a valid Base64-encoded JSON object.');
  }
  // Invoke reads an empty payload as `{}`; InvokeAsync parses whatever came.
  if (!(call.api === 'invoke' && call.payload === '') && !isJson(call.payload)) {
    return lambdaError(400, 'InvalidRequestContentException', 'Could not parse request body into json: the payload is not JSON.');
  }
  return undefined;
}

/** InvokeAsync, or Invoke with `X-Amz-Invocation-Type: Event`: answered at once, run in the background. */
export function isAsynchronous(call: InvokeCall): boolean {
  return call.api === 'invoke-async' || call.headers['x-amz-invocation-type'] === 'Event';
}

/** A payload over the limit. */
export const payloadTooLarge: LambdaErrorResponse = lambdaError(
  413,
  'RequestTooLargeException',
  `Request must be smaller than ${MAX_PAYLOAD_BYTES} bytes for the InvokeFunction operation`,
);

/** A request the HTTP parser refused with `status`: a JSON 4xx too. */
export function malformedInvokeResponse(status: number): LambdaErrorResponse {
  return { statusCode: status, body: JSON.stringify({ Type: 'User', message: STATUS_CODES[status] }) };
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function lambdaError(statusCode: number, errorType: string, message: string, messageKey = 'message'): LambdaErrorResponse {
  return { statusCode, errorType, body: JSON.stringify({ Type: 'User', [messageKey]: message }) };
}
