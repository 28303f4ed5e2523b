import { describe, expect, it } from 'vitest';
import { clfTime } from './proxy-event-facts.ts';
import { joinedHeaders, type OfflineEventV2, payloadV2Event } from './proxy-event-v2.ts';

// AWS's payload 2.0 example: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
// ("Payload format structure"): lower-case header names, duplicates joined with commas, cookies
// apart, and no field for what the request does not have.

const facts = (rawHeaders: string[], url: string) => ({ rawHeaders, url, apiId: 'localhttpapi', accountId: '000000000000' });

/** What serverless-offline's LambdaProxyIntegrationEventV2 builds, with its placeholders. */
function offlineEvent(overrides: Partial<OfflineEventV2> = {}): OfflineEventV2 {
  return {
    routeKey: 'GET /items/{id}',
    rawPath: '/items/42',
    body: null,
    isBase64Encoded: false,
    pathParameters: { id: '42' },
    requestContext: {
      http: { method: 'GET', path: '/items/42', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1' },
      routeKey: 'GET /items/{id}',
      stage: '$default',
      timeEpoch: Date.UTC(2020, 2, 12, 19, 3, 58, 390),
      ...({ accountId: 'offlineContext_accountId', operationName: undefined, domainName: 'offlineContext_domainName' } as object),
    },
    ...({ cookies: [], stageVariables: null, queryStringParameters: null } as object),
    ...overrides,
  };
}

describe('payloadV2Event', () => {
  it('builds the documented fields, and leaves out body, cookies, queryStringParameters and stageVariables when there are none', () => {
    const event = payloadV2Event(
      offlineEvent(),
      facts(['Host', '127.0.0.1:3000', 'User-Agent', 'curl/8'], '/items/42'),
      'Mc7UVioPPHcEKPA=',
    );
    expect(event).toEqual({
      version: '2.0',
      routeKey: 'GET /items/{id}',
      rawPath: '/items/42',
      rawQueryString: '',
      headers: { host: '127.0.0.1:3000', 'user-agent': 'curl/8' },
      requestContext: {
        accountId: '000000000000',
        apiId: 'localhttpapi',
        domainName: '127.0.0.1:3000',
        domainPrefix: '127',
        http: { method: 'GET', path: '/items/42', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'curl/8' },
        requestId: 'Mc7UVioPPHcEKPA=',
        routeKey: 'GET /items/{id}',
        stage: '$default',
        time: '12/Mar/2020:19:03:58 +0000',
        timeEpoch: Date.UTC(2020, 2, 12, 19, 3, 58, 390),
      },
      pathParameters: { id: '42' },
      isBase64Encoded: false,
    });
    expect(Object.keys(event)).not.toEqual(expect.arrayContaining(['body']));
  });

  it('leaves out pathParameters on a route without any, and authorizer when there is none', () => {
    const event = payloadV2Event(offlineEvent({ pathParameters: null }), facts(['Host', 'localhost'], '/'), 'id');
    expect('pathParameters' in event).toBe(false);
    expect('authorizer' in event.requestContext).toBe(false);
  });

  it('keeps the raw query string as sent, and joins repeated parameters with commas, decoded', () => {
    const query = 'parameter1=value1&parameter1=value2&parameter2=a%20b&flag';
    const event = payloadV2Event(offlineEvent(), facts(['Host', 'h'], `/items/42?${query}`), 'id');
    expect(event.rawQueryString).toBe(query);
    expect(event.queryStringParameters).toEqual({ parameter1: 'value1,value2', parameter2: 'a b', flag: '' });
  });

  it('moves the Cookie header to cookies, and carries the body and the authorizer', () => {
    const authorizer = { jwt: { claims: { sub: 'x' }, scopes: null } };
    const event = payloadV2Event(
      offlineEvent({ body: '{"a":1}', requestContext: { ...offlineEvent().requestContext, authorizer } }),
      facts(['Host', 'h', 'Cookie', 'cookie1=a; cookie2=b', 'cookie', 'cookie3=c'], '/items/42'),
      'id',
    );
    expect(event.cookies).toEqual(['cookie1=a', 'cookie2=b', 'cookie3=c']);
    expect(event.headers).toEqual({ host: 'h' });
    expect(event.body).toBe('{"a":1}');
    expect((event.requestContext as { authorizer?: unknown }).authorizer).toBe(authorizer);
  });
});

describe('joinedHeaders', () => {
  it('lower-cases names and joins a repeated header with commas, in the order sent', () => {
    expect(joinedHeaders(['X-Header', 'value1', 'x-header', 'value2', 'Accept', '*/*'])).toEqual({
      'x-header': 'value1,value2',
      accept: '*/*',
    });
  });
});

describe('clfTime', () => {
  it('formats in UTC, day zero-padded', () => {
    expect(clfTime(Date.UTC(2023, 2, 8, 1, 2, 3))).toBe('08/Mar/2023:01:02:03 +0000');
  });
});
