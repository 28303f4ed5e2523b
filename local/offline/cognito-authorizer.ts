import { refuse } from './api-gateway.ts';
import { awsClaims } from './aws-claims.ts';
import type { HapiRequest, HapiToolkit } from './hapi.ts';
import { TokenCache } from './token-cache.ts';
import { TokenExpiredError, TokenRejectedError, type VerifyCognitoToken } from './verify-cognito-token.ts';

export type Authenticate = (request: HapiRequest, h: HapiToolkit) => Promise<unknown>;

export interface TokenAuthenticateOptions {
  /** The identity source header, lower-cased as hapi keeps it. */
  readonly header: string;
  /** The method's `authorizationScopes`; none means ID tokens only. */
  readonly scopes: readonly string[];
  /** How long a verified token's result is reused (0: verify every request). */
  readonly resultTtlSeconds: number;
  readonly verify: VerifyCognitoToken;
}

/**
 * An auth scheme's `authenticate` for a COGNITO_USER_POOLS method: a request with a valid token
 * goes on with the token's claims, in AWS's string formats; any other is refused exactly as API
 * Gateway refuses it, while the terminal gets the real reason.
 */
export function tokenAuthenticate(options: TokenAuthenticateOptions): Authenticate {
  const cache = new TokenCache<Record<string, string>>(options.resultTtlSeconds);
  return async (request, h) => {
    const refusal = (reason: string) => console.warn(`[authorizer] ${request.method.toUpperCase()} ${request.path} refused: ${reason}`);
    // Which of two identity headers API Gateway would read is undocumented: refuse both (the
    // strict side). Node itself answers a second Authorization header with a bare 400.
    if (headerCount(request, options.header) > 1) {
      refusal(`more than one ${options.header} header`);
      return refuse(request, h, 'UNAUTHORIZED');
    }
    const token = bearerToken(request.headers[options.header]);
    if (!token) {
      refusal(`no ${options.header} header`);
      return refuse(request, h, 'UNAUTHORIZED');
    }
    try {
      let claims = cache.get(token);
      if (!claims) {
        const payload = await options.verify(token, options.scopes);
        claims = awsClaims(payload);
        cache.set(token, claims, payload.exp!);
      }
      return h.authenticated({ credentials: { context: authorizerContext(claims) } });
    } catch (error) {
      if (error instanceof TokenRejectedError) {
        refusal((error as Error).message);
        return refuse(request, h, 'UNAUTHORIZED', error instanceof TokenExpiredError ? 'The incoming token has expired' : undefined);
      }
      console.error(`[authorizer] ${request.method.toUpperCase()} ${request.path} failed:`, error);
      return refuse(request, h, 'AUTHORIZER_FAILURE');
    }
  };
}

/**
 * What becomes `requestContext.authorizer`. serverless-offline assigns onto it an unverified
 * decode of any Authorization header, its own principalId and scopes: setters that ignore them
 * keep AWS's shape — `{ claims }` on a Cognito route, `{}` on a public one.
 */
export function authorizerContext(claims?: Record<string, string>): object {
  const context = {};
  Object.defineProperty(context, 'claims', { enumerable: claims !== undefined, get: () => claims, set: () => {} });
  for (const ignored of ['principalId', 'scopes']) {
    Object.defineProperty(context, ignored, { enumerable: false, get: () => undefined, set: () => {} });
  }
  return context;
}

function headerCount(request: HapiRequest, header: string): number {
  return request.raw.req.rawHeaders.filter((name, index) => index % 2 === 0 && name.toLowerCase() === header).length;
}

/** API Gateway takes the raw token or `Bearer <token>`; nothing else is stripped. */
function bearerToken(value: string | undefined): string | undefined {
  if (!value) return undefined;
  return value.startsWith('Bearer ') ? value.slice('Bearer '.length) : value;
}
