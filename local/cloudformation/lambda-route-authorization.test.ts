import { describe, expect, it } from 'vitest';
import { apiRoutes } from './api-routes.ts';
import type { DeployedStack } from './deploy-local-stack.ts';
import { resolveIntrinsics } from './intrinsics.ts';
import type { CfnResource } from './template.ts';

// REST Lambda authorizers as serverless 3.40 compiles them (measured with `serverless package`),
// read with API Gateway's CreateAuthorizer rules:
// https://docs.aws.amazon.com/apigateway/latest/api/API_CreateAuthorizer.html
// https://docs.aws.amazon.com/apigateway/latest/api/API_Authorizer.html

const ACCOUNT = '000000000000';
const PSEUDO: Record<string, string> = { 'AWS::Partition': 'aws', 'AWS::Region': 'eu-west-1', 'AWS::AccountId': ACCOUNT };
/** The deployed names of this service's functions (resource-types.ts: `Ref` is the FunctionName). */
const NAMES: Record<string, string> = { AuthLambdaFunction: 'hello-auth-local-auth', HelloLambdaFunction: 'hello-auth-local-hello' };

/** serverless's `AuthorizerUri` for a function ARN. */
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
const AUTH_ARN = { 'Fn::GetAtt': ['AuthLambdaFunction', 'Arn'] };

/** What `authorizer: { name: auth, type: token, identitySource: method.request.header.X-Token, identityValidationExpression: '^Bearer .+$', resultTtlInSeconds: 60 }` compiles to. */
const tokenAuthorizer = (more: Record<string, unknown> = {}): CfnResource => ({
  Type: 'AWS::ApiGateway::Authorizer',
  Properties: {
    AuthorizerResultTtlInSeconds: 60,
    IdentitySource: 'method.request.header.X-Token',
    Name: 'auth',
    RestApiId: { Ref: 'ApiGatewayRestApi' },
    AuthorizerUri: uriOf(AUTH_ARN),
    Type: 'TOKEN',
    IdentityValidationExpression: '^Bearer .+$',
    ...more,
  },
});
/** What `authorizer: { name: reqAuth, arn: <GetAtt AuthLambdaFunction.Arn>, type: request, identitySource: 'method.request.header.Authorization, method.request.querystring.tenant', resultTtlInSeconds: 0 }` compiles to. */
const requestAuthorizer = (more: Record<string, unknown> = {}): CfnResource => ({
  Type: 'AWS::ApiGateway::Authorizer',
  Properties: {
    AuthorizerResultTtlInSeconds: 0,
    IdentitySource: 'method.request.header.Authorization, method.request.querystring.tenant',
    Name: 'reqAuth',
    RestApiId: { Ref: 'ApiGatewayRestApi' },
    AuthorizerUri: uriOf(AUTH_ARN),
    Type: 'REQUEST',
    ...more,
  },
});

function stackWith(authorizer: CfnResource, extra: Record<string, CfnResource> = {}): DeployedStack {
  const resources: Record<string, CfnResource> = {
    ApiGatewayRestApi: { Type: 'AWS::ApiGateway::RestApi', Properties: { Name: 'local-hello-auth' } },
    ApiGatewayResourceOrders: {
      Type: 'AWS::ApiGateway::Resource',
      Properties: { PathPart: 'orders', ParentId: { 'Fn::GetAtt': ['ApiGatewayRestApi', 'RootResourceId'] } },
    },
    AuthLambdaFunction: { Type: 'AWS::Lambda::Function', Properties: { FunctionName: NAMES.AuthLambdaFunction } },
    HelloLambdaFunction: { Type: 'AWS::Lambda::Function', Properties: { FunctionName: NAMES.HelloLambdaFunction } },
    AuthApiGatewayAuthorizer: authorizer,
    ApiGatewayMethodOrdersGet: {
      Type: 'AWS::ApiGateway::Method',
      Properties: {
        HttpMethod: 'GET',
        ResourceId: { Ref: 'ApiGatewayResourceOrders' },
        AuthorizationType: 'CUSTOM',
        AuthorizerId: { Ref: 'AuthApiGatewayAuthorizer' },
      },
    },
    ...extra,
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
const routesOf = (stack: DeployedStack) => apiRoutes(stack, same, new Set());
const refusalOf = (authorizer: CfnResource) => () => routesOf(stackWith(authorizer));

describe('REST Lambda authorizers', () => {
  it('reads a TOKEN authorizer of an http event: its function, one header, its validation expression and TTL', () => {
    expect(routesOf(stackWith(tokenAuthorizer()))['GET /orders']).toEqual({
      type: 'CUSTOM',
      authorizer: 'AuthApiGatewayAuthorizer',
      authorizerType: 'TOKEN',
      functionName: 'hello-auth-local-auth',
      identitySources: ['method.request.header.X-Token'],
      identityValidationExpression: '^Bearer .+$',
      resultTtlSeconds: 60,
    });
  });

  it('reads a REQUEST authorizer named by ARN: its comma-separated identity sources, split and trimmed, caching off', () => {
    expect(routesOf(stackWith(requestAuthorizer()))['GET /orders']).toEqual({
      type: 'CUSTOM',
      authorizer: 'AuthApiGatewayAuthorizer',
      authorizerType: 'REQUEST',
      functionName: 'hello-auth-local-auth',
      identitySources: ['method.request.header.Authorization', 'method.request.querystring.tenant'],
      resultTtlSeconds: 0,
    });
  });

  it('reads an AWS::ApiGateway::Authorizer of resources used through authorizerId, its URI written with a literal partition', () => {
    const literal = {
      'Fn::Join': ['', ['arn:aws:apigateway:', { Ref: 'AWS::Region' }, ':lambda:path/2015-03-31/functions/', AUTH_ARN, '/invocations']],
    };
    const authorizer: CfnResource = {
      Type: 'AWS::ApiGateway::Authorizer',
      Properties: {
        Name: 'mine',
        RestApiId: { Ref: 'ApiGatewayRestApi' },
        Type: 'REQUEST',
        AuthorizerUri: literal,
        IdentitySource: 'stageVariables.tenant, context.sourceIp',
      },
    };
    expect(routesOf(stackWith(authorizer))['GET /orders']).toMatchObject({
      authorizerType: 'REQUEST',
      functionName: 'hello-auth-local-auth',
      identitySources: ['stageVariables.tenant', 'context.sourceIp'],
      // API Gateway's default when AuthorizerResultTtlInSeconds is not set.
      resultTtlSeconds: 300,
    });
  });

  it('takes a version- or alias-qualified ARN of a function of this service as that function (its working copy runs locally)', () => {
    const qualified = `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:hello-auth-local-auth:live`;
    expect(routesOf(stackWith(tokenAuthorizer({ AuthorizerUri: uriOf(qualified) })))['GET /orders']).toMatchObject({
      functionName: 'hello-auth-local-auth',
    });
  });

  it('ignores IdentityValidationExpression on a REQUEST authorizer, as API Gateway does', () => {
    const route = routesOf(stackWith(requestAuthorizer({ IdentityValidationExpression: '^x$' })))['GET /orders'];
    expect(route).not.toHaveProperty('identityValidationExpression');
  });

  it('refuses an authorizer whose function is of another account or service, saying how to point it at one of this service', () => {
    const other = 'arn:aws:lambda:eu-west-1:123456789012:function:shared-auth-prod-auth';
    expect(refusalOf(tokenAuthorizer({ AuthorizerUri: uriOf(other) }))).toThrow(
      new RegExp(
        `GET /orders: its Lambda authorizer AuthApiGatewayAuthorizer invokes ${other}, which is not a function of this service: .*will not serve the route open.*\\$\\{param:authorizerArn\\}`,
      ),
    );
    const sameAccount = `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:other-service-local-auth`;
    expect(refusalOf(tokenAuthorizer({ AuthorizerUri: uriOf(sameAccount) }))).toThrow(
      /invokes .*other-service-local-auth, which is not a function of this service/,
    );
  });

  it('refuses an AuthorizerUri that is not a Lambda function invocation', () => {
    expect(refusalOf(tokenAuthorizer({ AuthorizerUri: 'https://auth.example.com/check' }))).toThrow(
      /has the AuthorizerUri "https:\/\/auth.example.com\/check", which is not a Lambda function's invocation URI/,
    );
  });

  it("refuses a URI whose region is not the function's", () => {
    const uri = `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:${ACCOUNT}:function:hello-auth-local-auth/invocations`;
    expect(refusalOf(tokenAuthorizer({ AuthorizerUri: uri }))).toThrow(/the URI's region must be the function's \(eu-west-1\)/);
  });

  it('refuses a TOKEN authorizer without exactly one header', () => {
    for (const IdentitySource of [undefined, 'method.request.querystring.token', 'method.request.header.A, method.request.header.B']) {
      expect(refusalOf(tokenAuthorizer({ IdentitySource }))).toThrow(
        /its TOKEN authorizer AuthApiGatewayAuthorizer reads .*exactly one header/,
      );
    }
  });

  it('refuses a TOKEN validation expression that is not a regular expression', () => {
    expect(refusalOf(tokenAuthorizer({ IdentityValidationExpression: '^(Bearer' }))).toThrow(
      /"\^\(Bearer", which is not a regular expression/,
    );
  });

  it('refuses a REQUEST identity source API Gateway does not take, and an empty entry', () => {
    expect(refusalOf(requestAuthorizer({ IdentitySource: 'method.request.header.A, method.request.body.b' }))).toThrow(
      /its REQUEST authorizer AuthApiGatewayAuthorizer reads method\.request\.body\.b/,
    );
    expect(refusalOf(requestAuthorizer({ IdentitySource: 'method.request.header.A,,context.x' }))).toThrow(
      /an empty entry in its IdentitySource/,
    );
  });

  it('refuses a REQUEST authorizer that caches without an identity source (its TTL by default too)', () => {
    expect(refusalOf(requestAuthorizer({ IdentitySource: undefined, AuthorizerResultTtlInSeconds: 60 }))).toThrow(
      /caches its results \(AuthorizerResultTtlInSeconds 60\) but has no identity source/,
    );
    expect(refusalOf(requestAuthorizer({ IdentitySource: undefined, AuthorizerResultTtlInSeconds: undefined }))).toThrow(
      /AuthorizerResultTtlInSeconds 300/,
    );
    expect(routesOf(stackWith(requestAuthorizer({ IdentitySource: undefined })))['GET /orders']).toMatchObject({
      identitySources: [],
      resultTtlSeconds: 0,
    });
  });

  it('refuses a TTL outside 0..3600 and a type that is not a Lambda authorizer', () => {
    for (const ttl of [-1, 3601, 1.5, 'soon']) {
      expect(refusalOf(tokenAuthorizer({ AuthorizerResultTtlInSeconds: ttl }))).toThrow(
        /a whole number of seconds from 0 \(no caching\) to 3600/,
      );
    }
    expect(refusalOf(tokenAuthorizer({ Type: 'COGNITO_USER_POOLS' }))).toThrow(
      /its method is CUSTOM but its authorizer AuthApiGatewayAuthorizer is of Type "COGNITO_USER_POOLS"/,
    );
    expect(refusalOf(tokenAuthorizer({ Type: 'token' }))).toThrow(/is of Type "token"/);
  });

  it('still refuses AWS_IAM by name', () => {
    const stack = stackWith(tokenAuthorizer(), {
      ApiGatewayMethodOrdersPost: {
        Type: 'AWS::ApiGateway::Method',
        Properties: { HttpMethod: 'POST', ResourceId: { Ref: 'ApiGatewayResourceOrders' }, AuthorizationType: 'AWS_IAM' },
      },
    });
    expect(() => routesOf(stack)).toThrow(/POST \/orders: its AWS_IAM authorization is not emulated locally/);
  });
});
