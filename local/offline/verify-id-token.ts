import jwt, { type JwtPayload } from 'jsonwebtoken';
import jwksRsa from 'jwks-rsa';

export interface IdTokenVerifierOptions {
  /** The pool's issuer, `<cognito endpoint>/<pool id>`; a token's `iss` must equal it exactly. */
  readonly issuer: string;
  /** Where the pool's signing keys are published. Never taken from the token. */
  readonly jwksUri: string;
  /** The public key (PEM) for a `kid`; defaults to a cached jwks-rsa client on `jwksUri`. */
  readonly getSigningKey?: (kid: string) => Promise<string>;
}

/** Why a token was refused. The message is for the terminal, never for the HTTP client. */
export class TokenRejectedError extends Error {
  override name = 'TokenRejectedError';
}

/** A genuine token past its `exp`: API Gateway answers it with a message of its own. */
export class TokenExpiredError extends TokenRejectedError {
  override name = 'TokenExpiredError';
}

export type VerifyIdToken = (token: string) => Promise<JwtPayload>;

/**
 * Verifies a Cognito ID token the way API Gateway's COGNITO_USER_POOLS authorizer does on a
 * method without OAuth scopes: RS256, a key from the pool's JWKS by `kid`, the pool's exact
 * issuer, an `exp` in the future and `token_use` "id". The JWKS client, and its key cache, are
 * built once per verifier.
 */
export function createIdTokenVerifier(options: IdTokenVerifierOptions): VerifyIdToken {
  const getSigningKey = options.getSigningKey ?? jwksKeySource(options.jwksUri);

  return async function verifyIdToken(token) {
    const decoded = jwt.decode(token, { complete: true });
    if (decoded === null || typeof decoded.payload === 'string') {
      throw new TokenRejectedError('not a JWT');
    }
    const { alg, kid } = decoded.header;
    if (alg !== 'RS256') throw new TokenRejectedError(`algorithm ${alg} is not RS256`);
    if (!kid) throw new TokenRejectedError('the token header has no kid');

    let key: string;
    try {
      key = await getSigningKey(kid);
    } catch (cause) {
      throw new TokenRejectedError(`no signing key for kid ${kid} at ${options.jwksUri}`, { cause });
    }

    let payload: JwtPayload;
    try {
      payload = jwt.verify(token, key, { algorithms: ['RS256'], issuer: options.issuer }) as JwtPayload;
    } catch (cause) {
      if (cause instanceof jwt.TokenExpiredError) throw new TokenExpiredError('the token has expired', { cause });
      throw new TokenRejectedError((cause as Error).message, { cause });
    }
    if (typeof payload.exp !== 'number') throw new TokenRejectedError('the token has no exp');
    if (payload.token_use !== 'id') {
      throw new TokenRejectedError(`token_use is ${payload.token_use ?? 'missing'}: send the ID token, not the access or refresh token`);
    }
    return payload;
  };
}

function jwksKeySource(jwksUri: string): (kid: string) => Promise<string> {
  const jwks = jwksRsa({ jwksUri, cache: true, timeout: 3000 });
  return async (kid) => (await jwks.getSigningKey(kid)).getPublicKey();
}
