import { describeValue, isPlainObject, readPolicyDocument } from './authorizer-policy.ts';
import type { PolicyAnswer, ReadAnswer, SimpleAnswer } from './lambda-authorizer-types.ts';

// What API Gateway accepts from a Lambda authorizer, and what the route's Lambda then sees of it.
// Sources, cited by the tests and docs/aws-behaviour.md:
// [out] https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-output.html
// [http] https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html
// [http-lambda] https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html

/**
 * An IAM-policy answer (REST; HTTP API without simple responses) [out][http], or the one-line
 * reason API Gateway cannot use it: the caller answers 500 (AUTHORIZER_CONFIGURATION_ERROR).
 */
export function readPolicyAnswer(output: unknown, api: 'rest' | 'http'): ReadAnswer<PolicyAnswer> {
  const json = asLambdaReturnsIt(output);
  if (!json.ok) return json;
  const answer = json.value;
  if (!isPlainObject(answer))
    return refuse(`the answer must be an object with principalId and policyDocument, not ${describeValue(answer)}`);
  const { principalId, policyDocument, usageIdentifierKey } = answer;
  // "must include the principal identifier (principalId)" [out]; a number or "" is not taken for one [U].
  if (typeof principalId !== 'string' || principalId === '')
    return refuse(`principalId must be a non-empty string, not ${describeValue(principalId)}`);
  if (policyDocument === undefined) return refuse('the answer has no policyDocument');
  const policy = readPolicyDocument(policyDocument);
  if (!policy.ok) return policy;
  const context = readContext(answer.context, api);
  if (typeof context === 'string') return refuse(context);
  if (usageIdentifierKey !== undefined && usageIdentifierKey !== null && typeof usageIdentifierKey !== 'string') {
    return refuse(`usageIdentifierKey must be a string (an API key of the usage plan), not ${describeValue(usageIdentifierKey)}`);
  }
  const read: PolicyAnswer = { principalId, policyDocument: policy.policy, context };
  return { ok: true, answer: typeof usageIdentifierKey === 'string' ? { ...read, usageIdentifierKey } : read };
}

/**
 * An HTTP API simple answer (`EnableSimpleResponses`) [http]: authorized only for the boolean
 * `true`; `false`, `"true"`, `1` or no `isAuthorized` deny (403) [U]. Not an object: 500.
 */
export function readSimpleAnswer(output: unknown): ReadAnswer<SimpleAnswer> {
  const json = asLambdaReturnsIt(output);
  if (!json.ok) return json;
  const answer = json.value;
  if (!isPlainObject(answer)) return refuse(`the answer must be an object with isAuthorized, not ${describeValue(answer)}`);
  const context = readContext(answer.context, 'http');
  if (typeof context === 'string') return refuse(context);
  return { ok: true, answer: { isAuthorized: answer.isAuthorized === true, context } };
}

/**
 * A REST method's `event.requestContext.authorizer` (Lambda proxy integration) after an Allow:
 * the context values stringified [out], `null` kept [C], then `principalId` and
 * `integrationLatency` (a number, in ms) [C].
 */
export function restAuthorizerContext(answer: PolicyAnswer, integrationLatencyMs: number): Record<string, unknown> {
  const values = Object.fromEntries(Object.entries(answer.context).map(([key, value]) => [key, value === null ? null : String(value)]));
  return { ...values, principalId: answer.principalId, integrationLatency: integrationLatencyMs };
}

/**
 * An HTTP API route's `event.requestContext.authorizer` after an allowing answer, simple or policy:
 * the context as returned, under `lambda` [http-lambda]. Payload 2.0 is documented; 1.0 is taken to
 * be the same [U] (see docs/aws-behaviour.md).
 */
export function httpAuthorizerContext(answer: PolicyAnswer | SimpleAnswer, _payloadVersion: '1.0' | '2.0'): Record<string, unknown> {
  return { lambda: { ...answer.context } };
}

/** REST allows strings, numbers, booleans (and null [C]); the HTTP API any JSON value, as AWS's own example returns [http]. */
function readContext(value: unknown, api: 'rest' | 'http'): Readonly<Record<string, unknown>> | string {
  if (value === undefined || value === null) return {};
  if (!isPlainObject(value)) return `context must be an object, not ${describeValue(value)}`;
  if (api === 'http') return value;
  const nested = Object.entries(value).find(([, entry]) => typeof entry === 'object' && entry !== null);
  // "you cannot set a JSON object or array as a valid value of any key in the context map" [out]
  if (nested)
    return `context.${nested[0]} is ${describeValue(nested[1])}: a REST authorizer's context values must be strings, numbers or booleans`;
  return value;
}

/**
 * The answer as API Gateway receives it: Lambda serialises what the handler returned as JSON
 * (undefined keys vanish, a Date becomes its ISO string, `undefined` becomes null), so an in-process
 * result is passed through the same serialisation before it is read.
 */
function asLambdaReturnsIt(output: unknown): { ok: true; value: unknown } | { ok: false; reason: string } {
  try {
    const text = JSON.stringify(output);
    return { ok: true, value: text === undefined ? null : JSON.parse(text) };
  } catch (error) {
    return { ok: false, reason: `the answer cannot be serialised as JSON, as Lambda must: ${(error as Error).message.split('\n')[0]}` };
  }
}

function refuse(reason: string): { ok: false; reason: string } {
  return { ok: false, reason };
}
