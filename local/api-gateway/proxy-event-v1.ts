import { createHash } from 'node:crypto';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { clfTime, domainName, domainPrefix, type ProxyEventFacts } from './proxy-event-facts.ts';

/** The parts of serverless-offline's payload 1.0 event (LambdaProxyIntegrationEvent) kept as they are. */
export interface OfflineEventV1 {
  readonly resource: string;
  readonly path: string;
  readonly httpMethod: string;
  readonly body: string | null;
  readonly isBase64Encoded: boolean;
  readonly pathParameters: Readonly<Record<string, string>> | null;
  readonly queryStringParameters: Readonly<Record<string, string>> | null;
  readonly multiValueQueryStringParameters: Readonly<Record<string, string[]>> | null;
  readonly requestContext: {
    readonly authorizer?: unknown;
    readonly extendedRequestId: string;
    readonly identity: { readonly sourceIp: string };
    readonly protocol: string;
    readonly requestId: string;
    readonly requestTimeEpoch: number;
    readonly stage: string;
  };
}

/** Which API the event is for: a REST API method, or an HTTP API route with payload format 1.0. */
export type PayloadV1Api = { readonly kind: 'rest' } | { readonly kind: 'http'; readonly routeKey: string; readonly requestId: string };

/**
 * A payload 1.0 event as API Gateway hands it to the Lambda, field by field as AWS documents it
 * (REST: https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-input-format;
 * HTTP API: http-api-develop-integrations-lambda.html, "Payload format structure"): headers as
 * sent (the last value of a repeated one; all of them in multiValueHeaders), none invented; null
 * where AWS sends null (no query string, no path parameters, no stage variables, no body, and the
 * caller identity of a request without IAM or Cognito identity pools); the API's ids; the
 * request time in UTC. An HTTP API's event also says `version: "1.0"`, its stage is `$default`
 * and its `resource` is the route's path.
 */
export function payloadV1Event(event: OfflineEventV1, facts: ProxyEventFacts, api: PayloadV1Api): APIGatewayProxyEvent {
  const { headers, multiValueHeaders } = headerMaps(facts.rawHeaders);
  const domain = domainName(facts.rawHeaders);
  const context = event.requestContext;
  const routePath = api.kind === 'http' ? (api.routeKey === '$default' ? '$default' : api.routeKey.split(' ')[1]!) : event.resource;
  const userAgent = headers[Object.keys(headers).find((name) => name.toLowerCase() === 'user-agent') ?? ''] ?? null;
  return {
    ...(api.kind === 'http' && { version: '1.0' }),
    resource: routePath,
    path: event.path,
    httpMethod: event.httpMethod,
    headers,
    multiValueHeaders,
    queryStringParameters: event.queryStringParameters,
    multiValueQueryStringParameters: event.multiValueQueryStringParameters,
    requestContext: {
      accountId: facts.accountId,
      apiId: facts.apiId,
      authorizer: context.authorizer as never,
      domainName: domain,
      domainPrefix: domainPrefix(domain),
      extendedRequestId: api.kind === 'http' ? api.requestId : context.extendedRequestId,
      httpMethod: event.httpMethod,
      identity: {
        accessKey: null,
        accountId: null,
        caller: null,
        ...(api.kind === 'http' && { cognitoAmr: null }),
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: context.identity.sourceIp,
        user: null,
        userAgent,
        userArn: null,
      } as APIGatewayProxyEvent['requestContext']['identity'],
      // REST: the path with its stage, as the client called it; HTTP API ($default stage): the path.
      path: api.kind === 'rest' ? `/${context.stage}${event.path}` : event.path,
      protocol: context.protocol,
      requestId: api.kind === 'http' ? api.requestId : context.requestId,
      requestTime: clfTime(context.requestTimeEpoch),
      requestTimeEpoch: context.requestTimeEpoch,
      resourceId: api.kind === 'http' ? api.routeKey : resourceId(routePath),
      resourcePath: routePath,
      stage: context.stage,
    },
    pathParameters: event.pathParameters && Object.keys(event.pathParameters).length > 0 ? { ...event.pathParameters } : null,
    stageVariables: null,
    body: event.body === '' ? null : event.body,
    isBase64Encoded: event.isBase64Encoded,
  };
}

/** `headers` keeps the last value of a repeated header, `multiValueHeaders` all of them; both null without headers. */
export function headerMaps(rawHeaders: readonly string[]) {
  if (rawHeaders.length === 0) return { headers: null as never, multiValueHeaders: null as never };
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const [name, value] = [rawHeaders[i]!, rawHeaders[i + 1]!];
    headers[name] = value;
    multiValueHeaders[name] = [...(multiValueHeaders[name] ?? []), value];
  }
  return { headers, multiValueHeaders };
}

/** Each resource path's id, made once. */
const resourceIds = new Map<string, string>();

/** A REST resource's id: six characters, stable for its path (AWS's look like `a1b2c3`; any opaque id will do). */
export function resourceId(resourcePath: string): string {
  let id = resourceIds.get(resourcePath);
  if (id === undefined) {
    id = createHash('sha256').update(resourcePath).digest('hex').slice(0, 6);
    resourceIds.set(resourcePath, id);
  }
  return id;
}
