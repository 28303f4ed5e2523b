// The events API Gateway hands a Lambda authorizer, and the method / route ARN they name, field by
// field as AWS documents them: REST TOKEN and REQUEST,
// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-input.html;
// HTTP API payload 1.0 and 2.0,
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html#http-api-lambda-authorizer.payload-format.

import type { APIGatewayRequestAuthorizerEvent, APIGatewayRequestAuthorizerEventV2, APIGatewayTokenAuthorizerEvent } from 'aws-lambda';
import type { GatewayRequest } from './gateway-request.ts';
import { sentHeaders } from './identity-sources.ts';
import type { AuthorizedRoute } from './lambda-authorizer-types.ts';
import { clfTime, domainName, domainPrefix, rawQueryString } from './proxy-event-facts.ts';
import { headerMaps, resourceId } from './proxy-event-v1.ts';
import { joinedHeaders, joinedQuery } from './proxy-event-v2.ts';

/**
 * `arn:aws:execute-api:{region}:{accountId}:{apiId}/{stage}/{HTTP_METHOD}/{path}`: the path as
 * requested (values, not `{id}`), without the stage prefix and its leading slash, so the root is
 * `…/GET/` (the TOKEN example's `ymy8tbxw7b/*\/GET/`); the HTTP API's stage is `$default`
 * (`…/$default/GET/products`, as captured). `requestPath` is the request's path as
 * GatewayRequest has it: with the REST stage's prefix.
 */
export function executeApiArn(route: AuthorizedRoute, requestPath: string): string {
  const path = stagelessPath(route, requestPath).replace(/^\//, '');
  return `arn:aws:execute-api:${route.region}:${route.accountId}:${route.apiId}/${route.stage}/${route.httpMethod}/${path}`;
}

/** A TOKEN authorizer's event: the token from its header, and the method's ARN. */
export function restTokenEvent(token: string, methodArn: string): APIGatewayTokenAuthorizerEvent {
  return { type: 'TOKEN', methodArn, authorizationToken: token };
}

/**
 * A REST REQUEST authorizer's event: the request's parts, and the request context as the method's
 * Lambda gets it (proxy-event-v1.ts) without `authorizer`. Maps the request lacks are `{}`, not
 * null (AWS's example has `"pathParameters": {}`; captured events have `{}` for query strings,
 * path parameters and stage variables); `headers` keeps a repeated header's last value.
 */
export function restRequestEvent(
  request: GatewayRequest,
  route: AuthorizedRoute,
  methodArn: string,
  requestId: string,
  timeEpoch: number,
): APIGatewayRequestAuthorizerEvent {
  const requestContext = restContext(request, route, requestId, timeEpoch) as APIGatewayRequestAuthorizerEvent['requestContext'];
  return { type: 'REQUEST', methodArn, ...requestParts(request, route), requestContext };
}

/** An HTTP API payload 1.0 authorizer event, typed by hand: @types/aws-lambda has none. */
export type HttpApiRequestAuthorizerEventV1 = Omit<APIGatewayRequestAuthorizerEvent, 'requestContext'> & {
  readonly version: '1.0';
  /** The identity source values joined with commas (`"user1,123"`); null when the authorizer has none. */
  readonly identitySource: string | null;
  /** The same string as `identitySource`, as AWS's example has it. */
  readonly authorizationToken: string | null;
  readonly requestContext: RequestContext;
};

/** An HTTP API authorizer's event in payload format 1.0: REST's REQUEST event, with the identity sources' values, the route's path as `resource`, stage `$default`. */
export function httpRequestEventV1(
  request: GatewayRequest,
  route: AuthorizedRoute,
  identitySource: readonly string[],
  methodArn: string,
  requestId: string,
  timeEpoch: number,
): HttpApiRequestAuthorizerEventV1 {
  const joined = identitySource.length > 0 ? identitySource.join(',') : null;
  const context = restContext(request, route, requestId, timeEpoch);
  return {
    version: '1.0',
    type: 'REQUEST',
    methodArn,
    identitySource: joined,
    authorizationToken: joined,
    ...requestParts(request, route),
    requestContext: {
      ...context,
      // As in the HTTP API's 1.0 proxy event (proxy-event-v1.ts): `cognitoAmr`, and the route key for the resource's id.
      identity: { ...context.identity, cognitoAmr: null } as typeof context.identity,
      resourceId: route.routeKey ?? '$default',
    },
  };
}

/** The 2.0 event, with `identitySource` null when the authorizer has none (as captured). */
export type HttpApiRequestAuthorizerEventV2 = Omit<APIGatewayRequestAuthorizerEventV2, 'identitySource' | 'cookies'> & {
  readonly identitySource: string[] | null;
  readonly cookies?: string[];
};

/**
 * An HTTP API authorizer's event in payload format 2.0, as the 2.0 proxy event (proxy-event-v2.ts)
 * has the request: header names lower-case, repeats joined with commas, the Cookie header moved to
 * `cookies`; `cookies`, `queryStringParameters`, `pathParameters` and `stageVariables` absent when
 * there are none (a captured event has none of them).
 */
export function httpRequestEventV2(
  request: GatewayRequest,
  route: AuthorizedRoute,
  identitySource: readonly string[],
  routeArn: string,
  requestId: string,
  timeEpoch: number,
): HttpApiRequestAuthorizerEventV2 {
  const rawHeaders = sentHeaders(request);
  const { cookie, ...headers } = joinedHeaders(rawHeaders);
  const query = rawQueryString(request.url ?? '');
  const queryStringParameters = joinedQuery(query);
  const cookies = cookie?.split(/;\s*/).filter((crumb) => crumb !== '');
  const domain = domainName(rawHeaders);
  const routeKey = route.routeKey ?? '$default';
  const pathParameters = request.pathParameters ?? {};
  return {
    version: '2.0',
    type: 'REQUEST',
    routeArn,
    identitySource: identitySource.length > 0 ? [...identitySource] : null,
    routeKey,
    rawPath: request.path,
    rawQueryString: query,
    ...(cookies?.length && { cookies }),
    headers,
    ...(queryStringParameters && { queryStringParameters }),
    requestContext: {
      accountId: route.accountId,
      apiId: route.apiId,
      domainName: domain,
      domainPrefix: domainPrefix(domain),
      http: {
        method: route.httpMethod,
        path: request.path,
        protocol: 'HTTP/1.1',
        sourceIp: request.sourceIp ?? '',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId,
      routeKey,
      stage: route.stage,
      time: clfTime(timeEpoch),
      timeEpoch,
    },
    ...(Object.keys(pathParameters).length > 0 && { pathParameters: { ...pathParameters } }),
  };
}

/** The request's own parts of a REQUEST event (REST, and the HTTP API's 1.0). */
function requestParts(request: GatewayRequest, route: AuthorizedRoute) {
  const rawHeaders = sentHeaders(request);
  const { headers, multiValueHeaders } = rawHeaders.length > 0 ? headerMaps(rawHeaders) : { headers: {}, multiValueHeaders: {} };
  const queryStringParameters: Record<string, string> = {};
  const multiValueQueryStringParameters: Record<string, string[]> = {};
  for (const [name, value] of new URLSearchParams(rawQueryString(request.url ?? ''))) {
    queryStringParameters[name] = value;
    multiValueQueryStringParameters[name] = [...(multiValueQueryStringParameters[name] ?? []), value];
  }
  return {
    resource: route.resourcePath,
    path: stagelessPath(route, request.path),
    httpMethod: route.httpMethod,
    headers,
    multiValueHeaders,
    queryStringParameters,
    multiValueQueryStringParameters,
    pathParameters: { ...request.pathParameters },
    // The local stages have no stage variables.
    stageVariables: {},
  };
}

/** An authorizer's request context: no `authorizer` key at all (the aws-lambda type has one, always undefined). */
type RequestContext = Omit<APIGatewayRequestAuthorizerEvent['requestContext'], 'authorizer'>;

/** The request context of a REST REQUEST event: what the method's Lambda gets (proxy-event-v1.ts), `path` with the stage. */
function restContext(request: GatewayRequest, route: AuthorizedRoute, requestId: string, timeEpoch: number): RequestContext {
  const domain = domainName(sentHeaders(request));
  return {
    accountId: route.accountId,
    apiId: route.apiId,
    domainName: domain,
    domainPrefix: domainPrefix(domain),
    extendedRequestId: requestId,
    httpMethod: route.httpMethod,
    identity: {
      accessKey: null,
      accountId: null,
      caller: null,
      cognitoAuthenticationProvider: null,
      cognitoAuthenticationType: null,
      cognitoIdentityId: null,
      cognitoIdentityPoolId: null,
      principalOrgId: null,
      sourceIp: request.sourceIp ?? '',
      user: null,
      userAgent: request.headers['user-agent'] ?? null,
      userArn: null,
    } as RequestContext['identity'],
    path: request.path,
    protocol: 'HTTP/1.1',
    requestId,
    requestTime: clfTime(timeEpoch),
    requestTimeEpoch: timeEpoch,
    resourceId: resourceId(route.resourcePath),
    resourcePath: route.resourcePath,
    stage: route.stage,
  };
}

/** The request's path without the REST stage's prefix (`/local/items/42` → `/items/42`); the HTTP API's `$default` stage has none. */
function stagelessPath(route: AuthorizedRoute, requestPath: string): string {
  const prefix = `/${route.stage}`;
  if (route.stage === '$default' || !(requestPath === prefix || requestPath.startsWith(`${prefix}/`))) return requestPath || '/';
  return requestPath.slice(prefix.length) || '/';
}
