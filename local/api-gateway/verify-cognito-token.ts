import type { JwtPayload } from 'jsonwebtoken';
import { type Clock, epochSeconds, realClock } from '../clock.ts';
import { missingScopeWords } from './decision-words.ts';
import { jwksKeySource } from './jwks-key-source.ts';
import { JwtFaultError, type SignaturePolicy, verifySignedJwt } from './verify-signed-jwt.ts';

export interface CognitoTokenVerifierOptions {
  /** The pool's issuer, `<cognito endpoint>/<pool id>`; a token's `iss` must equal it exactly. */
  readonly issuer: string;
  /** Where the pool's signing keys are published. Never taken from the token. */
  readonly jwksUri: string;
  /** The public key (PEM) for a `kid`; defaults to a cached jwks-rsa client on `jwksUri`. */
  readonly getSigningKey?: (kid: string) => Promise<string>;
  /** An unknown `kid` refetches the JWKS at most this often (default 10 s). */
  readonly jwksRefetchIntervalMs?: number;
  /** The time `exp` and `nbf` are checked against: the local stack's clock (local/clock.ts), the real time unless given. */
  readonly clock?: Clock;
}

/** Why a token was refused. The message is for the terminal, never for the HTTP client. */
export class TokenRejectedError extends Error {
  override name = 'TokenRejectedError';

  constructor(
    message: string,
    options?: ErrorOptions & {
      /** The reason as the request log says it (`scope orders/read missing`), when shorter than the message. */
      readonly words?: string;
    },
  ) {
    super(message, options);
    this.words = options?.words;
  }

  readonly words: string | undefined;
}

/** A genuine token past its `exp`: API Gateway answers it with a message of its own. */
export class TokenExpiredError extends TokenRejectedError {
  override name = 'TokenExpiredError';
}

/**
 * Verifies a token for a method: without `scopes`, only ID tokens pass; with `scopes`, only
 * access tokens whose `scope` holds at least one of them (API Gateway's COGNITO_USER_POOLS rule).
 */
export type VerifyCognitoToken = (token: string, scopes?: readonly string[]) => Promise<JwtPayload>;

/**
 * Verifies Cognito tokens the way API Gateway's COGNITO_USER_POOLS authorizer does: the core
 * (verify-signed-jwt.ts) with RS256 only and the time checked, then the token use the method
 * calls for. `aud` is not checked, as on AWS. The JWKS client and its key cache are built once
 * per verifier.
 */
export function createCognitoTokenVerifier(options: CognitoTokenVerifierOptions): VerifyCognitoToken {
  const getSigningKey = options.getSigningKey ?? jwksKeySource(options.jwksUri, options.jwksRefetchIntervalMs ?? 10_000);
  const clock = options.clock ?? realClock;

  const policy: SignaturePolicy = {
    algorithms: ['RS256'],
    issuer: options.issuer,
    jwksUri: options.jwksUri,
    signingKey: getSigningKey,
    at: () => epochSeconds(clock),
  };

  return async function verifyCognitoToken(token, scopes = []) {
    let payload: JwtPayload;
    try {
      payload = await verifySignedJwt(token, policy);
    } catch (error) {
      if (!(error instanceof JwtFaultError)) throw error;
      // Whatever the fault, API Gateway answers 401; an expired token with a message of its own.
      const Refusal = error.fault === 'expired' ? TokenExpiredError : TokenRejectedError;
      throw new Refusal(error.message, { cause: error.cause ?? error });
    }
    checkTokenUse(payload, scopes);
    return payload;
  };
}

function checkTokenUse(payload: JwtPayload, scopes: readonly string[]): void {
  const use = payload.token_use ?? 'missing (a refresh token?)';
  if (scopes.length === 0) {
    if (use !== 'id') {
      throw new TokenRejectedError(`token_use is ${use}: a method without OAuth scopes takes the ID token`);
    }
    return;
  }
  if (use !== 'access') {
    throw new TokenRejectedError(`token_use is ${use}: a method with OAuth scopes (${scopes.join(' ')}) takes an access token`);
  }
  const granted = typeof payload.scope === 'string' ? payload.scope.split(' ') : [];
  if (!scopes.some((scope) => granted.includes(scope))) {
    throw new TokenRejectedError(`the access token's scopes (${granted.join(' ') || 'none'}) include none of ${scopes.join(' ')}`, {
      words: missingScopeWords(scopes),
    });
  }
}
