import { describe, expect, it } from 'vitest';
import { apiRoutes } from './api-routes.ts';
import type { DeployedStack } from './deploy-local-stack.ts';
import { resolveIntrinsics } from './intrinsics.ts';
import type { CfnResource } from './template.ts';

const POOL_ARN = 'arn:aws:cognito-idp:eu-west-1:000000000000:userpool/local_Pool1';

/** A deployed stack with the REST API resources serverless compiles for `/orders/{id}`, plus `extra`. */
function stackWith(extra: Record<string, CfnResource>): DeployedStack {
  const resources: Record<string, CfnResource> = {
    ApiGatewayResourceOrders: {
      Type: 'AWS::ApiGateway::Resource',
      Properties: { PathPart: 'orders', ParentId: { 'Fn::GetAtt': ['ApiGatewayRestApi', 'RootResourceId'] } },
    },
    ApiGatewayResourceOrdersIdVar: {
      Type: 'AWS::ApiGateway::Resource',
      Properties: { PathPart: '{id}', ParentId: { Ref: 'ApiGatewayResourceOrders' } },
    },
    OrdersAuthorizer: {
      Type: 'AWS::ApiGateway::Authorizer',
      Properties: {
        Type: 'COGNITO_USER_POOLS',
        IdentitySource: 'method.request.header.X-Token',
        AuthorizerResultTtlInSeconds: 0,
        ProviderARNs: [{ 'Fn::GetAtt': ['Pool', 'Arn'] }],
      },
    },
    ...extra,
  };
  const context = { ref: (name: string) => name, getAtt: () => POOL_ARN, condition: () => true };
  return { state: { resources: {} }, resources, resolve: (value, at) => resolveIntrinsics(value, context, at), holds: () => true };
}

const method = (properties: Record<string, unknown>): CfnResource => ({
  Type: 'AWS::ApiGateway::Method',
  Properties: { HttpMethod: 'POST', ResourceId: { Ref: 'ApiGatewayResourceOrdersIdVar' }, ...properties },
});
const same = (value: unknown) => value;

describe('apiRoutes', () => {
  it("authorizes each method as its compiled authorizer says: header, TTL, pools, the method's scopes", () => {
    const stack = stackWith({
      Post: method({
        AuthorizationType: 'COGNITO_USER_POOLS',
        AuthorizerId: { Ref: 'OrdersAuthorizer' },
        AuthorizationScopes: ['orders/write'],
      }),
      Options: method({ HttpMethod: 'OPTIONS', AuthorizationType: 'NONE' }),
    });
    expect(apiRoutes(stack, same, new Set(['local_Pool1']))).toEqual({
      'POST /orders/{id}': {
        type: 'COGNITO_USER_POOLS',
        authorizer: 'OrdersAuthorizer',
        identitySource: 'method.request.header.X-Token',
        resultTtlSeconds: 0,
        userPoolIds: ['local_Pool1'],
        scopes: ['orders/write'],
      },
      'OPTIONS /orders/{id}': { type: 'NONE' },
    });
  });

  it('refuses an authorizer on a pool that is neither of this stack nor stood in for, saying how to add a stand-in', () => {
    const stack = stackWith({ Post: method({ AuthorizationType: 'COGNITO_USER_POOLS', AuthorizerId: { Ref: 'OrdersAuthorizer' } }) });
    expect(() => apiRoutes(stack, same, new Set(['local_Other']))).toThrow(
      /POST \/orders\/\{id\}: its authorizer OrdersAuthorizer names the user pool .*StandsFor/s,
    );
  });

  it('refuses an authorizer id that is not an authorizer of this stack', () => {
    const stack = stackWith({ Post: method({ AuthorizationType: 'COGNITO_USER_POOLS', AuthorizerId: 'abc123' }) });
    expect(() => apiRoutes(stack, same, new Set(['local_Pool1']))).toThrow(
      /its AuthorizerId "abc123" is not an AWS::ApiGateway::Authorizer of this stack/,
    );
  });

  it('refuses IAM authorization, which would leave the route open locally', () => {
    const stack = stackWith({ Post: method({ AuthorizationType: 'AWS_IAM' }) });
    expect(() => apiRoutes(stack, same, new Set())).toThrow(/POST \/orders\/\{id\}: its AWS_IAM authorization is not emulated locally/);
  });

  it('refuses an identity source other than one header', () => {
    const stack = stackWith({
      Post: method({ AuthorizationType: 'COGNITO_USER_POOLS', AuthorizerId: { Ref: 'OrdersAuthorizer' } }),
      OrdersAuthorizer: {
        Type: 'AWS::ApiGateway::Authorizer',
        Properties: { Type: 'COGNITO_USER_POOLS', IdentitySource: 'method.request.querystring.token', ProviderARNs: [POOL_ARN] },
      },
    });
    expect(() => apiRoutes(stack, same, new Set(['local_Pool1']))).toThrow(
      /reads method\.request\.querystring\.token; a COGNITO_USER_POOLS authorizer reads one header/,
    );
  });
});
