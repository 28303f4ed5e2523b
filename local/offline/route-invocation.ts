import type { ProxyEventFacts } from '../api-gateway/proxy-event-facts.ts';
import type { PayloadFormatVersion } from '../api-gateway/proxy-result.ts';

// One request's trip through a Lambda proxy integration, from the route's auth step (which knows
// the API, the payload format and the request as sent) to the Lambda's event and result
// (lambda-integration.ts) and back to the gateway's answer (hapi-server.ts). It rides on the
// credentials context the auth step hands serverless-offline: offline puts that very object into
// the event (`requestContext.authorizer`, or `authorizer.lambda` for payload 2.0) and keeps it on
// the hapi request (`request.auth.credentials.context`). offline-contract.test.ts checks both.

export interface RouteInvocation {
  /** A REST API method, or an HTTP API route. */
  readonly api: 'rest' | 'http';
  readonly payloadFormatVersion: PayloadFormatVersion;
  /** HTTP API: the route's key (`GET /items/{id}`, `$default`). */
  readonly routeKey?: string;
  /** HTTP API: the request's id, in the event (`requestContext.requestId`) and the response (`apigw-requestid`). */
  readonly requestId?: string;
  /** The request as sent, and the API's ids. */
  readonly facts: ProxyEventFacts;
  /** Why the integration failed, as API Gateway counts a failure (the gateway then answers its own 5XX). */
  failure?: string;
}

const INVOCATION = Symbol.for('hello-auth.route-invocation');

/** `context` with `invocation` on it, out of sight of JSON, spreads and offline's own assignments. */
export function withInvocation<Context extends object>(context: Context, invocation: RouteInvocation): Context {
  Object.defineProperty(context, INVOCATION, { value: invocation, enumerable: false });
  return context;
}

/** The invocation a credentials context carries, if it came from one of the adapter's auth steps. */
export function invocationOf(context: unknown): RouteInvocation | undefined {
  return typeof context === 'object' && context !== null ? (context as Record<symbol, RouteInvocation | undefined>)[INVOCATION] : undefined;
}

/** The invocation an event serverless-offline built carries: on its authorizer (payload 1.0) or under `authorizer.lambda` (2.0). */
export function eventInvocation(event: unknown): RouteInvocation | undefined {
  const authorizer = (event as { requestContext?: { authorizer?: { lambda?: unknown } } } | null)?.requestContext?.authorizer;
  return invocationOf(authorizer) ?? invocationOf(authorizer?.lambda);
}
