// A Lambda authorizer's identity sources, read from a request as API Gateway reads them: REST
// (`method.request.header.X`, `method.request.querystring.x`, `stageVariables.x`, `context.x`)
// and HTTP API (`$request.header.X`, `$request.querystring.x`, `$stageVariables.x`, `$context.x`).
// Each source must be present and non-empty, or the gateway answers 401 without invoking the
// function: https://docs.aws.amazon.com/apigateway/latest/api/API_Authorizer.html (identitySource:
// "present, not null and non-empty") and
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html#http-api-lambda-authorizer.identity-sources.

import { headerCount, type GatewayRequest } from './gateway-request.ts';
import type { AuthorizedRoute, IdentityValues } from './lambda-authorizer-types.ts';
import { clfTime, domainName, domainPrefix, rawQueryString } from './proxy-event-facts.ts';
import { joinedHeaders } from './proxy-event-v2.ts';

/** What is known of a request only once the gateway took it in: its id and time (the `requestId`, `requestTime*` context variables). */
export interface RequestMoment {
  readonly requestId: string;
  readonly timeEpoch: number;
}

/**
 * The values of `sources` in the request, in their order, or the first one missing or empty.
 * Header names are case-insensitive, query parameter names case-sensitive (http-api-lambda-authorizer.html,
 * "Selection expressions"). A repeated header or query parameter: the HTTP API joins the values
 * with commas, as in its 2.0 event; REST does not document which value it takes, so a repeat is
 * refused as missing (the strict side, as the Cognito authorizer does). The local stages have no
 * stage variables, so a stage variable source is always missing. `moment` gives `requestId`,
 * `requestTime` and `requestTimeEpoch`; without it those are missing.
 */
export function identityValues(
  sources: readonly string[],
  request: GatewayRequest,
  route: AuthorizedRoute,
  moment?: RequestMoment,
): IdentityValues {
  const values: string[] = [];
  for (const source of sources.map((raw) => raw.trim())) {
    const value = sourceValue(source, request, route, moment);
    if (value === undefined || value === '') return { missing: source };
    values.push(value);
  }
  return { values };
}

/** A TOKEN authorizer's token: its one header's value (`method.request.header.<Name>`), or missing when absent, empty or repeated. */
export function tokenOf(request: GatewayRequest, headerSource: string): IdentityValues {
  const name = headerSource.trim().match(/^method\.request\.header\.(.+)$/)?.[1];
  const value = name === undefined ? undefined : restHeader(request, name);
  return value === undefined || value === '' ? { missing: headerSource } : { values: [value] };
}

function sourceValue(source: string, request: GatewayRequest, route: AuthorizedRoute, moment: RequestMoment | undefined) {
  const [, kind, name] =
    source.match(
      /^(method\.request\.header|method\.request\.querystring|\$request\.header|\$request\.querystring|\$?stageVariables|\$?context)\.(.+)$/,
    ) ?? [];
  switch (kind) {
    case 'method.request.header':
      return restHeader(request, name!);
    case 'method.request.querystring':
      return restQueryParameter(request, name!);
    case '$request.header':
      return joinedHeaders(sentHeaders(request))[name!.toLowerCase()];
    case '$request.querystring':
      return joinedQueryParameter(request, name!);
    case 'context':
      return REST_CONTEXT.has(name!) ? contextVariable(name!, request, route, moment) : undefined;
    case '$context':
      return HTTP_API_CONTEXT.has(name!) ? contextVariable(name!, request, route, moment) : undefined;
    default:
      // `stageVariables.x` / `$stageVariables.x`: the local stages define none. Anything else is no source API Gateway reads.
      return undefined;
  }
}

/** A header sent once: its value; sent twice or more, refused (undefined). */
function restHeader(request: GatewayRequest, name: string): string | undefined {
  const lower = name.toLowerCase();
  return headerCount(request, lower) > 1 ? undefined : request.headers[lower];
}

/**
 * The request's header lines, name then value: as sent, or rebuilt from `headers` for a request
 * that has no raw lines (hapi's `server.inject()`, which unit tests use, gives none).
 */
export function sentHeaders(request: GatewayRequest): readonly string[] {
  if (request.rawHeaders.length > 0) return request.rawHeaders;
  return Object.entries(request.headers).flatMap(([name, value]) => (value === undefined ? [] : [name, value]));
}

function queryPairs(request: GatewayRequest): [string, string][] {
  return [...new URLSearchParams(rawQueryString(request.url ?? ''))];
}

/** A query parameter sent once: its decoded value; sent twice or more, refused (undefined). */
function restQueryParameter(request: GatewayRequest, name: string): string | undefined {
  const values = queryPairs(request).filter(([key]) => key === name);
  return values.length === 1 ? values[0]![1] : undefined;
}

/** A query parameter's decoded values joined with commas, as the HTTP API's 2.0 event has them. */
function joinedQueryParameter(request: GatewayRequest, name: string): string | undefined {
  const values = queryPairs(request).filter(([key]) => key === name);
  return values.length === 0 ? undefined : values.map(([, value]) => value).join(',');
}

// The context variables that exist when the authorizer runs, as each API names them: REST,
// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html#context-variable-reference;
// HTTP API, https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging-variables.html.
// Those that depend on the authorizer's or the integration's outcome are not among them.
const SHARED_CONTEXT = [
  'accountId',
  'apiId',
  'domainName',
  'domainPrefix',
  'httpMethod',
  'identity.sourceIp',
  'identity.userAgent',
  'path',
  'protocol',
  'requestId',
  'requestTime',
  'requestTimeEpoch',
  'stage',
];
const REST_CONTEXT = new Set([...SHARED_CONTEXT, 'resourcePath']);
const HTTP_API_CONTEXT = new Set([...SHARED_CONTEXT, 'routeKey']);

function contextVariable(
  name: string,
  request: GatewayRequest,
  route: AuthorizedRoute,
  moment: RequestMoment | undefined,
): string | undefined {
  const domain = domainName(sentHeaders(request));
  switch (name) {
    case 'accountId':
      return route.accountId;
    case 'apiId':
      return route.apiId;
    case 'domainName':
      return domain;
    case 'domainPrefix':
      return domainPrefix(domain);
    case 'httpMethod':
      return route.httpMethod;
    case 'identity.sourceIp':
      return request.sourceIp;
    case 'identity.userAgent':
      return request.headers['user-agent'];
    case 'path':
      // REST: `/{stage}/root/child`, the path as invoked; the HTTP API's `$default` stage has no prefix.
      return request.path;
    case 'protocol':
      // The local servers speak HTTP/1.1 only (hapi's node:http).
      return 'HTTP/1.1';
    case 'resourcePath':
      return route.resourcePath;
    case 'routeKey':
      return route.routeKey;
    case 'stage':
      return route.stage;
    case 'requestId':
      return moment?.requestId;
    case 'requestTime':
      return moment && clfTime(moment.timeEpoch);
    case 'requestTimeEpoch':
      return moment && String(moment.timeEpoch);
    default:
      return undefined;
  }
}
