import type { LambdaRouteAuthorization } from '../cloudformation/api-routes.ts';
import { type Clock, realClock } from '../clock.ts';
import { readPolicyAnswer, restAuthorizerContext } from './authorizer-answer.ts';
import { restRequestEvent, restTokenEvent, executeApiArn } from './authorizer-events.ts';
import { evaluatePolicy } from './authorizer-policy.ts';
import { requestId } from './http-api-responses.ts';
import type { Authorize, AuthorizerDecision } from './cognito-authorizer.ts';
import { identityValues, tokenOf } from './identity-sources.ts';
import type { AuthorizedRoute, InvokeFunction, PolicyAnswer } from './lambda-authorizer-types.ts';
import type { TokenCache } from './token-cache.ts';
import { authorizerCache, authorizerLog, invokeAuthorizer } from './authorizer-invocation.ts';

// A REST API method's Lambda authorizer (TOKEN or REQUEST), in API Gateway's order
// (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-use-lambda-authorizer.html):
// the identity first — missing, empty or failing the validation expression (a REQUEST
// authorizer's sources only with caching on), 401 without invoking;
// then the cached policy for that identity, or the function's answer; then the policy evaluated
// against this method's ARN. The cache belongs to the authorizer, not the method: a policy cached
// on one method is evaluated against the next one's ARN.

/** Each authorizer's cached answers, by identity; shared by every method that uses the authorizer. */
export type AuthorizerCaches = Map<string, TokenCache<PolicyAnswer>>;

export interface LambdaAuthorizerOptions {
  readonly authorization: LambdaRouteAuthorization;
  /** The method, as its ARN and event name it (`httpMethod` is the request's own). */
  readonly route: Omit<AuthorizedRoute, 'httpMethod'>;
  readonly invoke: InvokeFunction;
  readonly caches: AuthorizerCaches;
  /** The time the cache's TTL runs on: the stack's clock (local/clock-file.ts), the real time unless given. */
  readonly clock?: Clock;
}

/** API Gateway's 403 bodies for a policy that does not allow the method (docs/aws-behaviour.md). */
const DENIED = {
  'explicit-deny': 'User is not authorized to access this resource with an explicit deny',
  'implicit-deny': 'User is not authorized to access this resource',
} as const;

export function lambdaAuthorizer(options: LambdaAuthorizerOptions): Authorize {
  const { authorization, invoke } = options;
  const clock = options.clock ?? realClock;
  const cache = authorizerCache(options.caches, authorization.authorizer, authorization.resultTtlSeconds, clock);
  const validation = validationExpression(authorization);
  return async (request) => {
    const log = authorizerLog(request, authorization.authorizer);
    const route: AuthorizedRoute = { ...options.route, httpMethod: request.method.toUpperCase() };
    const methodArn = executeApiArn(route, request.path);
    // A REQUEST authorizer's `context.requestId`/`requestTime` sources and event need them; a TOKEN one neither.
    const moment = authorization.authorizerType === 'REQUEST' ? { requestId: requestId(), timeEpoch: clock.now() } : undefined;
    let identity: readonly string[];
    if (authorization.authorizerType === 'TOKEN') {
      const token = tokenOf(request, authorization.identitySources[0]!);
      if ('missing' in token) return unauthorized(log, `no ${token.missing}`);
      if (validation && !validation.test(token.values[0]!)) {
        return unauthorized(log, `the token does not match the identityValidationExpression ${authorization.identityValidationExpression}`);
      }
      identity = token.values;
    } else {
      const values = identityValues(authorization.identitySources, request, route, moment);
      // Checked only with caching on: the sources are the cache's key (knowledge center, api-gateway-401-error-lambda-authorizer).
      if ('missing' in values && cache) return unauthorized(log, `the identity source ${values.missing} is missing or empty`);
      identity = 'missing' in values ? [] : values.values;
    }
    const key = identity.join('\u0000');
    const cached = cache?.get(key);
    if (cached) return decide(cached, methodArn, 0, (verdict) => log.decided(`${verdict} from the cached policy`));

    const event =
      authorization.authorizerType === 'TOKEN'
        ? restTokenEvent(identity[0]!, methodArn)
        : restRequestEvent(request, route, methodArn, moment!.requestId, moment!.timeEpoch);
    const invoked = await invokeAuthorizer(invoke, authorization.functionName, event);
    if (invoked.kind === 'unauthorized') {
      log.decided('refused: the function answered Unauthorized (401)');
      return { allow: false, refusal: { type: 'UNAUTHORIZED' }, reason: 'the function answered Unauthorized' };
    }
    if (invoked.kind === 'failed') return configurationError(log, invoked.reason);
    const read = readPolicyAnswer(invoked.output, 'rest');
    if (!read.ok) return configurationError(log, read.reason);
    cache?.set(key, read.answer, Number.POSITIVE_INFINITY);
    return decide(read.answer, methodArn, invoked.latencyMs, (verdict) => log.decided(verdict));
  };
}

/** The policy's word on `methodArn`: the method runs with the authorizer's context, or API Gateway's 403. */
function decide(answer: PolicyAnswer, methodArn: string, latencyMs: number, said: (verdict: string) => string): AuthorizerDecision {
  const verdict = evaluatePolicy(answer.policyDocument, methodArn);
  if (verdict === 'allow') {
    const words = said(`allowed (principal ${answer.principalId})`);
    return { allow: true, context: restAuthorizerContext(answer, latencyMs), verdict: words };
  }
  const reason = said(`${verdict === 'explicit-deny' ? 'denied by the policy' : 'not allowed by the policy'} for ${methodArn}`);
  return { allow: false, refusal: { type: 'ACCESS_DENIED', message: DENIED[verdict], messageKey: 'Message' }, reason };
}

function unauthorized(log: ReturnType<typeof authorizerLog>, reason: string): AuthorizerDecision {
  log.refused(reason);
  return { allow: false, refusal: { type: 'UNAUTHORIZED' }, reason };
}

function configurationError(log: ReturnType<typeof authorizerLog>, reason: string): AuthorizerDecision {
  log.failed(reason);
  return { allow: false, refusal: { type: 'AUTHORIZER_CONFIGURATION_ERROR' }, reason };
}

/**
 * `IdentityValidationExpression`, matched against the whole token as API Gateway's (Java) regular
 * expressions match [U]: `^Bearer .+$` and `Bearer .+` say the same.
 */
function validationExpression(authorization: LambdaRouteAuthorization): RegExp | undefined {
  const expression = authorization.authorizerType === 'TOKEN' ? authorization.identityValidationExpression : undefined;
  return expression === undefined ? undefined : new RegExp(`^(?:${expression})$`);
}
