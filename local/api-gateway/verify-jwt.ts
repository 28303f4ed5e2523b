import type { Algorithm, JwtPayload } from 'jsonwebtoken';
import { type Clock, realClock } from '../clock.ts';
import { httpApiClaims, tokenScopes } from './http-api-claims.ts';
import { jwksKeySource } from './jwks-key-source.ts';
import { INVALID_TOKEN, JwtRejectedError } from './jwt-refusals.ts';
import { TokenCache } from './token-cache.ts';
import { JwtFaultError, type SignaturePolicy, verifySignedJwt } from './verify-signed-jwt.ts';

export interface JwtVerifierOptions {
  /** The authorizer's issuer, resolved to the local pool's (`<cognito endpoint>/<pool id>`); `iss` must equal it exactly. */
  readonly issuer: string;
  /** Where the issuer's signing keys are published. Never taken from the token. */
  readonly jwksUri: string;
  /** The public key (PEM) for a `kid`; defaults to a cached jwks-rsa client on `jwksUri`. */
  readonly getSigningKey?: (kid: string) => Promise<string>;
  /** An unknown `kid` refetches the JWKS at most this often (default 10 s). */
  readonly jwksRefetchIntervalMs?: number;
  /** The time a remembered token is forgotten at its `exp`: the route's (local/clock.ts), the real time unless given. */
  readonly clock?: Clock;
}

/** A token whose signature and issuer hold, with what the authorizer hands on. */
export interface VerifiedJwt {
  readonly payload: JwtPayload & { readonly exp: number };
  /** The claims in the HTTP API's string formats. */
  readonly claims: Readonly<Record<string, string>>;
  /** From `scp` or `scope`. */
  readonly scopes: readonly string[];
}

/**
 * Checks what does not change while a token lives — RSA signature by `kid`, issuer, an `exp` —
 * and throws JwtRejectedError otherwise; a JWKS that cannot be read throws JwksUnavailableError.
 * Audience, times and scopes are the route's to check, on every request.
 */
export type VerifyJwt = (token: string) => Promise<VerifiedJwt>;

/** http-api-jwt-authorizer.html: "Currently, only RSA-based algorithms are supported" (PS* unconfirmed: refused). */
const RSA_ALGORITHMS: readonly Algorithm[] = ['RS256', 'RS384', 'RS512'];

/**
 * A verifier for one issuer, the HTTP API's JWT authorizer's steps 2–4 up to the issuer
 * (http-api-jwt-authorizer.html). A verified token is remembered until its `exp`, so that a
 * secured route costs about what a public one does.
 */
export function createJwtVerifier(options: JwtVerifierOptions): VerifyJwt {
  const getSigningKey = options.getSigningKey ?? jwksKeySource(options.jwksUri, options.jwksRefetchIntervalMs ?? 10_000);
  const clock = options.clock ?? realClock;
  const verified = new TokenCache<VerifiedJwt>(Number.POSITIVE_INFINITY, () => clock.now());
  const policy: SignaturePolicy = {
    algorithms: RSA_ALGORITHMS,
    issuer: options.issuer,
    jwksUri: options.jwksUri,
    signingKey: getSigningKey,
  };

  return async function verifyJwt(token) {
    const known = verified.get(token);
    if (known) return known;

    let payload: VerifiedJwt['payload'];
    try {
      // Times are the route's to check, on every request (the result is cached): no `at`.
      payload = await verifySignedJwt(token, policy);
    } catch (error) {
      if (!(error instanceof JwtFaultError)) throw error;
      // A JWKS that cannot be read is no refusal of the token (JwksUnavailableError).
      if (error.fault === 'jwks') throw error.cause;
      throw new JwtRejectedError(error.message, description(error), { cause: error.cause ?? error });
    }

    const result: VerifiedJwt = {
      payload,
      claims: httpApiClaims(payload),
      scopes: tokenScopes(payload),
    };
    verified.set(token, result, payload.exp);
    return result;
  };
}

/** The `error_description` of a fault of the core's, in the HTTP API's words. */
function description({ fault, algorithm }: JwtFaultError): string {
  switch (fault) {
    case 'malformed':
      return INVALID_TOKEN.malformed;
    case 'algorithm':
      return INVALID_TOKEN.algorithm(String(algorithm));
    case 'kid':
      return INVALID_TOKEN.kid;
    case 'issuer':
      return INVALID_TOKEN.issuer;
    case 'no-exp':
      return INVALID_TOKEN.noExpiry;
    default:
      return INVALID_TOKEN.signature;
  }
}
