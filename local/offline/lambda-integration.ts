import { requestId } from '../api-gateway/http-api-responses.ts';
import { type OfflineEventV1, payloadV1Event } from '../api-gateway/proxy-event-v1.ts';
import { type OfflineEventV2, payloadV2Event } from '../api-gateway/proxy-event-v2.ts';
import { lambdaPayload, readProxyResult } from '../api-gateway/proxy-result.ts';
import { withVerifiedAuthorizer } from './authorizer-context.ts';
import { eventInvocation, type RouteInvocation } from './route-invocation.ts';

// API Gateway's side of a Lambda proxy integration, around serverless-offline's Lambda function:
// the event the route's API builds (not offline's), and what the gateway makes of the result. A
// handler that throws, rejects, calls back with an error or times out, or returns a result the
// gateway cannot read, is a failed integration: the route's invocation says so, and the gateway
// answers with its own 5XX (hapi-server.ts). A valid result goes on to offline as the response
// the gateway reads from it (payload 2.0's inferred 200 included).

/** serverless-offline's Lambda function, as its HTTP server drives it: `setEvent(event)`, then `runHandler()`. */
export interface OfflineLambdaFunction {
  setEvent(event: unknown): void;
  runHandler(): Promise<unknown>;
}

/** What offline is handed instead of a failed integration's result; the gateway's answer replaces its response. */
const FAILED = { statusCode: 502, body: '' };

/** Wraps one of offline's Lambda functions so that the events and results of API routes go through API Gateway's rules. */
export function asProxyIntegration(lambdaFunction: OfflineLambdaFunction, log: (line: string) => void = console.warn): void {
  const { setEvent, runHandler } = lambdaFunction;
  // offline calls setEvent then runHandler on a function it took idle from its pool, with nothing in between.
  let invocation: RouteInvocation | undefined;
  lambdaFunction.setEvent = (event) => {
    invocation = eventInvocation(event);
    const verified = withVerifiedAuthorizer(event);
    setEvent.call(lambdaFunction, invocation ? awsEvent(verified, invocation) : verified);
  };
  lambdaFunction.runHandler = async () => {
    const current = invocation;
    invocation = undefined;
    if (!current) return runHandler.call(lambdaFunction);
    let result: unknown;
    try {
      result = await runHandler.call(lambdaFunction);
    } catch (error) {
      // offline logs the error itself.
      current.failure = `the function failed: ${error instanceof Error ? error.message : String(error)}`;
      throw error;
    }
    const serialized = lambdaPayload(result);
    const read = serialized
      ? readProxyResult(serialized.payload, current.payloadFormatVersion)
      : { ok: false as const, reason: 'the result cannot be serialized as JSON' };
    if (read.ok) return read.response;
    current.failure = `Malformed Lambda proxy response: ${read.reason}`;
    log(`[api] ${routeName(current)}: Execution failed due to configuration error: ${current.failure}`);
    return FAILED;
  };
}

/** The event the route's API hands its Lambda, built from offline's. */
export function awsEvent(event: unknown, invocation: RouteInvocation): unknown {
  const { facts, payloadFormatVersion, api, routeKey = '$default', requestId: id = requestId() } = invocation;
  if (payloadFormatVersion === '2.0') return payloadV2Event(event as OfflineEventV2, facts, id);
  return payloadV1Event(event as OfflineEventV1, facts, api === 'rest' ? { kind: 'rest' } : { kind: 'http', routeKey, requestId: id });
}

function routeName({ api, routeKey, facts }: RouteInvocation): string {
  return api === 'http' ? `HTTP API route ${routeKey}` : `REST API ${facts.url.split('?')[0]}`;
}
