import { type Clock, realClock } from '../clock.ts';
import { awsClaims } from './aws-claims.ts';
import { identityToken } from './bearer-token.ts';
import { expiredWords, unverifiedExp } from './decision-words.ts';
import type { GatewayRequest } from './gateway-request.ts';
import type { GatewayErrorType } from './gateway-responses.ts';
import { TokenCache } from './token-cache.ts';
import { TokenExpiredError, TokenRejectedError, type VerifyCognitoToken } from './verify-cognito-token.ts';

/** Why the gateway ends a request itself: its GatewayResponse type, and the message if not the type's default. */
export interface GatewayRefusal {
  readonly type: GatewayErrorType;
  readonly message?: string;
  /** The body's key, when not `message`. */
  readonly messageKey?: 'Message';
}

/** What a method's authorizer decides: the request goes on (with what the Lambda's event carries of it), or the gateway answers. */
export type AuthorizerDecision =
  | {
      readonly allow: true;
      /** A Cognito method's: the token's claims, `requestContext.authorizer.claims`. */
      readonly claims?: Readonly<Record<string, string>>;
      /** A Lambda authorizer's method: `requestContext.authorizer` whole (principalId, integrationLatency, context). */
      readonly context?: Readonly<Record<string, unknown>>;
      /** How it was allowed, in words (`allowed from the cached policy`), for the request log; absent on a public method. */
      readonly verdict?: string;
    }
  | {
      readonly allow: false;
      readonly refusal: GatewayRefusal;
      /** Why, in words (`the token expired 3 min ago`), for the request log: never sent to the client. */
      readonly reason?: string;
    };

export type Authorize = (request: GatewayRequest) => Promise<AuthorizerDecision>;

/** A method without an authorizer: every request goes on, with no claims. */
export const allowEveryone: Authorize = async () => ({ allow: true });

export interface CognitoAuthorizerOptions {
  /** The identity source header, lower-cased. */
  readonly header: string;
  /** The method's `authorizationScopes`; none means ID tokens only. */
  readonly scopes: readonly string[];
  /** How long a verified token's result is reused (0: verify every request). */
  readonly resultTtlSeconds: number;
  readonly verify: VerifyCognitoToken;
  /** The time the result cache's TTL runs on: the verifier's (local/clock.ts), the real time unless given. */
  readonly clock?: Clock;
}

/**
 * A COGNITO_USER_POOLS method's authorizer: a request with a valid token goes on with the
 * token's claims, in AWS's string formats; any other is refused exactly as API Gateway refuses
 * it, while the terminal gets the real reason.
 */
export function cognitoAuthorizer(options: CognitoAuthorizerOptions): Authorize {
  const clock = options.clock ?? realClock;
  const cache = new TokenCache<Record<string, string>>(options.resultTtlSeconds, () => clock.now());
  return async (request) => {
    const refusal = (reason: string) => console.warn(`[authorizer] ${request.method.toUpperCase()} ${request.path} refused: ${reason}`);
    const identity = identityToken(request, options.header);
    if ('missing' in identity) {
      const reason = identity.missing === 'repeated' ? `more than one ${options.header} header` : `no ${options.header} header`;
      refusal(reason);
      return { allow: false, refusal: { type: 'UNAUTHORIZED' }, reason };
    }
    const { token } = identity;
    try {
      let claims = cache.get(token);
      if (claims) return { allow: true, claims, verdict: 'allowed from the cached result' };
      const payload = await options.verify(token, options.scopes);
      claims = awsClaims(payload);
      cache.set(token, claims, payload.exp!);
      return { allow: true, claims, verdict: 'allowed' };
    } catch (error) {
      if (error instanceof TokenRejectedError) {
        refusal((error as Error).message);
        const expired = error instanceof TokenExpiredError;
        const message = expired ? 'The incoming token has expired' : undefined;
        const reason = expired ? expiredWords(unverifiedExp(token), clock.now()) : (error.words ?? error.message);
        return { allow: false, refusal: { type: 'UNAUTHORIZED', message }, reason };
      }
      console.error(`[authorizer] ${request.method.toUpperCase()} ${request.path} failed:`, error);
      const reason = `the authorizer failed: ${error instanceof Error ? error.message : String(error)}`;
      return { allow: false, refusal: { type: 'AUTHORIZER_FAILURE', message: undefined }, reason };
    }
  };
}
