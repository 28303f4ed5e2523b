import { describe, expect, it } from 'vitest';
import { type OfflineEventV1, payloadV1Event } from './proxy-event-v1.ts';

// AWS's payload 1.0 examples: REST, set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-input-format;
// HTTP API, http-api-develop-integrations-lambda.html ("Payload format structure", version 1.0).

const facts = (rawHeaders: string[]) => ({ rawHeaders, url: '/local/items/42', apiId: 'localrestapi', accountId: '000000000000' });

/** What serverless-offline's LambdaProxyIntegrationEvent builds for GET /local/items/42. */
function offlineEvent(overrides: Partial<OfflineEventV1> = {}): OfflineEventV1 {
  return {
    resource: '/items/{id}',
    path: '/items/42',
    httpMethod: 'GET',
    body: null,
    isBase64Encoded: false,
    pathParameters: { id: '42' },
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    requestContext: {
      authorizer: { claims: { sub: 'x' } },
      extendedRequestId: 'e-1',
      identity: { sourceIp: '127.0.0.1', ...({ caller: 'offlineContext_caller', apiKey: 'offlineContext_apiKey' } as object) },
      protocol: 'HTTP/1.1',
      requestId: 'r-1',
      requestTimeEpoch: Date.UTC(2024, 5, 18, 15, 0, 4),
      stage: 'local',
      ...({ accountId: 'offlineContext_accountId', resourcePath: '/local/items/{id}', operationName: undefined } as object),
    },
    ...overrides,
  };
}

const rawHeaders = ['Host', '127.0.0.1:3000', 'User-Agent', 'curl/8', 'X-Twice', 'one', 'X-Twice', 'two'];

describe('payloadV1Event, REST API', () => {
  it("builds AWS's fields: the API's ids, headers as sent, the caller identity null, the stage in requestContext.path", () => {
    expect(payloadV1Event(offlineEvent(), facts(rawHeaders), { kind: 'rest' })).toEqual({
      resource: '/items/{id}',
      path: '/items/42',
      httpMethod: 'GET',
      headers: { Host: '127.0.0.1:3000', 'User-Agent': 'curl/8', 'X-Twice': 'two' },
      multiValueHeaders: { Host: ['127.0.0.1:3000'], 'User-Agent': ['curl/8'], 'X-Twice': ['one', 'two'] },
      queryStringParameters: null,
      multiValueQueryStringParameters: null,
      requestContext: {
        accountId: '000000000000',
        apiId: 'localrestapi',
        authorizer: { claims: { sub: 'x' } },
        domainName: '127.0.0.1:3000',
        domainPrefix: '127',
        extendedRequestId: 'e-1',
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
          sourceIp: '127.0.0.1',
          user: null,
          userAgent: 'curl/8',
          userArn: null,
        },
        path: '/local/items/42',
        protocol: 'HTTP/1.1',
        requestId: 'r-1',
        requestTime: '18/Jun/2024:15:00:04 +0000',
        requestTimeEpoch: Date.UTC(2024, 5, 18, 15, 0, 4),
        resourceId: expect.stringMatching(/^[0-9a-f]{6}$/),
        resourcePath: '/items/{id}',
        stage: 'local',
      },
      pathParameters: { id: '42' },
      stageVariables: null,
      body: null,
      isBase64Encoded: false,
    });
  });

  it('sends null path parameters on a path without any, and the body as sent', () => {
    const event = payloadV1Event(offlineEvent({ pathParameters: {}, body: 'x=1' }), facts(rawHeaders), { kind: 'rest' });
    expect([event.pathParameters, event.body]).toEqual([null, 'x=1']);
  });

  it('keeps the authorizer object itself (its claims are accessors that ignore what offline assigns)', () => {
    const authorizer = {};
    const event = payloadV1Event(offlineEvent({ requestContext: { ...offlineEvent().requestContext, authorizer } }), facts(rawHeaders), {
      kind: 'rest',
    });
    expect(event.requestContext.authorizer).toBe(authorizer);
  });
});

describe('payloadV1Event, HTTP API', () => {
  it('says version 1.0, uses the route for resource, resourcePath and resourceId, one request id, and cognitoAmr', () => {
    const event = payloadV1Event(
      offlineEvent({ resource: 'GET /items/{id}', requestContext: { ...offlineEvent().requestContext, stage: '$default' } }),
      facts(rawHeaders),
      { kind: 'http', routeKey: 'GET /items/{id}', requestId: 'Bdd2ngt5iGYEMIg=' },
    );
    expect(event).toMatchObject({ version: '1.0', resource: '/items/{id}', path: '/items/42' });
    expect(event.requestContext).toMatchObject({
      resourceId: 'GET /items/{id}',
      resourcePath: '/items/{id}',
      requestId: 'Bdd2ngt5iGYEMIg=',
      extendedRequestId: 'Bdd2ngt5iGYEMIg=',
      path: '/items/42',
      stage: '$default',
    });
    expect(event.requestContext.identity).toHaveProperty('cognitoAmr', null);
  });

  it('names $default for the $default route', () => {
    const event = payloadV1Event(offlineEvent(), facts(rawHeaders), { kind: 'http', routeKey: '$default', requestId: 'id' });
    expect([event.resource, event.requestContext.resourcePath, event.requestContext.resourceId]).toEqual([
      '$default',
      '$default',
      '$default',
    ]);
  });
});
