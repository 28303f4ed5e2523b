import type { DevRequest } from '../dev-api/dev-api-types.ts';
import type { HapiRequest } from './hapi-server.ts';

// What the request log (`GET /_dev/api/requests`, local/dev-api/api-request-log.ts) says of one
// request, gathered along hapi's lifecycle: the route and its authorizer when the route's auth
// step runs, the authorizer's decision in words once it decided, the status in onPreResponse.

/** A route as the auth step knows it. */
export interface RouteNote {
  readonly api: DevRequest['api'];
  /** `GET /api/orders/{id}`, `$default`. */
  readonly route: string;
  /** Absent on a public route. */
  readonly authorizer?: string;
}

/** What the authorizer decided: the verdict of an allow, or the reason of a refusal (its status comes later). */
export type DecisionNote = { readonly allowed: true; readonly verdict?: string } | { readonly allowed: false; readonly reason?: string };

/** An authorizer's decision (REST or HTTP API) as the note keeps it. */
export function decisionNote(decision: { readonly allow: boolean; readonly verdict?: string; readonly reason?: string }): DecisionNote {
  return decision.allow ? { allowed: true, verdict: decision.verdict } : { allowed: false, reason: decision.reason };
}

const ROUTE = Symbol('routeNote');
const DECISION = Symbol('decisionNote');

type Notes = Record<symbol, unknown>;

export function noteRoute(request: HapiRequest, note: RouteNote): void {
  (request.app as Notes)[ROUTE] = note;
}

export function noteDecision(request: HapiRequest, note: DecisionNote): void {
  (request.app as Notes)[DECISION] = note;
}

/**
 * The request's line, once its status is known. `api` is the one the path is for when no route
 * matched. An allow is its verdict; a refusal is `<status>: <reason>`.
 */
export function devRequest(request: HapiRequest, status: number, api: DevRequest['api'], now = Date.now()): DevRequest {
  const route = (request.app as Notes)[ROUTE] as RouteNote | undefined;
  const decision = (request.app as Notes)[DECISION] as DecisionNote | undefined;
  const at = request.info.received ?? now;
  return {
    at,
    api: route?.api ?? api,
    method: request.method.toUpperCase(),
    path: request.path,
    ...(route && { route: route.route }),
    ...(route?.authorizer !== undefined && { authorizer: route.authorizer }),
    ...(route?.authorizer !== undefined && decision && { decision: decisionWords(decision, status) }),
    status,
    latencyMs: Math.max(0, now - at),
  };
}

function decisionWords(decision: DecisionNote, status: number): string {
  if (decision.allowed) return decision.verdict ?? 'allowed';
  return decision.reason ? `${status}: ${decision.reason}` : String(status);
}
