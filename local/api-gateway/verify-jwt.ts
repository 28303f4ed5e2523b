import jwt, { type JwtPayload } from 'jsonwebtoken';
import { type Clock, realClock } from '../clock.ts';
import { httpApiClaims, tokenScopes } from './http-api-claims.ts';
import { jwksKeySource, UnknownKidError } from './jwks-key-source.ts';
import { INVALID_TOKEN, JwtRejectedError } from './jwt-refusals.ts';
import { TokenCache } from './token-cache.ts';

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
const RSA_ALGORITHMS = ['RS256', 'RS384', 'RS512'] as const;

/**
 * A verifier for one issuer, the HTTP API's JWT authorizer's steps 2–4 up to the issuer
 * (http-api-jwt-authorizer.html). A verified token is remembered until its `exp`, so that a
 * secured route costs about what a public one does.
 */
export function createJwtVerifier(options: JwtVerifierOptions): VerifyJwt {
  const getSigningKey = options.getSigningKey ?? jwksKeySource(options.jwksUri, options.jwksRefetchIntervalMs ?? 10_000);
  const clock = options.clock ?? realClock;
  const verified = new TokenCache<VerifiedJwt>(Number.POSITIVE_INFINITY, () => clock.now());

  return async function verifyJwt(token) {
    const known = verified.get(token);
    if (known) return known;

    const decoded = jwt.decode(token, { complete: true });
    if (decoded === null || typeof decoded.payload !== 'object' || Array.isArray(decoded.payload)) {
      throw new JwtRejectedError('not a JWT', INVALID_TOKEN.malformed);
    }
    const { alg, kid } = decoded.header;
    if (!(RSA_ALGORITHMS as readonly string[]).includes(alg)) {
      throw new JwtRejectedError(`algorithm ${alg} is not RS256, RS384 or RS512`, INVALID_TOKEN.algorithm(alg));
    }
    if (!kid) throw new JwtRejectedError('the token header has no kid', INVALID_TOKEN.kid);

    let key: string;
    try {
      key = await getSigningKey(kid);
    } catch (cause) {
      if (!(cause instanceof UnknownKidError)) throw cause;
      throw new JwtRejectedError(`no signing key for kid ${kid} at ${options.jwksUri} (${cause.message})`, INVALID_TOKEN.kid, { cause });
    }

    let payload: JwtPayload;
    try {
      // Times are the route's to check, on every request (the result is cached).
      payload = jwt.verify(token, key, { algorithms: [alg as jwt.Algorithm], ignoreExpiration: true, ignoreNotBefore: true }) as JwtPayload;
    } catch (cause) {
      throw new JwtRejectedError((cause as Error).message, INVALID_TOKEN.signature, { cause });
    }
    if (payload.iss !== options.issuer) {
      throw new JwtRejectedError(`iss is ${payload.iss ?? 'missing'}, not ${options.issuer}`, INVALID_TOKEN.issuer);
    }
    if (typeof payload.exp !== 'number') throw new JwtRejectedError('the token has no exp', INVALID_TOKEN.noExpiry);

    const result: VerifiedJwt = {
      payload: payload as VerifiedJwt['payload'],
      claims: httpApiClaims(payload),
      scopes: tokenScopes(payload),
    };
    verified.set(token, result, payload.exp);
    return result;
  };
}
