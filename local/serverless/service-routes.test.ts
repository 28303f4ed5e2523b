import { describe, expect, it } from 'vitest';
import { authorizerConflicts, routesOf, type ServiceFunctions } from './service-routes.ts';

const poolArn = { 'Fn::GetAtt': ['CognitoUserPool', 'Arn'] };
const cognito = (extra: object = {}) => ({ name: 'cognitoUserPool', type: 'COGNITO_USER_POOLS', arn: poolArn, ...extra });
const secured = (path: string, authorizer: unknown, method = 'get') => ({
  handler: 'src/functions/a.handler',
  events: [{ http: { path, method, authorizer } }],
});

describe('routesOf', () => {
  it('reads paths and methods as serverless compiles them', () => {
    const functions: ServiceFunctions = {
      status: { handler: 'src/status.handler', events: [{ http: 'GET status/' }, { schedule: 'rate(1 hour)' }] },
      order: secured('/orders/{id}', cognito(), 'post'),
    };
    expect(routesOf(functions)).toEqual([
      { functionName: 'status', method: 'GET', path: '/status', authorization: { kind: 'none' } },
      {
        functionName: 'order',
        method: 'POST',
        path: '/orders/{id}',
        authorization: {
          kind: 'compiled',
          name: 'cognitoUserPool',
          logicalId: 'CognitoUserPoolApiGatewayAuthorizer',
          type: 'COGNITO_USER_POOLS',
          arn: poolArn,
          identitySource: 'method.request.header.Authorization',
          resultTtlInSeconds: 300,
        },
      },
    ]);
  });

  it('tells the kinds of authorizer apart as serverless does', () => {
    const [iam, existing, lambda, byArn] = routesOf({
      a: secured('a', 'aws_iam'),
      b: secured('b', { type: 'COGNITO_USER_POOLS', authorizerId: { Ref: 'Shared' } }),
      c: secured('c', 'checkToken'),
      d: secured('d', 'arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_Abc'),
    }).map((route) => route.authorization);
    expect(iam).toEqual({ kind: 'iam' });
    expect(existing).toEqual({ kind: 'existing', type: 'COGNITO_USER_POOLS', authorizerId: { Ref: 'Shared' } });
    expect(lambda).toMatchObject({
      kind: 'compiled',
      type: 'TOKEN',
      logicalId: 'CheckTokenApiGatewayAuthorizer',
      arn: { 'Fn::GetAtt': ['CheckTokenLambdaFunction', 'Arn'] },
    });
    expect(byArn).toMatchObject({ kind: 'compiled', type: 'COGNITO_USER_POOLS', name: '1_Abc' });
  });
});

describe('authorizerConflicts', () => {
  it("accepts one authorizer shared with the same settings, whatever each route's scopes", () => {
    expect(
      authorizerConflicts(routesOf({ a: secured('a', cognito({ scopes: ['read'] })), b: secured('b', cognito({ scopes: ['write'] })) })),
    ).toEqual([]);
  });

  it('names both routes, the differing setting and the fix when a name is shared with other settings', () => {
    const conflicts = authorizerConflicts(
      routesOf({
        orders: secured('orders', cognito()),
        admin: secured('admin', cognito({ identitySource: 'method.request.header.X-Token', resultTtlInSeconds: 0 })),
      }),
    );
    expect(conflicts).toEqual([
      'GET /orders (function orders) and GET /admin (function admin) share the authorizer name "cognitoUserPool" but set ' +
        'identitySource differently ("method.request.header.Authorization" vs "method.request.header.X-Token"), resultTtlInSeconds differently (300 vs 0). ' +
        'serverless deploys ONE authorizer per name, so both routes would get the same settings on AWS. ' +
        "Give each http event's authorizer its own name in serverless.yml, or make these settings equal.",
    ]);
  });

  it('catches names serverless maps to the same authorizer, and different pools', () => {
    const [conflict] = authorizerConflicts(
      routesOf({
        a: secured('a', cognito({ name: 'users' })),
        b: secured('b', cognito({ name: 'Users', arn: 'arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_Abc' })),
      }),
    );
    expect(conflict).toContain('names "users" and "Users" (one authorizer to serverless)');
    expect(conflict).toContain('arn differently');
  });
});
