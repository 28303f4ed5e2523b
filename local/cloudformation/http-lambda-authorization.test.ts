import { describe, expect, it } from 'vitest';
import type { DeployedStack } from './deploy-local-stack.ts';
import { httpApiRoutes } from './http-api-routes.ts';
import { resolveIntrinsics } from './intrinsics.ts';
import type { CfnResource } from './template.ts';

// HTTP API Lambda authorizers as serverless 3.40 compiles `provider.httpApi.authorizers.<name>:
// { type: request, … }` (measured with `serverless package`), read with API Gateway's rules:
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html
// https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-authorizers.html

const ACCOUNT = '000000000000';
const PSEUDO: Record<string, string> = { 'AWS::Partition': 'aws', 'AWS::Region': 'eu-west-1', 'AWS::AccountId': ACCOUNT };
const NAMES: Record<string, string> = { AuthLambdaFunction: 'hello-auth-local-auth', HelloLambdaFunction: 'hello-auth-local-hello' };
const AUTH_ARN = { 'Fn::GetAtt': ['AuthLambdaFunction', 'Arn'] };
const uriOf = (functionArn: unknown) => ({
  'Fn::Join': [
    '',
    [
      'arn:',
      { Ref: 'AWS::Partition' },
      ':apigateway:',
      { Ref: 'AWS::Region' },
      ':lambda:path/2015-03-31/functions/',
      functionArn,
      '/invocations',
    ],
  ],
});

/** `simple: { type: request, functionName: auth, enableSimpleResponses: true, payloadVersion: '2.0', identitySource: [$request.header.Authorization], resultTtlInSeconds: 300 }`. */
const simpleAuthorizer = (more: Record<string, unknown> = {}): CfnResource => ({
  Type: 'AWS::ApiGatewayV2::Authorizer',
  Properties: {
    ApiId: { Ref: 'HttpApi' },
    Name: 'simple',
    IdentitySource: ['$request.header.Authorization'],
    AuthorizerType: 'REQUEST',
    EnableSimpleResponses: true,
    AuthorizerResultTtlInSeconds: 300,
    AuthorizerPayloadFormatVersion: '2.0',
    AuthorizerUri: uriOf(AUTH_ARN),
    ...more,
  },
});

function stackWith(authorizer: CfnResource): DeployedStack {
  const resources: Record<string, CfnResource> = {
    HttpApi: { Type: 'AWS::ApiGatewayV2::Api', Properties: { Name: 'local-hello-auth', ProtocolType: 'HTTP' } },
    AuthLambdaFunction: { Type: 'AWS::Lambda::Function', Properties: { FunctionName: NAMES.AuthLambdaFunction } },
    HelloLambdaFunction: { Type: 'AWS::Lambda::Function', Properties: { FunctionName: NAMES.HelloLambdaFunction } },
    HttpApiAuthorizerSimple: authorizer,
    HttpApiIntegrationHello: {
      Type: 'AWS::ApiGatewayV2::Integration',
      Properties: {
        ApiId: { Ref: 'HttpApi' },
        IntegrationType: 'AWS_PROXY',
        IntegrationUri: { 'Fn::GetAtt': ['HelloLambdaFunction', 'Arn'] },
        PayloadFormatVersion: '2.0',
      },
    },
    HttpApiRouteGetItems: {
      Type: 'AWS::ApiGatewayV2::Route',
      Properties: {
        ApiId: { Ref: 'HttpApi' },
        RouteKey: 'GET /items',
        Target: { 'Fn::Join': ['/', ['integrations', { Ref: 'HttpApiIntegrationHello' }]] },
        AuthorizationType: 'CUSTOM',
        AuthorizerId: { Ref: 'HttpApiAuthorizerSimple' },
      },
    },
  };
  const context = {
    ref: (name: string) => PSEUDO[name] ?? NAMES[name] ?? name,
    getAtt: (logicalId: string, attribute: string) =>
      attribute === 'Arn' && NAMES[logicalId]
        ? `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:${NAMES[logicalId]}`
        : `${logicalId}.${attribute}`,
    condition: () => true,
  };
  return { state: { resources: {} }, resources, resolve: (value, at) => resolveIntrinsics(value, context, at), holds: () => true };
}
const same = (value: unknown) => value;
const authorizationOf = (authorizer: CfnResource) =>
  httpApiRoutes(stackWith(authorizer), same, new Set(), { clientIds: new Set() })?.routes['GET /items']?.authorization;
const refusalOf = (authorizer: CfnResource) => () => authorizationOf(authorizer);

describe('HTTP API Lambda authorizers', () => {
  it('reads a simple-response authorizer of provider.httpApi.authorizers: its function, identity sources, payload 2.0, TTL', () => {
    expect(authorizationOf(simpleAuthorizer())).toEqual({
      type: 'LAMBDA',
      authorizer: 'HttpApiAuthorizerSimple',
      functionName: 'hello-auth-local-auth',
      identitySources: ['$request.header.Authorization'],
      payloadFormatVersion: '2.0',
      simpleResponses: true,
      resultTtlSeconds: 300,
    });
  });

  it('reads a policy authorizer named by functionArn, payload 1.0, every kind of identity source', () => {
    const identitySource = ['$request.header.X-Tenant', '$request.querystring.key', '$context.routeKey', '$stageVariables.env'];
    const authorizer = simpleAuthorizer({
      AuthorizerUri: uriOf(`arn:aws:lambda:eu-west-1:${ACCOUNT}:function:hello-auth-local-auth`),
      AuthorizerPayloadFormatVersion: '1.0',
      EnableSimpleResponses: undefined,
      IdentitySource: identitySource,
      AuthorizerResultTtlInSeconds: 0,
    });
    expect(authorizationOf(authorizer)).toMatchObject({
      payloadFormatVersion: '1.0',
      simpleResponses: false,
      identitySources: identitySource,
      resultTtlSeconds: 0,
    });
  });

  it('leaves caching off when AuthorizerResultTtlInSeconds is absent, as serverless compiles an authorizer without resultTtlInSeconds', () => {
    expect(authorizationOf(simpleAuthorizer({ AuthorizerResultTtlInSeconds: undefined, IdentitySource: [] }))).toMatchObject({
      identitySources: [],
      resultTtlSeconds: 0,
    });
  });

  it('refuses an authorizer without a payload format version, which API Gateway requires', () => {
    expect(refusalOf(simpleAuthorizer({ AuthorizerPayloadFormatVersion: undefined }))).toThrow(
      /GET \/items: its Lambda authorizer HttpApiAuthorizerSimple has AuthorizerPayloadFormatVersion null; API Gateway requires "1.0" or "2.0"/,
    );
  });

  it('refuses simple responses with payload 1.0', () => {
    expect(refusalOf(simpleAuthorizer({ AuthorizerPayloadFormatVersion: '1.0' }))).toThrow(/allows simple responses only with "2.0"/);
  });

  it('refuses caching without an identity source, and a TTL outside 0..3600', () => {
    expect(refusalOf(simpleAuthorizer({ IdentitySource: [] }))).toThrow(
      /caches its results \(AuthorizerResultTtlInSeconds 300\) but has no identity source/,
    );
    expect(refusalOf(simpleAuthorizer({ AuthorizerResultTtlInSeconds: 7200 }))).toThrow(/from 0 \(no caching\) to 3600/);
  });

  it('refuses an identity source API Gateway does not take', () => {
    for (const source of ['method.request.header.Authorization', '$request.body.token', '$request.header.A,$request.header.B']) {
      expect(refusalOf(simpleAuthorizer({ IdentitySource: [source] }))).toThrow(
        `its Lambda authorizer HttpApiAuthorizerSimple reads ${JSON.stringify(source)}`,
      );
    }
  });

  it("refuses a function of another account or service, saying how to point it at one of this service's", () => {
    const other = 'arn:aws:lambda:eu-west-1:123456789012:function:shared-auth-prod-auth';
    expect(refusalOf(simpleAuthorizer({ AuthorizerUri: uriOf(other) }))).toThrow(
      `GET /items: its Lambda authorizer HttpApiAuthorizerSimple invokes ${other}, which is not a function of this service`,
    );
  });

  it('refuses a CUSTOM route whose authorizer is a JWT authorizer', () => {
    expect(refusalOf(simpleAuthorizer({ AuthorizerType: 'JWT' }))).toThrow(
      /its route is CUSTOM but its authorizer HttpApiAuthorizerSimple is of AuthorizerType "JWT"/,
    );
  });
});
