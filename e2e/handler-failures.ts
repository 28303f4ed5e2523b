import type { ServiceEdit } from './variant-stack.ts';

// The ways a Lambda proxy integration fails, as e2e/fixtures/failing-handler.ts fails on request
// (`?fail=<mode>`), shared by the REST and HTTP API conformance suites.

/**
 * A function error: the handler throws, rejects, calls back with an error, or runs past its
 * `timeout`. REST: 502 Internal server error; HTTP API: 500 Internal Server Error
 * (https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway-errors.html,
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-lambda.html).
 */
export const FUNCTION_ERRORS = ['throw', 'reject', 'callback', 'status-in-message', 'timeout'] as const;

/**
 * A result with a statusCode that the gateway cannot read: "Malformed Lambda proxy response"
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-output-format,
 * https://repost.aws/knowledge-center/malformed-502-api-gateway); REST 502, HTTP API 500.
 */
export const MALFORMED_RESULTS = ['status-as-string', 'object-body', 'object-header', 'unknown-key'] as const;

/**
 * Results without a statusCode: malformed for REST and payload 1.0; payload 2.0 answers 200
 * application/json with this body ("If your Lambda function returns valid JSON and doesn't return
 * a statusCode…", https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html).
 */
export const WITHOUT_STATUS: Readonly<Record<string, string>> = {
  'no-status': '{"body":"no statusCode"}',
  string: 'Hello from Lambda!',
  object: '{"message":"Hello from Lambda!"}',
  nothing: 'null',
};

/** The failing handler (1 s timeout) and the event echo, as REST methods under `api/` or HTTP API routes under `/http/`. */
export const withFailingAndEchoRoutes =
  (api: 'http' | 'httpApi'): ServiceEdit =>
  (service) => {
    const route = (method: string, path: string) =>
      api === 'http' ? { http: { method, path: `api/${path}` } } : { httpApi: { method: method.toUpperCase(), path: `/http/${path}` } };
    service.functions.failing = { handler: 'e2e/fixtures/failing-handler.handler', timeout: 1, events: [route('get', 'failing')] };
    service.functions.eventEcho = {
      handler: 'e2e/fixtures/event-echo-handler.handler',
      events: [route('get', 'event/{id}'), route('post', 'event')],
    };
  };
