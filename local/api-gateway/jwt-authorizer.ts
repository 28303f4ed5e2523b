import { type Clock, realClock } from '../clock.ts';
import { identityToken } from './bearer-token.ts';
import { expiredWords, missingScopeWords } from './decision-words.ts';
import type { GatewayRequest } from './gateway-request.ts';
import type { GatewayResponse } from './gateway-responses.ts';
import { httpApiResponse, internalServerError } from './http-api-responses.ts';
import { INSUFFICIENT_SCOPE, INVALID_TOKEN, JwtRejectedError } from './jwt-refusals.ts';
import type { VerifiedJwt, VerifyJwt } from './verify-jwt.ts';

/** What an HTTP API route's authorizer decides: the request goes on (with the token's claims on a JWT route), or the gateway answers. */
export type HttpApiDecision =
  | {
      readonly allow: true;
      /** A JWT route's verified token. */
      readonly jwt?: HttpJwt;
      /** A Lambda authorizer's route: `requestContext.authorizer` whole, as the route's payload format has it. */
      readonly authorizer?: Readonly<Record<string, unknown>>;
      /** How it was allowed, in words, for the request log; absent on a public route. */
      readonly verdict?: string;
    }
  | {
      readonly allow: false;
      readonly response: GatewayResponse;
      /** Why, in words (`the token expired 3 min ago`), for the request log: never sent to the client. */
      readonly reason?: string;
    };

/** A JWT route's verified token as the Lambda receives it: claims in AWS's string formats, and the token's scopes (null on a route without scopes). */
export interface HttpJwt {
  readonly claims: Readonly<Record<string, string>>;
  readonly scopes: readonly string[] | null;
}

export type AuthorizeHttpApi = (request: GatewayRequest) => Promise<HttpApiDecision>;

export interface JwtAuthorizerOptions {
  /** The identity source header (`$request.header.Authorization` → `authorization`), lower-cased. */
  readonly header: string;
  /** `JwtConfiguration.Audience`: `aud`, or `client_id` when there is no `aud`, must be one of them. */
  readonly audiences: readonly string[];
  /** The route's `AuthorizationScopes`; none means any valid token. */
  readonly scopes: readonly string[];
  /** The issuer's verifier, shared by every route that trusts it. */
  readonly verify: VerifyJwt;
  /** The time `exp`, `nbf` and `iat` are checked against: the local stack's clock (local/clock.ts), the real time unless given. */
  readonly clock?: Clock;
}

/**
 * A JWT route's authorizer, as http-api-jwt-authorizer.html describes it: the token from the
 * identity source, its signature and issuer, then `aud`/`client_id`, `exp`, `nbf`, `iat` and the
 * route's scopes, checked on every request even when the signature check is remembered. A refusal
 * is API Gateway's answer — 401 with a `www-authenticate` challenge, 403 for scopes — while the
 * terminal gets the real reason.
 */
export function jwtAuthorizer(options: JwtAuthorizerOptions): AuthorizeHttpApi {
  const clock = options.clock ?? realClock;
  const scopeList = options.scopes.join(' ');
  const challenge = (error: string, description: string) =>
    `Bearer scope="${scopeList}" error="${error}" error_description="${description}"`;
  const unauthorized = (description: string) =>
    httpApiResponse(401, 'Unauthorized', { 'www-authenticate': challenge('invalid_token', description) });

  return async (request) => {
    const refused = (reason: string, response: GatewayResponse, words = reason): HttpApiDecision => {
      console.warn(`[authorizer] ${request.method.toUpperCase()} ${request.path} refused: ${reason}`);
      return { allow: false, response, reason: words };
    };
    const identity = identityToken(request, options.header);
    if ('missing' in identity) {
      const reason = identity.missing === 'repeated' ? `more than one ${options.header} header` : `no ${options.header} header`;
      return refused(reason, unauthorized(INVALID_TOKEN.missing));
    }
    let verified: VerifiedJwt;
    try {
      verified = await options.verify(identity.token);
    } catch (error) {
      if (error instanceof JwtRejectedError) return refused(error.message, unauthorized(error.description));
      // An issuer whose keys cannot be read is the gateway's fault, not the client's [U].
      console.error(`[authorizer] ${request.method.toUpperCase()} ${request.path} failed:`, error);
      const reason = `the issuer's keys could not be read: ${error instanceof Error ? error.message : String(error)}`;
      return { allow: false, response: internalServerError(), reason };
    }
    const now = clock.now();
    const problem = claimProblem(verified, options.audiences, now / 1000);
    if (problem) {
      const words = problem.description === INVALID_TOKEN.expired ? expiredWords(verified.payload.exp, now) : problem.reason;
      return refused(problem.reason, unauthorized(problem.description), words);
    }
    if (options.scopes.length === 0) return { allow: true, jwt: { claims: verified.claims, scopes: null }, verdict: 'allowed' };
    if (!options.scopes.some((scope) => verified.scopes.includes(scope))) {
      const reason = `the token's scopes (${verified.scopes.join(' ') || 'none'}) include none of ${scopeList}`;
      return refused(
        reason,
        httpApiResponse(403, 'Forbidden', { 'www-authenticate': challenge('insufficient_scope', INSUFFICIENT_SCOPE) }),
        missingScopeWords(options.scopes),
      );
    }
    // The token's own scopes, not their intersection with the route's (floci-io/floci PR 2011, measured).
    return { allow: true, jwt: { claims: verified.claims, scopes: verified.scopes }, verdict: 'allowed' };
  };
}

/** The first claim that fails, in the documented order: audience, then `exp`, `nbf`, `iat` (against `nowSeconds`). */
function claimProblem(verified: VerifiedJwt, audiences: readonly string[], nowSeconds: number) {
  const { aud, client_id: clientId, exp, nbf, iat } = verified.payload;
  // `client_id` counts only when there is no `aud` (http-api-troubleshooting-jwt.html).
  const [name, presented] = aud !== undefined ? ['aud', [aud].flat()] : ['client_id', typeof clientId === 'string' ? [clientId] : []];
  if (!presented.some((audience) => audiences.includes(audience))) {
    const reason = `${name} ${presented.join(' ') || 'missing'}: not among the audiences ${audiences.join(' ')}`;
    return { reason, description: INVALID_TOKEN.audience };
  }
  const past = (time: unknown) => typeof time === 'number' && time <= nowSeconds;
  if (past(exp)) return { reason: `the token expired at ${new Date(exp * 1000).toISOString()}`, description: INVALID_TOKEN.expired };
  // An absent `nbf` or `iat` passes; one that is not a number in the past does not.
  if (nbf !== undefined && !past(nbf)) return { reason: `nbf ${nbf} is not in the past`, description: INVALID_TOKEN.notYetValid };
  if (iat !== undefined && !past(iat)) return { reason: `iat ${iat} is not in the past`, description: INVALID_TOKEN.issuedInFuture };
  return undefined;
}
