import type { HttpLambdaAuthorization } from '../cloudformation/http-api.ts';
import { type Clock, realClock } from '../clock.ts';
import { httpAuthorizerContext, readPolicyAnswer, readSimpleAnswer } from './authorizer-answer.ts';
import { executeApiArn, httpRequestEventV1, httpRequestEventV2 } from './authorizer-events.ts';
import { authorizerCache, authorizerLog, invokeAuthorizer, type AuthorizerLog } from './authorizer-invocation.ts';
import { evaluatePolicy } from './authorizer-policy.ts';
import { httpApiResponse, internalServerError, requestId } from './http-api-responses.ts';
import { identityValues } from './identity-sources.ts';
import type { AuthorizeHttpApi, HttpApiDecision } from './jwt-authorizer.ts';
import type { AuthorizedRoute, InvokeFunction, PolicyAnswer, SimpleAnswer } from './lambda-authorizer-types.ts';
import type { TokenCache } from './token-cache.ts';

// An HTTP API route's Lambda authorizer, as http-api-lambda-authorizer.html describes it: every
// identity source present and non-empty or 401 without invoking; the cached answer for that
// identity, or the function's; a simple answer allows only with `isAuthorized: true` (for every
// route, when cached), a policy answer is evaluated against this route's ARN. Its answers are the
// HTTP API's own: 401 Unauthorized, 403 Forbidden, 500 Internal Server Error.

type Answer = { readonly simple: SimpleAnswer } | { readonly policy: PolicyAnswer };

/** Each authorizer's cached answers, by identity; shared by every route that uses the authorizer. */
export type HttpAuthorizerCaches = Map<string, TokenCache<Answer>>;

export interface HttpLambdaAuthorizerOptions {
  readonly authorization: HttpLambdaAuthorization;
  /** The route, as its ARN and event name it (`httpMethod` is the request's own). */
  readonly route: Omit<AuthorizedRoute, 'httpMethod'>;
  /** The route's integration's payload format: where the handler finds the authorizer's context. */
  readonly integrationPayload: '1.0' | '2.0';
  readonly invoke: InvokeFunction;
  readonly caches: HttpAuthorizerCaches;
  readonly clock?: Clock;
}

export function httpLambdaAuthorizer(options: HttpLambdaAuthorizerOptions): AuthorizeHttpApi {
  const { authorization, invoke, integrationPayload } = options;
  const clock = options.clock ?? realClock;
  const cache = authorizerCache(options.caches, authorization.authorizer, authorization.resultTtlSeconds, clock);
  return async (request) => {
    const log = authorizerLog(request, authorization.authorizer);
    const route: AuthorizedRoute = { ...options.route, httpMethod: request.method.toUpperCase() };
    const routeArn = executeApiArn(route, request.path);
    const moment = { requestId: requestId(), timeEpoch: clock.now() };
    const values = identityValues(authorization.identitySources, request, route, moment);
    if ('missing' in values) {
      const reason = `the identity source ${values.missing} is missing or empty`;
      log.refused(reason);
      return { allow: false, response: httpApiResponse(401, 'Unauthorized'), reason };
    }
    const key = values.values.join('\u0000');
    const cached = cache?.get(key);
    if (cached) return decide(cached, routeArn, (verdict) => log.decided(`${verdict} from the cached answer`));

    const { requestId: id, timeEpoch } = moment;
    const event =
      authorization.payloadFormatVersion === '2.0'
        ? httpRequestEventV2(request, route, values.values, routeArn, id, timeEpoch)
        : httpRequestEventV1(request, route, values.values, routeArn, id, timeEpoch);
    const invoked = await invokeAuthorizer(invoke, authorization.functionName, event);
    // The HTTP API documents no `Unauthorized` error of its own: any error is its 500 [U].
    if (invoked.kind !== 'answered') return failed(log, invoked.kind === 'failed' ? invoked.reason : 'the function answered Unauthorized');
    const answer = readAnswer(authorization, invoked.output);
    if ('reason' in answer) return failed(log, answer.reason);
    cache?.set(key, answer, Number.POSITIVE_INFINITY);
    return decide(answer, routeArn, (verdict) => log.decided(verdict));
  };

  function decide(answer: Answer, routeArn: string, said: (verdict: string) => string): HttpApiDecision {
    if ('simple' in answer) {
      if (!answer.simple.isAuthorized) {
        const reason = said('not authorized (isAuthorized is not true)');
        return { allow: false, response: httpApiResponse(403, 'Forbidden'), reason };
      }
      const verdict = said('allowed');
      return { allow: true, authorizer: httpAuthorizerContext(answer.simple, integrationPayload), verdict };
    }
    const verdict = evaluatePolicy(answer.policy.policyDocument, routeArn);
    if (verdict !== 'allow') {
      const reason = said(`${verdict === 'explicit-deny' ? 'denied by the policy' : 'not allowed by the policy'} for ${routeArn}`);
      return { allow: false, response: httpApiResponse(403, 'Forbidden'), reason };
    }
    const words = said(`allowed (principal ${answer.policy.principalId})`);
    return { allow: true, authorizer: httpAuthorizerContext(answer.policy, integrationPayload), verdict: words };
  }
}

function readAnswer(authorization: HttpLambdaAuthorization, output: unknown): Answer | { reason: string } {
  if (authorization.simpleResponses) {
    const read = readSimpleAnswer(output);
    return read.ok ? { simple: read.answer } : { reason: read.reason };
  }
  const read = readPolicyAnswer(output, 'http');
  return read.ok ? { policy: read.answer } : { reason: read.reason };
}

function failed(log: AuthorizerLog, reason: string): HttpApiDecision {
  log.failed(reason);
  return { allow: false, response: internalServerError(), reason };
}
