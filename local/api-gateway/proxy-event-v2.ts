import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { clfTime, domainName, domainPrefix, type ProxyEventFacts, rawQueryString } from './proxy-event-facts.ts';

/** The parts of serverless-offline's payload 2.0 event (LambdaProxyIntegrationEventV2) kept as they are. */
export interface OfflineEventV2 {
  readonly routeKey: string;
  readonly rawPath: string;
  readonly body: string | null;
  readonly isBase64Encoded: boolean;
  readonly pathParameters: Readonly<Record<string, string>> | null;
  readonly requestContext: {
    readonly authorizer?: unknown;
    readonly http: { readonly method: string; readonly path: string; readonly protocol: string; readonly sourceIp: string };
    readonly routeKey: string;
    readonly stage: string;
    readonly timeEpoch: number;
  };
}

/**
 * A payload 2.0 event as the HTTP API hands it to the Lambda, field by field as AWS documents it
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html,
 * "Payload format structure"): header names lower-case, repeated headers and query parameters
 * joined with commas, the Cookie header moved to `cookies`; `body`, `cookies`,
 * `queryStringParameters`, `pathParameters` and `stageVariables` absent when there are none (the
 * aws-lambda types mark each optional); `rawQueryString` as sent; `requestId` a fresh id.
 */
export function payloadV2Event(event: OfflineEventV2, facts: ProxyEventFacts, requestId: string): APIGatewayProxyEventV2 {
  const { cookie, ...headers } = joinedHeaders(facts.rawHeaders);
  const query = rawQueryString(facts.url);
  const queryStringParameters = joinedQuery(query);
  const cookies = cookie?.split(/;\s*/).filter((crumb) => crumb !== '');
  const domain = domainName(facts.rawHeaders);
  const { http, authorizer, routeKey, stage, timeEpoch } = event.requestContext;
  return {
    version: '2.0',
    routeKey: event.routeKey,
    rawPath: event.rawPath,
    rawQueryString: query,
    ...(cookies?.length && { cookies }),
    headers,
    ...(queryStringParameters && { queryStringParameters }),
    requestContext: {
      accountId: facts.accountId,
      apiId: facts.apiId,
      ...(authorizer !== undefined && { authorizer: authorizer as never }),
      domainName: domain,
      domainPrefix: domainPrefix(domain),
      http: { ...http, userAgent: headers['user-agent'] ?? '' },
      requestId,
      routeKey,
      stage,
      time: clfTime(timeEpoch),
      timeEpoch,
    },
    ...(event.body !== null && event.body !== '' && { body: event.body }),
    ...(event.pathParameters && Object.keys(event.pathParameters).length > 0 && { pathParameters: { ...event.pathParameters } }),
    isBase64Encoded: event.isBase64Encoded,
  };
}

/** Header names lower-case; a header sent more than once, its values joined with commas (the Cookie header with "; ", as browsers join it). */
export function joinedHeaders(rawHeaders: readonly string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!.toLowerCase();
    const value = rawHeaders[i + 1]!;
    headers[name] = name in headers ? `${headers[name]}${name === 'cookie' ? '; ' : ','}${value}` : value;
  }
  return headers;
}

/** The query string's parameters, decoded, repeated ones joined with commas; undefined when there are none. */
export function joinedQuery(query: string): Record<string, string> | undefined {
  const parameters: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(query)) {
    parameters[name] = name in parameters ? `${parameters[name]},${value}` : value;
  }
  return Object.keys(parameters).length > 0 ? parameters : undefined;
}
