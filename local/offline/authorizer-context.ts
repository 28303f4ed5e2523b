import type { HttpJwt } from '../api-gateway/jwt-authorizer.ts';

// What becomes `requestContext.authorizer` in the event serverless-offline hands a Lambda: the
// credentials context the adapter's auth steps give offline (offline-adapter.ts), and how an HTTP
// API route's payload 2.0 event is set right afterwards. offline-contract.test.ts runs offline's
// own event builders against each of these.

/** On an HTTP API route's payload 2.0 credentials context: `requestContext.authorizer` as the route's authorizer decided it, or null on a public route. */
const VERIFIED_AUTHORIZER = Symbol.for('hello-auth.verified-authorizer');

/**
 * What an HTTP API route's auth step hands serverless-offline as `credentials.context`. Payload
 * 1.0: the event's `requestContext.authorizer`, built onto this object as on a REST route — the
 * verified claims and scopes, null on a public route (AWS's 1.0 example); offline's unverified
 * claims, scopes and principalId are ignored. Payload 2.0: offline puts it under
 * `authorizer.lambda`, where withVerifiedAuthorizer finds the verified result.
 */
export function httpApiAuthorizerContext(jwt: HttpJwt | undefined, payloadFormatVersion: '1.0' | '2.0'): object {
  if (payloadFormatVersion === '2.0') return { [VERIFIED_AUTHORIZER]: jwt ? { jwt: { claims: jwt.claims, scopes: jwt.scopes } } : null };
  return fixedContext({ claims: jwt?.claims ?? null, scopes: jwt?.scopes ?? null });
}

/**
 * An HTTP API route's credentials context after its Lambda authorizer allowed the request:
 * `authorizer` is `requestContext.authorizer` as the route's payload format has it
 * (http-lambda-authorizer.ts).
 */
export function httpApiLambdaAuthorizerContext(authorizer: Readonly<Record<string, unknown>>, payloadFormatVersion: '1.0' | '2.0'): object {
  return payloadFormatVersion === '2.0' ? { [VERIFIED_AUTHORIZER]: authorizer } : fixedContext(authorizer);
}

/**
 * A payload 2.0 event as the HTTP API hands it to the Lambda: `requestContext.authorizer` is
 * what the route's authorizer decided (`{ jwt: { claims, scopes } }`, `{ lambda: … }`), and
 * absent on a public route — never serverless-offline's decode. Events that did not come through
 * an HTTP API route's auth step (an Invoke call's payload, a REST event) go through untouched.
 */
export function withVerifiedAuthorizer<Event>(event: Event): Event {
  const requestContext = (event as { requestContext?: { authorizer?: { lambda?: Record<symbol, unknown> } } } | null)?.requestContext;
  const context = requestContext?.authorizer?.lambda;
  if (typeof context !== 'object' || context === null || !(VERIFIED_AUTHORIZER in context)) return event;
  const authorizer = context[VERIFIED_AUTHORIZER] as Record<string, unknown> | null;
  if (authorizer) requestContext!.authorizer = authorizer as never;
  else delete requestContext!.authorizer;
  return event;
}

/**
 * What becomes `requestContext.authorizer` on a REST method. serverless-offline assigns onto it
 * an unverified decode of any Authorization header, its own principalId and scopes: setters that
 * ignore them keep AWS's shape — `{ claims }` on a Cognito method, `{}` on a public one.
 */
export function authorizerContext(claims?: Readonly<Record<string, string>>): object {
  return fixedContext(claims === undefined ? {} : { claims });
}

/** A REST method's `requestContext.authorizer` after its Lambda authorizer allowed the request: principalId, integrationLatency and the context values. */
export function lambdaAuthorizerContext(authorizer: Readonly<Record<string, unknown>>): object {
  return fixedContext(authorizer);
}

/** An object with exactly `values` as its enumerable properties, on which serverless-offline's own assignments (claims, principalId, scopes…) change nothing. */
function fixedContext(values: Readonly<Record<string, unknown>>): object {
  const context = {};
  for (const [name, value] of Object.entries(values)) {
    Object.defineProperty(context, name, { enumerable: true, get: () => value, set: () => {} });
  }
  for (const ignored of ['claims', 'principalId', 'scopes']) {
    if (!(ignored in values)) Object.defineProperty(context, ignored, { enumerable: false, get: () => undefined, set: () => {} });
  }
  return context;
}
