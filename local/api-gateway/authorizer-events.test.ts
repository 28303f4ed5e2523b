import { describe, expect, it } from 'vitest';
import { executeApiArn, httpRequestEventV1, httpRequestEventV2, restRequestEvent, restTokenEvent } from './authorizer-events.ts';
import type { GatewayRequest } from './gateway-request.ts';
import type { AuthorizedRoute } from './lambda-authorizer-types.ts';

// REST TOKEN and REQUEST events and the method ARN:
// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-input.html;
// HTTP API payload 1.0 and 2.0 events:
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html#http-api-lambda-authorizer.payload-format.
// Where the pages' examples leave a field out, a captured real event decides (docs/aws-behaviour.md,
// "API Gateway Lambda authorizers: identity sources and events").

const HOST = 'abcdef123.execute-api.us-east-1.amazonaws.com';
const TIME = Date.UTC(2020, 2, 12, 19, 3, 58);

function request(rawHeaders: string[], url: string, pathParameters: Record<string, string> = {}): GatewayRequest {
  const headers: Record<string, string> = {};
  for (let i = 0; i < rawHeaders.length; i += 2) headers[rawHeaders[i]!.toLowerCase()] = rawHeaders[i + 1]!;
  return { method: 'get', path: url.split('?')[0]!, headers, rawHeaders, url, pathParameters, sourceIp: '10.0.0.7' };
}

const rest: AuthorizedRoute = {
  region: 'us-east-1',
  accountId: '123456789012',
  apiId: 'abcdef123',
  stage: 'local',
  httpMethod: 'GET',
  resourcePath: '/items/{id}',
};
const http: AuthorizedRoute = { ...rest, stage: '$default', routeKey: 'GET /items/{id}' };

describe('executeApiArn', () => {
  it('names the region, account, API, stage, method and the path as requested, without the stage prefix or leading slash', () => {
    expect(executeApiArn(rest, '/local/items/42')).toBe('arn:aws:execute-api:us-east-1:123456789012:abcdef123/local/GET/items/42');
  });

  it("ends the root resource's ARN with the method and a slash, as AWS's example `…/*/GET/`", () => {
    expect(executeApiArn({ ...rest, resourcePath: '/' }, '/local')).toBe('arn:aws:execute-api:us-east-1:123456789012:abcdef123/local/GET/');
    expect(executeApiArn({ ...rest, resourcePath: '/' }, '/local/')).toBe(
      'arn:aws:execute-api:us-east-1:123456789012:abcdef123/local/GET/',
    );
  });

  it("names the HTTP API's stage $default, whose paths carry no prefix", () => {
    expect(executeApiArn(http, '/items/42')).toBe('arn:aws:execute-api:us-east-1:123456789012:abcdef123/$default/GET/items/42');
    expect(executeApiArn({ ...http, routeKey: '$default', resourcePath: '$default' }, '/')).toBe(
      'arn:aws:execute-api:us-east-1:123456789012:abcdef123/$default/GET/',
    );
  });

  it('strips the stage only as a whole first segment', () => {
    expect(executeApiArn(rest, '/localhost/x')).toBe('arn:aws:execute-api:us-east-1:123456789012:abcdef123/local/GET/localhost/x');
    expect(executeApiArn(rest, '/local/local/x')).toBe('arn:aws:execute-api:us-east-1:123456789012:abcdef123/local/GET/local/x');
  });
});

describe('restTokenEvent', () => {
  it('holds the type, the token and the method ARN, nothing else', () => {
    expect(restTokenEvent('allow', 'arn:aws:execute-api:us-west-2:123456789012:ymy8tbxw7b/local/GET/')).toStrictEqual({
      type: 'TOKEN',
      methodArn: 'arn:aws:execute-api:us-west-2:123456789012:ymy8tbxw7b/local/GET/',
      authorizationToken: 'allow',
    });
  });
});

describe('restRequestEvent', () => {
  const arn = 'arn:aws:execute-api:us-east-1:123456789012:abcdef123/local/GET/items/42';

  it("builds AWS's fields: the request's parts, the stage-less path, the request context with the stage in its path", () => {
    const sent = request(['Host', HOST, 'User-Agent', 'curl/8', 'X-Twice', 'one', 'X-Twice', 'two'], '/local/items/42?q=1&q=2&name=a%20b', {
      id: '42',
    });
    expect(restRequestEvent(sent, rest, arn, 'req-1', TIME)).toStrictEqual({
      type: 'REQUEST',
      methodArn: arn,
      resource: '/items/{id}',
      path: '/items/42',
      httpMethod: 'GET',
      headers: { Host: HOST, 'User-Agent': 'curl/8', 'X-Twice': 'two' },
      multiValueHeaders: { Host: [HOST], 'User-Agent': ['curl/8'], 'X-Twice': ['one', 'two'] },
      queryStringParameters: { q: '2', name: 'a b' },
      multiValueQueryStringParameters: { q: ['1', '2'], name: ['a b'] },
      pathParameters: { id: '42' },
      stageVariables: {},
      requestContext: {
        accountId: '123456789012',
        apiId: 'abcdef123',
        domainName: HOST,
        domainPrefix: 'abcdef123',
        extendedRequestId: 'req-1',
        httpMethod: 'GET',
        identity: {
          accessKey: null,
          accountId: null,
          caller: null,
          cognitoAuthenticationProvider: null,
          cognitoAuthenticationType: null,
          cognitoIdentityId: null,
          cognitoIdentityPoolId: null,
          principalOrgId: null,
          sourceIp: '10.0.0.7',
          user: null,
          userAgent: 'curl/8',
          userArn: null,
        },
        path: '/local/items/42',
        protocol: 'HTTP/1.1',
        requestId: 'req-1',
        requestTime: '12/Mar/2020:19:03:58 +0000',
        requestTimeEpoch: TIME,
        resourceId: expect.stringMatching(/^[0-9a-f]{6}$/),
        resourcePath: '/items/{id}',
        stage: 'local',
      },
    });
  });

  it('has {} where the request has no query string, path parameters or stage variables (not null), and no requestContext.authorizer', () => {
    const event = restRequestEvent(request(['Host', HOST], '/local/items'), { ...rest, resourcePath: '/items' }, arn, 'req-2', TIME);
    expect(event.queryStringParameters).toStrictEqual({});
    expect(event.multiValueQueryStringParameters).toStrictEqual({});
    expect(event.pathParameters).toStrictEqual({});
    expect(event.stageVariables).toStrictEqual({});
    expect('authorizer' in event.requestContext).toBe(false);
    expect(event.requestContext.identity.userAgent).toBeNull();
  });

  it('gives the same resourceId to the same resource, another to another', () => {
    const sent = request(['Host', HOST], '/local/items/1');
    const one = restRequestEvent(sent, rest, arn, 'a', TIME).requestContext.resourceId;
    expect(restRequestEvent(sent, rest, arn, 'b', TIME).requestContext.resourceId).toBe(one);
    expect(restRequestEvent(sent, { ...rest, resourcePath: '/other' }, arn, 'c', TIME).requestContext.resourceId).not.toBe(one);
  });

  it('takes the headers of a request without raw header lines (hapi server.inject)', () => {
    const sent: GatewayRequest = { method: 'get', path: '/local/items/1', headers: { host: HOST, 'x-a': '1' }, rawHeaders: [] };
    const event = restRequestEvent(sent, rest, arn, 'r', TIME);
    expect([event.headers, event.multiValueHeaders, event.requestContext.domainName]).toEqual([
      { host: HOST, 'x-a': '1' },
      { host: [HOST], 'x-a': ['1'] },
      HOST,
    ]);
    expect(httpRequestEventV2(sent, http, [], arn, 'r', TIME).headers).toEqual({ host: HOST, 'x-a': '1' });
  });

  it("has the root's path as /", () => {
    const event = restRequestEvent(request(['Host', HOST], '/local'), { ...rest, resourcePath: '/' }, arn, 'r', TIME);
    expect([event.resource, event.path, event.requestContext.path]).toEqual(['/', '/', '/local']);
  });
});

describe('httpRequestEventV1', () => {
  const arn = 'arn:aws:execute-api:us-east-1:123456789012:abcdef123/$default/GET/items/42';

  it("says version 1.0, the identity source values as one comma-joined string (also authorizationToken), the route's path as resource, stage $default", () => {
    const sent = request(['Host', HOST, 'Authorization', 'user1', 'User-Agent', 'curl/8'], '/items/42?QueryString1=queryValue1', {
      id: '42',
    });
    expect(httpRequestEventV1(sent, http, ['user1', '123'], arn, 'req-1', TIME)).toStrictEqual({
      version: '1.0',
      type: 'REQUEST',
      methodArn: arn,
      identitySource: 'user1,123',
      authorizationToken: 'user1,123',
      resource: '/items/{id}',
      path: '/items/42',
      httpMethod: 'GET',
      headers: { Host: HOST, Authorization: 'user1', 'User-Agent': 'curl/8' },
      multiValueHeaders: { Host: [HOST], Authorization: ['user1'], 'User-Agent': ['curl/8'] },
      queryStringParameters: { QueryString1: 'queryValue1' },
      multiValueQueryStringParameters: { QueryString1: ['queryValue1'] },
      pathParameters: { id: '42' },
      stageVariables: {},
      requestContext: {
        accountId: '123456789012',
        apiId: 'abcdef123',
        domainName: HOST,
        domainPrefix: 'abcdef123',
        extendedRequestId: 'req-1',
        httpMethod: 'GET',
        identity: {
          accessKey: null,
          accountId: null,
          caller: null,
          cognitoAmr: null,
          cognitoAuthenticationProvider: null,
          cognitoAuthenticationType: null,
          cognitoIdentityId: null,
          cognitoIdentityPoolId: null,
          principalOrgId: null,
          sourceIp: '10.0.0.7',
          user: null,
          userAgent: 'curl/8',
          userArn: null,
        },
        path: '/items/42',
        protocol: 'HTTP/1.1',
        requestId: 'req-1',
        requestTime: '12/Mar/2020:19:03:58 +0000',
        requestTimeEpoch: TIME,
        resourceId: 'GET /items/{id}',
        resourcePath: '/items/{id}',
        stage: '$default',
      },
    });
  });

  it('has a null identitySource and authorizationToken when the authorizer has no identity sources', () => {
    const event = httpRequestEventV1(request(['Host', HOST], '/items/42'), http, [], arn, 'r', TIME);
    expect([event.identitySource, event.authorizationToken]).toEqual([null, null]);
  });
});

describe('httpRequestEventV2', () => {
  const arn = 'arn:aws:execute-api:us-east-1:123456789012:abcdef123/$default/GET/items/42';

  it("builds the 2.0 fields: lower-case joined headers, cookies apart, joined query parameters, the route's key", () => {
    const sent = request(
      ['Host', HOST, 'Authorization', 'user1', 'X-Twice', 'a', 'x-twice', 'b', 'Cookie', 'c1=1; c2=2', 'User-Agent', 'curl/8'],
      '/items/42?parameter1=value1&parameter1=value2&parameter2=value',
      { id: '42' },
    );
    expect(httpRequestEventV2(sent, http, ['user1', '123'], arn, 'req-1', TIME)).toStrictEqual({
      version: '2.0',
      type: 'REQUEST',
      routeArn: arn,
      identitySource: ['user1', '123'],
      routeKey: 'GET /items/{id}',
      rawPath: '/items/42',
      rawQueryString: 'parameter1=value1&parameter1=value2&parameter2=value',
      cookies: ['c1=1', 'c2=2'],
      headers: { host: HOST, authorization: 'user1', 'x-twice': 'a,b', 'user-agent': 'curl/8' },
      queryStringParameters: { parameter1: 'value1,value2', parameter2: 'value' },
      requestContext: {
        accountId: '123456789012',
        apiId: 'abcdef123',
        domainName: HOST,
        domainPrefix: 'abcdef123',
        http: { method: 'GET', path: '/items/42', protocol: 'HTTP/1.1', sourceIp: '10.0.0.7', userAgent: 'curl/8' },
        requestId: 'req-1',
        routeKey: 'GET /items/{id}',
        stage: '$default',
        time: '12/Mar/2020:19:03:58 +0000',
        timeEpoch: TIME,
      },
      pathParameters: { id: '42' },
    });
  });

  it('leaves out cookies, queryStringParameters, pathParameters and stageVariables when there are none, and identitySource is null without sources (as captured)', () => {
    const event = httpRequestEventV2(
      request(['Host', HOST], '/items'),
      { ...http, routeKey: 'GET /items', resourcePath: '/items' },
      [],
      arn,
      'r',
      TIME,
    );
    for (const field of ['cookies', 'queryStringParameters', 'pathParameters', 'stageVariables']) expect(field in event).toBe(false);
    expect(event.identitySource).toBeNull();
    expect(event.rawQueryString).toBe('');
    expect(event.requestContext.http.userAgent).toBe('');
  });

  it('names the $default route', () => {
    const event = httpRequestEventV2(
      request(['Host', HOST], '/anything'),
      { ...http, routeKey: '$default', resourcePath: '$default' },
      ['x'],
      arn,
      'r',
      TIME,
    );
    expect([event.routeKey, event.requestContext.routeKey]).toEqual(['$default', '$default']);
  });
});
