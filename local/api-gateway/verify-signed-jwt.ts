import jwt, { type JwtPayload } from 'jsonwebtoken';
import { UnknownKidError } from './jwks-key-source.ts';

/** Why the core refused a token; each authorizer answers it in its own terms. */
export type JwtFault = 'malformed' | 'algorithm' | 'kid' | 'jwks' | 'signature' | 'expired' | 'issuer' | 'no-exp';

/** A token the core refused: `fault` says why, the message is for the terminal. */
export class JwtFaultError extends Error {
  override name = 'JwtFaultError';

  constructor(
    readonly fault: JwtFault,
    message: string,
    options?: ErrorOptions & { readonly algorithm?: string },
  ) {
    super(message, options);
    this.algorithm = options?.algorithm;
  }

  /** The header's `alg`, for an `algorithm` fault. */
  readonly algorithm: string | undefined;
}

/** What an authorizer asks of the core. */
export interface SignaturePolicy {
  /** The RSA algorithms it takes (the REST API's Cognito authorizer RS256 only). */
  readonly algorithms: readonly jwt.Algorithm[];
  /** The issuer `iss` must equal exactly. */
  readonly issuer: string;
  /** Where the issuer's signing keys are published (named in the terminal's messages). */
  readonly jwksUri: string;
  /** The public key (PEM) for a `kid`, from the issuer's JWKS: never from the token. */
  readonly signingKey: (kid: string) => Promise<string>;
  /** Epoch seconds `exp` and `nbf` are checked against; without it, the times are the caller's to check. */
  readonly at?: () => number;
}

/**
 * The one verification core of the local API Gateway's two JWT authorizers, the REST API's
 * COGNITO_USER_POOLS and the HTTP API's JWT: a JWT whose header names an algorithm the policy
 * takes and a `kid`; a signature that holds with that key of the issuer's JWKS; an `iss` equal to
 * the issuer; an `exp` (in the future, when the policy gives the time). Token use, scopes,
 * audience and the answers are each authorizer's own (verify-cognito-token.ts, verify-jwt.ts).
 * https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-tokens-verifying-a-jwt.html
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html
 */
export async function verifySignedJwt(token: string, policy: SignaturePolicy): Promise<JwtPayload & { readonly exp: number }> {
  const decoded = jwt.decode(token, { complete: true });
  if (decoded === null || typeof decoded.payload !== 'object' || Array.isArray(decoded.payload)) {
    throw new JwtFaultError('malformed', 'not a JWT');
  }
  const { alg, kid } = decoded.header;
  if (!(policy.algorithms as readonly string[]).includes(alg)) {
    const taken = policy.algorithms.join(', ').replace(/, (\w+)$/, ' or $1');
    throw new JwtFaultError('algorithm', `algorithm ${alg} is not ${taken}`, { algorithm: alg });
  }
  if (!kid) throw new JwtFaultError('kid', 'the token header has no kid');

  let key: string;
  try {
    key = await policy.signingKey(kid);
  } catch (cause) {
    const fault = cause instanceof UnknownKidError ? 'kid' : 'jwks';
    throw new JwtFaultError(fault, `no signing key for kid ${kid} at ${policy.jwksUri} (${(cause as Error).message})`, { cause });
  }

  let payload: JwtPayload;
  try {
    const times = policy.at ? { clockTimestamp: policy.at() } : { ignoreExpiration: true, ignoreNotBefore: true };
    payload = jwt.verify(token, key, { algorithms: [alg as jwt.Algorithm], ...times }) as JwtPayload;
  } catch (cause) {
    if (cause instanceof jwt.TokenExpiredError) throw new JwtFaultError('expired', 'the token has expired', { cause });
    throw new JwtFaultError('signature', (cause as Error).message, { cause });
  }
  if (payload.iss !== policy.issuer) throw new JwtFaultError('issuer', `iss is ${payload.iss ?? 'missing'}, not ${policy.issuer}`);
  if (typeof payload.exp !== 'number') throw new JwtFaultError('no-exp', 'the token has no exp');
  return payload as JwtPayload & { readonly exp: number };
}
