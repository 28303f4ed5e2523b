import { STATUS_CODES } from 'node:http';
import { answerClientErrorsWithJson } from '../json-client-errors.ts';
import type { HapiRequest, HapiResponse, HapiServerInternals, HapiToolkit } from './hapi.ts';

/** serverless-offline's routes for Lambda's Invoke and (deprecated) InvokeAsync APIs. */
const INVOKE_ROUTES = new Set(['/2015-03-31/functions/{functionName}/invocations', '/2014-11-13/functions/{functionName}/invoke-async/']);
/** serverless-offline's payload limit on Invoke, Lambda's synchronous limit. */
const MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;

const installed = new WeakSet<HapiServerInternals>();

interface InvokeRequest extends HapiRequest {
  params: { functionName?: string };
  payload: Buffer | null;
}

/**
 * serverless-offline's Lambda invoke port (LAMBDA_PORT, for `aws lambda invoke --endpoint-url`)
 * answering malformed calls as Lambda does instead of with a 500: an unknown function is
 * ResourceNotFoundException (404), a payload or X-Amz-Client-Context that is not JSON is
 * InvalidRequestContentException (400), a payload over 6 MB is RequestTooLargeException (413),
 * and a request Node's parser refuses gets a JSON 4xx too. And an asynchronous invocation whose
 * handler throws no longer takes the whole of serverless-offline down (invokeInBackground).
 */
export function emulateLambdaInvokeErrors(server: HapiServerInternals, functionNames: () => readonly string[]): void {
  if (installed.has(server)) return;
  installed.add(server);
  server.ext('onPreHandler', (request, h) => {
    const invoke = request as InvokeRequest;
    return (
      refuseMalformedInvoke(invoke, h, functionNames()) ?? (isAsynchronous(invoke) ? invokeInBackground(server, invoke, h) : h.continue)
    );
  });
  server.ext('onPreResponse', (request, h) => {
    const response = request.response;
    if (response?.isBoom && response.output.statusCode === 413) {
      return lambdaError(
        h,
        413,
        'RequestTooLargeException',
        `Request must be smaller than ${MAX_PAYLOAD_BYTES} bytes for the InvokeFunction operation`,
      );
    }
    return h.continue;
  });
  answerClientErrorsWithJson(server.listener, ({ status }) => ({
    status,
    body: JSON.stringify({ Type: 'User', message: STATUS_CODES[status] }),
  }));
}

/** Lambda's answer to a malformed call on an invoke route, or undefined to let it through. */
function refuseMalformedInvoke(request: InvokeRequest, h: HapiToolkit, functionNames: readonly string[]): HapiResponse | undefined {
  if (!INVOKE_ROUTES.has(request.route.path)) return undefined;
  const functionName = request.params.functionName ?? '';
  if (!functionNames.includes(functionName)) {
    // Offline's own answer on the Invoke route, given to InvokeAsync too (it throws instead).
    return lambdaError(h, 404, 'ResourceNotFoundException', `Function not found: ${functionName}`, 'Message');
  }
  const clientContext = request.headers['x-amz-client-context'];
  if (clientContext !== undefined && !isJson(Buffer.from(clientContext, 'base64').toString('utf8'))) {
    return lambdaError(h, 400, 'InvalidRequestContentException', 'Client context must be a valid Base64-encoded JSON object.');
  }
  const payload = request.payload?.toString('utf8') ?? '';
  // Invoke reads an empty payload as `{}`; InvokeAsync parses whatever came.
  if (!(isInvokeRoute(request) && payload === '') && !isJson(payload)) {
    return lambdaError(h, 400, 'InvalidRequestContentException', 'Could not parse request body into json: the payload is not JSON.');
  }
  return undefined;
}

const isInvokeRoute = (request: InvokeRequest) => request.route.path.endsWith('/invocations');

/** InvokeAsync, or Invoke with `X-Amz-Invocation-Type: Event`. */
function isAsynchronous(request: InvokeRequest): boolean {
  return INVOKE_ROUTES.has(request.route.path) && (!isInvokeRoute(request) || request.headers['x-amz-invocation-type'] === 'Event');
}

/**
 * Offline runs an asynchronous invocation without awaiting it: a handler that throws is an
 * unhandled rejection, and serverless exits (the whole API goes down). Instead the function runs
 * through a synchronous Invoke of the same server, in the background, whose failure offline
 * reports and survives; the caller gets offline's own asynchronous answer at once.
 */
function invokeInBackground(server: HapiServerInternals, request: InvokeRequest, h: HapiToolkit): HapiResponse {
  const clientContext = request.headers['x-amz-client-context'];
  void server
    .inject({
      method: 'POST',
      url: `/2015-03-31/functions/${encodeURIComponent(request.params.functionName ?? '')}/invocations`,
      headers: clientContext === undefined ? {} : { 'x-amz-client-context': clientContext },
      payload: request.payload ?? '',
    })
    .catch(() => {});
  return isInvokeRoute(request) ? h.response('').code(202).takeover() : h.response({ StatusCode: 202 }).takeover();
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Lambda's error shape: the type in `x-amzn-ErrorType`, `{"Type":"User","message":…}` in the body. */
function lambdaError(h: HapiToolkit, status: number, type: string, message: string, messageKey = 'message'): HapiResponse {
  return h
    .response(JSON.stringify({ Type: 'User', [messageKey]: message }))
    .code(status)
    .type('application/json')
    .header('x-amzn-ErrorType', type)
    .takeover();
}
