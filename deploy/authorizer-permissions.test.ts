import { describe, expect, it } from 'vitest';
import type { CfnResource } from '../local/cloudformation/template.ts';
import { authorizerPermissionFindings } from './authorizer-permissions.ts';

// What serverless 3.40 packages for Lambda authorizers (measured with `serverless package`), trimmed:
// API Gateway needs a permission to invoke each one's function, else every request it guards answers 500
// (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html).

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
const restSourceArn = {
  'Fn::Join': [
    '',
    [
      'arn:',
      { Ref: 'AWS::Partition' },
      ':execute-api:',
      { Ref: 'AWS::Region' },
      ':',
      { Ref: 'AWS::AccountId' },
      ':',
      { Ref: 'ApiGatewayRestApi' },
      '/*/*',
    ],
  ],
};
const permission = (FunctionName: unknown, more: object = {}): CfnResource => ({
  Type: 'AWS::Lambda::Permission',
  Properties: { FunctionName, Action: 'lambda:InvokeFunction', Principal: 'apigateway.amazonaws.com', SourceArn: restSourceArn, ...more },
});
const functions: Record<string, CfnResource> = {
  AuthLambdaFunction: { Type: 'AWS::Lambda::Function', Properties: { FunctionName: 'hello-auth-prod-auth' } },
};
/** `authorizer: { name: auth, type: token, … }` on an http event: the authorizer and serverless's permission. */
const tokenAuthorizer = (more: object = {}): CfnResource => ({
  Type: 'AWS::ApiGateway::Authorizer',
  Properties: {
    Name: 'auth',
    Type: 'TOKEN',
    RestApiId: { Ref: 'ApiGatewayRestApi' },
    IdentitySource: 'method.request.header.X-Token',
    AuthorizerUri: uriOf(AUTH_ARN),
    ...more,
  },
});
/** `MyAuthorizer` of resources, used through `authorizerId: { Ref: MyAuthorizer }`: serverless adds no permission for it. */
const myAuthorizer: CfnResource = {
  Type: 'AWS::ApiGateway::Authorizer',
  Properties: {
    Name: 'mine',
    Type: 'REQUEST',
    RestApiId: { Ref: 'ApiGatewayRestApi' },
    AuthorizerUri: {
      'Fn::Join': ['', ['arn:aws:apigateway:', { Ref: 'AWS::Region' }, ':lambda:path/2015-03-31/functions/', AUTH_ARN, '/invocations']],
    },
  },
};
/** `provider.httpApi.authorizers.simple: { type: request, functionName: auth, … }`. */
const httpAuthorizer: CfnResource = {
  Type: 'AWS::ApiGatewayV2::Authorizer',
  Properties: {
    ApiId: { Ref: 'HttpApi' },
    Name: 'simple',
    AuthorizerType: 'REQUEST',
    AuthorizerPayloadFormatVersion: '2.0',
    AuthorizerUri: uriOf(AUTH_ARN),
  },
};
const httpPermission = permission(AUTH_ARN, {
  SourceArn: {
    'Fn::Join': [
      '',
      [
        'arn:',
        { Ref: 'AWS::Partition' },
        ':execute-api:',
        { Ref: 'AWS::Region' },
        ':',
        { Ref: 'AWS::AccountId' },
        ':',
        { Ref: 'HttpApi' },
        '/*',
      ],
    ],
  },
});

describe('authorizerPermissionFindings', () => {
  it('finds nothing wrong in what serverless compiles for an http event authorizer and an httpApi authorizer', () => {
    const findings = authorizerPermissionFindings({
      ...functions,
      AuthApiGatewayAuthorizer: tokenAuthorizer(),
      AuthLambdaPermissionApiGateway: permission(AUTH_ARN),
      HttpApiAuthorizerSimple: httpAuthorizer,
      SimpleLambdaAuthorizerPermissionHttpApi: httpPermission,
    });
    expect(findings).toEqual({ problems: [], notes: [] });
  });

  it('flags an authorizer of resources without a permission, naming it and giving the YAML to add', () => {
    const { problems } = authorizerPermissionFindings({ ...functions, MyAuthorizer: myAuthorizer });
    expect(problems).toEqual([
      "MyAuthorizer (the REST API's Lambda authorizer): no AWS::Lambda::Permission lets API Gateway (apigateway.amazonaws.com) invoke its function AuthLambdaFunction, " +
        'so on AWS every request it guards answers 500. serverless adds one only for the authorizers it compiles from an http event or provider.httpApi.authorizers ' +
        '(not with managedExternally: true). Add to resources.Resources in serverless.yml:\n' +
        '    MyAuthorizerLambdaPermission:\n' +
        '      Type: AWS::Lambda::Permission\n' +
        '      Properties:\n' +
        '        FunctionName: !GetAtt AuthLambdaFunction.Arn\n' +
        '        Action: lambda:InvokeFunction\n' +
        '        Principal: apigateway.amazonaws.com\n' +
        '        SourceArn: !Sub arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${ApiGatewayRestApi}/*',
    ]);
  });

  it('flags an HTTP API authorizer with managedExternally (no permission), with the HTTP API in the YAML', () => {
    const { problems } = authorizerPermissionFindings({ ...functions, HttpApiAuthorizerSimple: httpAuthorizer });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^HttpApiAuthorizerSimple \(the HTTP API's Lambda authorizer\): no AWS::Lambda::Permission/);
    expect(problems[0]).toContain(':${HttpApi}/*');
  });

  it('accepts a permission naming the function by Ref, by name, or by ARN, and one without SourceArn', () => {
    const arn = 'arn:aws:lambda:eu-west-1:123456789012:function:hello-auth-prod-auth';
    for (const FunctionName of [{ Ref: 'AuthLambdaFunction' }, 'hello-auth-prod-auth', arn]) {
      expect(authorizerPermissionFindings({ ...functions, MyAuthorizer: myAuthorizer, Grant: permission(FunctionName) }).problems).toEqual(
        [],
      );
    }
    expect(
      authorizerPermissionFindings({ ...functions, MyAuthorizer: myAuthorizer, Grant: permission(AUTH_ARN, { SourceArn: undefined }) })
        .problems,
    ).toEqual([]);
  });

  it("flags a permission for another principal or function, and one whose SourceArn does not cover the authorizer's API", () => {
    const other = { Type: 'AWS::Lambda::Function', Properties: { FunctionName: 'hello-auth-prod-other' } };
    for (const grant of [
      permission(AUTH_ARN, { Principal: 'cognito-idp.amazonaws.com' }),
      permission({ 'Fn::GetAtt': ['OtherLambdaFunction', 'Arn'] }),
    ]) {
      expect(
        authorizerPermissionFindings({ ...functions, OtherLambdaFunction: other, MyAuthorizer: myAuthorizer, Grant: grant }).problems,
      ).toHaveLength(1);
    }
    const { problems } = authorizerPermissionFindings({ ...functions, MyAuthorizer: myAuthorizer, Grant: httpPermission });
    expect(problems).toEqual([
      expect.stringMatching(/^MyAuthorizer .*limits SourceArn to .*HttpApi.*which does not cover the REST API ApiGatewayRestApi/),
    ]);
  });

  it('notes, without flagging, a role in AuthorizerCredentials and a function of another stack', () => {
    const withRole = tokenAuthorizer({ AuthorizerCredentials: { 'Fn::GetAtt': ['InvokeRole', 'Arn'] } });
    expect(authorizerPermissionFindings({ ...functions, MyAuthorizer: withRole })).toEqual({
      problems: [],
      notes: [expect.stringMatching(/^MyAuthorizer .* invokes its function with the role .*InvokeRole.*not checked/)],
    });
    const shared = tokenAuthorizer({ AuthorizerUri: uriOf('arn:aws:lambda:eu-west-1:123456789012:function:shared-auth') });
    expect(authorizerPermissionFindings({ MyAuthorizer: shared })).toEqual({
      problems: [],
      notes: [expect.stringMatching(/invokes arn:aws:lambda:eu-west-1:123456789012:function:shared-auth, a function outside this stack/)],
    });
  });

  it('reads a URI written with Fn::Sub, and leaves COGNITO_USER_POOLS and JWT authorizers alone', () => {
    const sub = tokenAuthorizer({
      AuthorizerUri: {
        'Fn::Sub': 'arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${AuthLambdaFunction.Arn}/invocations',
      },
    });
    expect(authorizerPermissionFindings({ ...functions, MyAuthorizer: sub }).problems).toEqual([
      expect.stringContaining('its function AuthLambdaFunction'),
    ]);
    const cognito = { Type: 'AWS::ApiGateway::Authorizer', Properties: { Type: 'COGNITO_USER_POOLS', ProviderARNs: ['x'] } };
    const jwt = { Type: 'AWS::ApiGatewayV2::Authorizer', Properties: { AuthorizerType: 'JWT', ApiId: { Ref: 'HttpApi' } } };
    expect(authorizerPermissionFindings({ Cognito: cognito, Jwt: jwt })).toEqual({ problems: [], notes: [] });
  });
});
