import { describe, expect, it } from 'vitest';
import type { GatewayRequest } from './gateway-request.ts';
import { identityValues, tokenOf } from './identity-sources.ts';
import type { AuthorizedRoute } from './lambda-authorizer-types.ts';

// Identity sources must be "present, not null and non-empty", or the gateway answers 401 without
// invoking the function: https://docs.aws.amazon.com/apigateway/latest/api/API_Authorizer.html
// (identitySource); HTTP API selection expressions, header names case-insensitive, query string
// names case-sensitive: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html#http-api-lambda-authorizer.identity-sources

/** A request as the offline adapter describes it (local/offline/hapi-server.ts gatewayRequest). */
function request(rawHeaders: string[], url = '/local/items/42', path = url.split('?')[0]!): GatewayRequest {
  const headers: Record<string, string> = {};
  for (let i = 0; i < rawHeaders.length; i += 2) headers[rawHeaders[i]!.toLowerCase()] = rawHeaders[i + 1]!;
  return { method: 'get', path, headers, rawHeaders, url, pathParameters: { id: '42' }, sourceIp: '10.0.0.7' };
}

const rest: AuthorizedRoute = {
  region: 'us-east-1',
  accountId: '123456789012',
  apiId: 'abcdef123',
  stage: 'local',
  httpMethod: 'GET',
  resourcePath: '/items/{id}',
};
const http: AuthorizedRoute = { ...rest, stage: '$default', resourcePath: '/items/{id}', routeKey: 'GET /items/{id}' };

describe('identityValues, REST syntax', () => {
  it('reads a header case-insensitively, a query parameter decoded, in the declared order', () => {
    const sent = request(['Host', 'abcdef123.execute-api.us-east-1.amazonaws.com', 'x-tenant', 'acme'], '/local/items/42?team=r%26d&x=1');
    expect(identityValues(['method.request.header.X-Tenant', 'method.request.querystring.team'], sent, rest)).toEqual({
      values: ['acme', 'r&d'],
    });
  });

  it('gives the first source that is missing, or empty', () => {
    const sent = request(['Authorization', ''], '/local/items/42?team=');
    expect(identityValues(['method.request.header.Authorization'], sent, rest)).toEqual({ missing: 'method.request.header.Authorization' });
    expect(identityValues(['method.request.querystring.team'], sent, rest)).toEqual({ missing: 'method.request.querystring.team' });
    expect(identityValues(['method.request.querystring.other'], sent, rest)).toEqual({ missing: 'method.request.querystring.other' });
  });

  it('reads query parameter names case-sensitively', () => {
    expect(identityValues(['method.request.querystring.Team'], request([], '/local/x?team=a'), rest)).toEqual({
      missing: 'method.request.querystring.Team',
    });
  });

  it('refuses a header or query parameter sent twice (AWS does not say which it reads: the strict side)', () => {
    const sent = request(['X-Tenant', 'a', 'x-tenant', 'b'], '/local/items/42?team=a&team=b');
    expect(identityValues(['method.request.header.X-Tenant'], sent, rest)).toEqual({ missing: 'method.request.header.X-Tenant' });
    expect(identityValues(['method.request.querystring.team'], sent, rest)).toEqual({ missing: 'method.request.querystring.team' });
  });

  it('has no stage variables: the local stages define none', () => {
    expect(identityValues(['stageVariables.tenant'], request([]), rest)).toEqual({ missing: 'stageVariables.tenant' });
  });

  it('reads the context variables that exist before the authorizer runs; an unknown one, or an HTTP API one, is missing', () => {
    const sent = request(['Host', 'abcdef123.execute-api.us-east-1.amazonaws.com', 'User-Agent', 'curl/8']);
    const moment = { requestId: 'req-1', timeEpoch: Date.UTC(2020, 2, 12, 19, 3, 58) };
    const names = [
      'httpMethod',
      'stage',
      'identity.sourceIp',
      'identity.userAgent',
      'path',
      'resourcePath',
      'requestId',
      'requestTime',
      'requestTimeEpoch',
      'accountId',
      'apiId',
      'domainName',
      'domainPrefix',
      'protocol',
    ];
    expect(
      identityValues(
        names.map((name) => `context.${name}`),
        sent,
        rest,
        moment,
      ),
    ).toEqual({
      values: [
        'GET',
        'local',
        '10.0.0.7',
        'curl/8',
        '/local/items/42',
        '/items/{id}',
        'req-1',
        '12/Mar/2020:19:03:58 +0000',
        String(moment.timeEpoch),
        '123456789012',
        'abcdef123',
        'abcdef123.execute-api.us-east-1.amazonaws.com',
        'abcdef123',
        'HTTP/1.1',
      ],
    });
    expect(identityValues(['context.routeKey'], sent, rest)).toEqual({ missing: 'context.routeKey' });
    expect(identityValues(['context.authorizer.principalId'], sent, rest)).toEqual({ missing: 'context.authorizer.principalId' });
    expect(identityValues(['context.requestId'], sent, rest)).toEqual({ missing: 'context.requestId' });
  });

  it("does not read one API's syntax as the other's, nor an unknown source", () => {
    const sent = request(['Authorization', 'token']);
    expect(identityValues(['method.request.path.id'], sent, rest)).toEqual({ missing: 'method.request.path.id' });
    expect(identityValues(['Authorization'], sent, rest)).toEqual({ missing: 'Authorization' });
  });

  it('takes every value when there are no sources (a REQUEST authorizer without caching)', () => {
    expect(identityValues([], request([]), rest)).toEqual({ values: [] });
  });
});

describe('identityValues, HTTP API syntax', () => {
  it('reads headers case-insensitively, query parameters case-sensitively, and joins repeats with commas as the 2.0 event does', () => {
    const sent = request(['Authorization', 'token', 'X-Team', 'a', 'x-team', 'b'], '/items/42?p=1&p=2&q=%20x', '/items/42');
    expect(
      identityValues(
        ['$request.header.authorization', '$request.header.X-TEAM', '$request.querystring.p', '$request.querystring.q'],
        sent,
        http,
      ),
    ).toEqual({
      values: ['token', 'a,b', '1,2', ' x'],
    });
    expect(identityValues(['$request.querystring.P'], sent, http)).toEqual({ missing: '$request.querystring.P' });
  });

  it('gives the first missing or empty source (401 without invoking)', () => {
    const sent = request(['Authorization', 'token', 'X-Empty', ''], '/items/42', '/items/42');
    expect(identityValues(['$request.header.Authorization', '$request.header.X-Empty'], sent, http)).toEqual({
      missing: '$request.header.X-Empty',
    });
    expect(identityValues(['$request.header.X-Absent', '$request.header.X-Empty'], sent, http)).toEqual({
      missing: '$request.header.X-Absent',
    });
    expect(identityValues(['$stageVariables.tenant'], sent, http)).toEqual({ missing: '$stageVariables.tenant' });
  });

  it('reads $context.routeKey (the way AWS gives to cache per route) and the stage $default; REST-only names are missing', () => {
    const sent = request([], '/items/42', '/items/42');
    expect(identityValues(['$context.routeKey', '$context.stage', '$context.path', '$context.httpMethod'], sent, http)).toEqual({
      values: ['GET /items/{id}', '$default', '/items/42', 'GET'],
    });
    expect(identityValues(['$context.resourcePath'], sent, http)).toEqual({ missing: '$context.resourcePath' });
  });
});

describe('a request without raw header lines (hapi server.inject)', () => {
  it('reads its headers instead', () => {
    const sent: GatewayRequest = {
      method: 'get',
      path: '/items/42',
      headers: { authorization: 'token', host: 'h.example' },
      rawHeaders: [],
    };
    expect(identityValues(['method.request.header.Authorization', 'context.domainPrefix'], sent, rest)).toEqual({ values: ['token', 'h'] });
    expect(identityValues(['$request.header.Authorization'], sent, http)).toEqual({ values: ['token'] });
    expect(tokenOf(sent, 'method.request.header.Authorization')).toEqual({ values: ['token'] });
  });
});

describe('tokenOf (TOKEN authorizers)', () => {
  it("gives the one header's value", () => {
    expect(tokenOf(request(['authorization', 'Bearer abc']), 'method.request.header.Authorization')).toEqual({ values: ['Bearer abc'] });
  });

  it('is missing when the header is absent, empty or sent twice', () => {
    const source = 'method.request.header.Authorization';
    expect(tokenOf(request([]), source)).toEqual({ missing: source });
    expect(tokenOf(request(['Authorization', '']), source)).toEqual({ missing: source });
    expect(tokenOf(request(['Authorization', 'a', 'Authorization', 'b']), source)).toEqual({ missing: source });
  });

  it('reads nothing but a header source', () => {
    expect(tokenOf(request([], '/local/x?token=a'), 'method.request.querystring.token')).toEqual({
      missing: 'method.request.querystring.token',
    });
  });
});
