import type { HttpJwt } from '../api-gateway/jwt-authorizer.ts';

// What becomes `requestContext.authorizer` in the event serverless-offline hands a Lambda: the
// credentials context the adapter's auth steps give offline (offline-adapter.ts), and how an HTTP
// API route's payload 2.0 event is set right afterwards. offline-contract.test.ts runs offline's
// own event builders against each of these.

/** On an HTTP API route's credentials context: the JWT authorizer's verified result, or null on a public route. */
const VERIFIED_JWT = Symbol.for('hello-auth.verified-jwt');

/**
 * What an HTTP API route's auth step hands serverless-offline as `credentials.context`. Payload
 * 1.0: the event's `requestContext.authorizer`, built onto this object as on a REST route — the
 * verified claims and scopes, null on a public route (AWS's 1.0 example); offline's unverified
 * claims, scopes and principalId are ignored. Payload 2.0: offline puts it under
 * `authorizer.lambda`, where withVerifiedAuthorizer finds the verified result.
 */
export function httpApiAuthorizerContext(jwt: HttpJwt | undefined, payloadFormatVersion: '1.0' | '2.0'): object {
  if (payloadFormatVersion === '2.0') return { [VERIFIED_JWT]: jwt ?? null };
  const context = {};
  const fixed = (name: string, value: unknown) =>
    Object.defineProperty(context, name, { enumerable: true, get: () => value, set: () => {} });
  fixed('claims', jwt?.claims ?? null);
  fixed('scopes', jwt?.scopes ?? null);
  Object.defineProperty(context, 'principalId', { enumerable: false, get: () => undefined, set: () => {} });
  return context;
}

/**
 * A payload 2.0 event as the HTTP API hands it to the Lambda: `requestContext.authorizer` is
 * `{ jwt: { claims, scopes } }` as the route's JWT authorizer verified them, and absent on a
 * public route — never serverless-offline's decode. Events that did not come through an HTTP API
 * route's auth step (an Invoke call's payload, a REST event) go through untouched.
 */
export function withVerifiedAuthorizer<Event>(event: Event): Event {
  const requestContext = (event as { requestContext?: { authorizer?: { lambda?: Record<symbol, unknown> } } } | null)?.requestContext;
  const context = requestContext?.authorizer?.lambda;
  if (typeof context !== 'object' || context === null || !(VERIFIED_JWT in context)) return event;
  const jwt = context[VERIFIED_JWT] as HttpJwt | null;
  if (jwt) requestContext!.authorizer = { jwt: { claims: jwt.claims, scopes: jwt.scopes } } as never;
  else delete requestContext!.authorizer;
  return event;
}

/**
 * What becomes `requestContext.authorizer`. serverless-offline assigns onto it an unverified
 * decode of any Authorization header, its own principalId and scopes: setters that ignore them
 * keep AWS's shape — `{ claims }` on a Cognito route, `{}` on a public one.
 */
export function authorizerContext(claims?: Readonly<Record<string, string>>): object {
  const context = {};
  Object.defineProperty(context, 'claims', { enumerable: claims !== undefined, get: () => claims, set: () => {} });
  for (const ignored of ['principalId', 'scopes']) {
    Object.defineProperty(context, ignored, { enumerable: false, get: () => undefined, set: () => {} });
  }
  return context;
}
