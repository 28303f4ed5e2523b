import { describe, expect, it } from 'vitest';
import type { DeployedStack } from './deploy-local-stack.ts';
import { httpApiRoutes, refuseUnservedHttpApiRoutes } from './http-api-routes.ts';
import { resolveIntrinsics } from './intrinsics.ts';
import { localValues } from './local-values.ts';
import type { CfnResource } from './template.ts';

// Local pools' tokens carry AWS's issuer (local/cognito/user-pool-ids.ts).
const ISSUERS = 'https://cognito-idp.eu-west-1.amazonaws.com';
/** The local ids the fake stack gives the pools and clients. */
const LOCAL_IDS: Record<string, string> = { CognitoUserPool: 'eu-west-1_Pool12345', CognitoUserPoolClient: 'localclient1' };

const localValue = localValues({
  standIns: [{ standsFor: 'eu-west-1_Shared', physicalId: 'eu-west-1_Stand1234', attributes: {} }],
  region: 'eu-west-1',
  restApiId: 'localrestapi',
  httpApiId: 'localhttpapi',
  apiBaseUrl: 'http://127.0.0.1:3000',
});
const issuers = { clientIds: new Set(['localclient1']) };
const pools = new Set(['eu-west-1_Pool12345', 'eu-west-1_Stand1234']);

const poolIssuer = {
  'Fn::Join': ['', ['https://cognito-idp.', { Ref: 'AWS::Region' }, '.amazonaws.com/', { Ref: 'CognitoUserPool' }]],
};
const integration = (fn: string, PayloadFormatVersion = '2.0'): CfnResource => ({
  Type: 'AWS::ApiGatewayV2::Integration',
  Properties: {
    ApiId: { Ref: 'HttpApi' },
    IntegrationType: 'AWS_PROXY',
    IntegrationUri: { 'Fn::GetAtt': [`${fn}LambdaFunction`, 'Arn'] },
    PayloadFormatVersion,
    TimeoutInMillis: 30000,
  },
});
const route = (RouteKey: string, fn: string, authorization: object = {}): CfnResource => ({
  Type: 'AWS::ApiGatewayV2::Route',
  Properties: {
    ApiId: { Ref: 'HttpApi' },
    RouteKey,
    Target: { 'Fn::Join': ['/', ['integrations', { Ref: `HttpApiIntegration${fn}` }]] },
    ...authorization,
  },
});
const jwtAuthorizer = (Issuer: unknown = poolIssuer, more: object = {}): CfnResource => ({
  Type: 'AWS::ApiGatewayV2::Authorizer',
  Properties: {
    ApiId: { Ref: 'HttpApi' },
    Name: 'cognito',
    IdentitySource: ['$request.header.Authorization'],
    AuthorizerType: 'JWT',
    JwtConfiguration: { Audience: [{ Ref: 'CognitoUserPoolClient' }], Issuer },
    ...more,
  },
});
const jwt = (scopes?: string[]) => ({
  AuthorizationType: 'JWT',
  AuthorizerId: { Ref: 'HttpApiAuthorizerCognito' },
  ...(scopes && { AuthorizationScopes: scopes }),
});

/**
 * What `serverless package` (3.40) compiles for `provider.httpApi: { cors: true, authorizers:
 * { cognito: { type: jwt, identitySource: $request.header.Authorization, issuerUrl: <Fn::Join>,
 * audience: [Ref client] } } }` and the events `GET /http/hello`, `GET /http/secured` (authorizer
 * cognito, scopes), `POST /http/items/{id}` (authorizer cognito), `method: '*'` on
 * `/http/files/{proxy+}` and `'*'`; trimmed to what the local stage reads. Plus `extra`.
 */
function compiledStack(extra: Record<string, CfnResource> = {}): DeployedStack {
  const resources: Record<string, CfnResource> = {
    HttpApi: {
      Type: 'AWS::ApiGatewayV2::Api',
      Properties: {
        Name: 'prod-hello-auth',
        ProtocolType: 'HTTP',
        CorsConfiguration: {
          AllowHeaders: [
            'Content-Type',
            'X-Amz-Date',
            'Authorization',
            'X-Api-Key',
            'X-Amz-Security-Token',
            'X-Amz-User-Agent',
            'X-Amzn-Trace-Id',
          ],
          AllowMethods: ['OPTIONS', 'GET', 'POST', 'PUT', 'PATCH', 'HEAD', 'DELETE'],
          AllowOrigins: ['*'],
        },
      },
    },
    HttpApiStage: { Type: 'AWS::ApiGatewayV2::Stage', Properties: { ApiId: { Ref: 'HttpApi' }, StageName: '$default', AutoDeploy: true } },
    HttpApiAuthorizerCognito: jwtAuthorizer(),
    HttpApiIntegrationHttpHello: integration('HttpHello'),
    HttpApiRouteGetHttpHello: route('GET /http/hello', 'HttpHello'),
    HttpApiIntegrationHttpSecured: integration('HttpSecured'),
    HttpApiRouteGetHttpSecured: route('GET /http/secured', 'HttpSecured', jwt(['aws.cognito.signin.user.admin'])),
    HttpApiIntegrationHttpItems: integration('HttpItems'),
    HttpApiRoutePostHttpItemsIdVar: route('POST /http/items/{id}', 'HttpItems', jwt()),
    HttpApiIntegrationHttpAny: integration('HttpAny'),
    HttpApiRouteAnyHttpFilesProxyVar: route('ANY /http/files/{proxy+}', 'HttpAny'),
    HttpApiIntegrationHttpDefault: integration('HttpDefault'),
    HttpApiRouteDefault: route('$default', 'HttpDefault'),
    ...extra,
  };
  const context = {
    // As the local stage resolves them (resource-types.ts): an integration's id is its logical id.
    ref: (name: string) => (name === 'AWS::Region' ? 'eu-west-1' : name === 'AWS::Partition' ? 'aws' : (LOCAL_IDS[name] ?? name)),
    // A pool's ProviderURL is its tokens' issuer, AWS's (cognito-provisioners.ts).
    getAtt: (logicalId: string, attribute: string) =>
      attribute === 'ProviderURL' ? `${ISSUERS}/${LOCAL_IDS[logicalId]}` : `arn:aws:lambda:eu-west-1:000000000000:function:${logicalId}`,
    condition: () => true,
  };
  return { state: { resources: {} }, resources, resolve: (value, at) => resolveIntrinsics(value, context, at), holds: () => true };
}

const poolJwt = (scopes: string[] = []) => ({
  type: 'JWT',
  authorizer: 'HttpApiAuthorizerCognito',
  identitySource: '$request.header.Authorization',
  issuer: `${ISSUERS}/eu-west-1_Pool12345`,
  userPoolId: 'eu-west-1_Pool12345',
  audiences: ['localclient1'],
  scopes,
});
const refusalOf = (stack: DeployedStack) => () => httpApiRoutes(stack, localValue, pools, issuers);

describe('httpApiRoutes', () => {
  it('reads each route as serverless compiles it: public, JWT with and without scopes, ANY with a greedy path, $default', () => {
    expect(httpApiRoutes(compiledStack(), localValue, pools, issuers)?.routes).toEqual({
      'GET /http/hello': { authorization: { type: 'NONE' }, payloadFormatVersion: '2.0' },
      'GET /http/secured': { authorization: poolJwt(['aws.cognito.signin.user.admin']), payloadFormatVersion: '2.0' },
      'POST /http/items/{id}': { authorization: poolJwt(), payloadFormatVersion: '2.0' },
      'ANY /http/files/{proxy+}': { authorization: { type: 'NONE' }, payloadFormatVersion: '2.0' },
      $default: { authorization: { type: 'NONE' }, payloadFormatVersion: '2.0' },
    });
  });

  it("gives each route its integration's payload format (provider.httpApi.payload: '1.0')", () => {
    const stack = compiledStack({ HttpApiIntegrationHttpSecured: integration('HttpSecured', '1.0') });
    const { routes } = httpApiRoutes(stack, localValue, pools, issuers)!;
    expect(routes['GET /http/secured']?.payloadFormatVersion).toBe('1.0');
    expect(routes['GET /http/hello']?.payloadFormatVersion).toBe('2.0');
  });

  it('reads `cors: true` as serverless compiles it, and a full CorsConfiguration; none without one', () => {
    expect(httpApiRoutes(compiledStack(), localValue, pools, issuers)?.cors).toEqual({
      allowOrigins: ['*'],
      allowMethods: ['OPTIONS', 'GET', 'POST', 'PUT', 'PATCH', 'HEAD', 'DELETE'],
      allowHeaders: [
        'Content-Type',
        'X-Amz-Date',
        'Authorization',
        'X-Api-Key',
        'X-Amz-Security-Token',
        'X-Amz-User-Agent',
        'X-Amzn-Trace-Id',
      ],
      exposeHeaders: [],
      allowCredentials: false,
    });
    const CorsConfiguration = {
      AllowOrigins: ['http://localhost:5173'],
      AllowMethods: ['GET'],
      AllowHeaders: ['authorization'],
      ExposeHeaders: ['x-request-id'],
      AllowCredentials: true,
      MaxAge: 600,
    };
    const api = (properties: object): CfnResource => ({
      Type: 'AWS::ApiGatewayV2::Api',
      Properties: { ProtocolType: 'HTTP', ...properties },
    });
    expect(httpApiRoutes(compiledStack({ HttpApi: api({ CorsConfiguration }) }), localValue, pools, issuers)?.cors).toEqual({
      allowOrigins: ['http://localhost:5173'],
      allowMethods: ['GET'],
      allowHeaders: ['authorization'],
      exposeHeaders: ['x-request-id'],
      allowCredentials: true,
      maxAge: 600,
    });
    expect(httpApiRoutes(compiledStack({ HttpApi: api({}) }), localValue, pools, issuers)).not.toHaveProperty('cors');
  });

  it('is undefined for a stack without an HTTP API', () => {
    const stack = compiledStack();
    const { HttpApi, ...others } = stack.resources;
    expect(httpApiRoutes({ ...stack, resources: others }, localValue, pools, issuers)).toBeUndefined();
  });

  it("maps an issuer written for AWS to the local pool: Fn::Join, Fn::Sub, Fn::GetAtt ProviderURL, a stood-in pool's literal URL", () => {
    const issuerOf = (Issuer: unknown) => {
      const stack = compiledStack({ HttpApiAuthorizerCognito: jwtAuthorizer(Issuer) });
      const authorization = httpApiRoutes(stack, localValue, pools, issuers)!.routes['POST /http/items/{id}']!.authorization;
      return authorization.type === 'JWT' ? [authorization.issuer, authorization.userPoolId] : undefined;
    };
    const local = [`${ISSUERS}/eu-west-1_Pool12345`, 'eu-west-1_Pool12345'];
    expect(issuerOf(poolIssuer)).toEqual(local);
    expect(issuerOf({ 'Fn::Sub': 'https://cognito-idp.${AWS::Region}.amazonaws.com/${CognitoUserPool}' })).toEqual(local);
    expect(issuerOf({ 'Fn::GetAtt': ['CognitoUserPool', 'ProviderURL'] })).toEqual(local);
    expect(issuerOf('https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Shared')).toEqual([
      `${ISSUERS}/eu-west-1_Stand1234`,
      'eu-west-1_Stand1234',
    ]);
  });

  it("refuses an issuer that is another stack's pool, naming it and the stand-in that would do", () => {
    const stack = compiledStack({ HttpApiAuthorizerCognito: jwtAuthorizer('https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Other') });
    expect(refusalOf(stack)).toThrow(
      'The local stage cannot authorize these HTTP API routes as API Gateway will:\n' +
        '  - GET /http/secured: its JWT authorizer HttpApiAuthorizerCognito trusts the issuer https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Other, ' +
        'which is neither a user pool of this stack nor stood in for locally. Point its issuerUrl at a pool of this stack (`Fn::GetAtt: [<Pool>, ProviderURL]`), ' +
        'or add a pool under custom.localStack.resources with `StandsFor: eu-west-1_Other` (README: "A pool from another stack").\n' +
        '  - POST /http/items/{id}: its JWT authorizer HttpApiAuthorizerCognito trusts the issuer',
    );
    const notCognito = compiledStack({ HttpApiAuthorizerCognito: jwtAuthorizer('https://example.eu.auth0.com/') });
    expect(refusalOf(notCognito)).toThrow(
      /trusts the issuer https:\/\/example\.eu\.auth0\.com\/, which is neither a user pool of this stack/,
    );
  });

  it("refuses a local pool named at another region's endpoint (a stand-in for a pool of another region), saying which issuer its tokens carry", () => {
    const stack = compiledStack({
      HttpApiAuthorizerCognito: jwtAuthorizer('https://cognito-idp.us-east-1.amazonaws.com/eu-west-1_Shared'),
    });
    expect(refusalOf(stack)).toThrow(
      'its JWT authorizer HttpApiAuthorizerCognito trusts the issuer https://cognito-idp.us-east-1.amazonaws.com/eu-west-1_Shared, ' +
        "which is the local pool eu-west-1_Stand1234 at another region's endpoint; that pool's tokens carry https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Stand1234.",
    );
  });

  it('refuses an audience that is no local app client, and an empty one', () => {
    const audience = (Audience: unknown[]) =>
      compiledStack({
        HttpApiAuthorizerCognito: jwtAuthorizer(poolIssuer, { JwtConfiguration: { Issuer: poolIssuer, Audience } }),
      });
    expect(refusalOf(audience(['3abc-client-of-another-stack']))).toThrow(
      /its JWT authorizer HttpApiAuthorizerCognito accepts the audience 3abc-client-of-another-stack, which is neither an app client of this stack nor stood in for locally/,
    );
    expect(refusalOf(audience([]))).toThrow(/its JWT authorizer HttpApiAuthorizerCognito has no audience: no token would pass/);
  });

  it('refuses an identity source other than one header, by name', () => {
    const reading = (IdentitySource: unknown) => compiledStack({ HttpApiAuthorizerCognito: jwtAuthorizer(poolIssuer, { IdentitySource }) });
    for (const source of [['$request.querystring.token'], ['$request.header.Authorization', '$request.header.X-Token']]) {
      expect(refusalOf(reading(source))).toThrow(
        `GET /http/secured: its JWT authorizer HttpApiAuthorizerCognito reads ${JSON.stringify(source)}; the local stage reads a JWT authorizer's token from one header`,
      );
    }
  });

  it('refuses IAM on HTTP API routes, and a Lambda authorizer that is not of this stack, by name: locally they would be open', () => {
    const stack = compiledStack({
      HttpApiRouteGetHttpCustom: route('GET /http/custom', 'HttpHello', {
        AuthorizationType: 'CUSTOM',
        AuthorizerId: { Ref: 'HttpApiAuthorizerCustom' },
      }),
      HttpApiRouteGetHttpIam: route('GET /http/iam', 'HttpHello', { AuthorizationType: 'AWS_IAM' }),
    });
    expect(refusalOf(stack)).toThrow(
      'The local stage cannot authorize these HTTP API routes as API Gateway will:\n' +
        '  - GET /http/custom: its AuthorizerId {"Ref":"HttpApiAuthorizerCustom"} is not an AWS::ApiGatewayV2::Authorizer of this stack; ' +
        'locally, declare the Lambda authorizer under provider.httpApi.authorizers in serverless.yml (`type: request`).\n' +
        '  - GET /http/iam: its IAM (AWS_IAM) authorization is not emulated locally on HTTP APIs (the local stage emulates JWT and Lambda authorizers); without it the route would be open locally and closed on AWS.',
    );
  });

  it('refuses a route whose integration has no payload format, which CloudFormation requires', () => {
    const { PayloadFormatVersion, ...properties } = integration('HttpHello').Properties!;
    const stack = compiledStack({ HttpApiIntegrationHttpHello: { Type: 'AWS::ApiGatewayV2::Integration', Properties: properties } });
    expect(refusalOf(stack)).toThrow(/GET \/http\/hello: its integration HttpApiIntegrationHttpHello has PayloadFormatVersion undefined/);
  });

  it('refuses a route declared in resources that no httpApi event makes (serverless-offline would not serve it), by its route key', () => {
    const api = {
      routes: {
        'GET /http/hello': { authorization: { type: 'NONE' }, payloadFormatVersion: '2.0' },
        'ANY /http/items/{id}': { authorization: { type: 'NONE' }, payloadFormatVersion: '2.0' },
        $default: { authorization: { type: 'NONE' }, payloadFormatVersion: '2.0' },
        'POST /hand/written': { authorization: { type: 'NONE' }, payloadFormatVersion: '2.0' },
      },
    } as const;
    const functions = {
      hello: { events: [{ httpApi: { method: 'get', path: '/http/hello' } }, { httpApi: { method: '*', path: '/http/items/{id}' } }] },
      rest: { events: [{ httpApi: '*' }] },
    };
    expect(() => refuseUnservedHttpApiRoutes(api, functions)).toThrow(/come from no httpApi event[^:]*: POST \/hand\/written\. Declare/);
    delete (api.routes as Record<string, unknown>)['POST /hand/written'];
    expect(() => refuseUnservedHttpApiRoutes(api, functions)).not.toThrow();
  });
});
