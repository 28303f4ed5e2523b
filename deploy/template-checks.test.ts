import { describe, expect, it } from 'vitest';
import { templateProblems, type CfnTemplate } from './template-checks.ts';

/** The shape of what `serverless package --stage prod` writes for this app, trimmed. */
function prodTemplate(): { Resources: Record<string, any>; Outputs: Record<string, unknown> } {
  const resource = (PathPart: string, parent: unknown) => ({ Type: 'AWS::ApiGateway::Resource', Properties: { PathPart, ParentId: parent } });
  const method = (HttpMethod: string, resourceId: string, authorization?: object) => ({
    Type: 'AWS::ApiGateway::Method',
    Properties: { HttpMethod, ResourceId: { Ref: resourceId }, AuthorizationType: 'NONE', ...authorization },
  });
  return {
    Resources: {
      ApiGatewayRestApi: { Type: 'AWS::ApiGateway::RestApi' },
      ApiGatewayResourceApi: resource('api', { 'Fn::GetAtt': ['ApiGatewayRestApi', 'RootResourceId'] }),
      ApiGatewayResourceApiHelloworld: resource('helloWorld', { Ref: 'ApiGatewayResourceApi' }),
      ApiGatewayResourceApiHelloworldsecured: resource('helloWorldSecured', { Ref: 'ApiGatewayResourceApi' }),
      ApiGatewayMethodApiHelloworldOptions: method('OPTIONS', 'ApiGatewayResourceApiHelloworld'),
      ApiGatewayMethodApiHelloworldGet: method('GET', 'ApiGatewayResourceApiHelloworld'),
      ApiGatewayMethodApiHelloworldsecuredGet: method('GET', 'ApiGatewayResourceApiHelloworldsecured', {
        AuthorizationType: 'COGNITO_USER_POOLS',
        AuthorizerId: { Ref: 'CognitoUserPoolApiGatewayAuthorizer' },
      }),
      CognitoUserPoolApiGatewayAuthorizer: {
        Type: 'AWS::ApiGateway::Authorizer',
        Properties: { Type: 'COGNITO_USER_POOLS', ProviderARNs: [{ 'Fn::GetAtt': ['CognitoUserPool', 'Arn'] }] },
      },
      ApiGatewayDeployment1: { Type: 'AWS::ApiGateway::Deployment', DependsOn: ['ApiGatewayMethodApiHelloworldGet', 'GatewayResponseDefault4XX', 'GatewayResponseDefault5XX'] },
      CognitoUserPool: { Type: 'AWS::Cognito::UserPool', Properties: { UserPoolName: 'hello-auth-prod-user-pool' } },
      CognitoUserPoolClient: {
        Type: 'AWS::Cognito::UserPoolClient',
        Properties: { GenerateSecret: false, ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] },
      },
      GatewayResponseDefault4XX: { Type: 'AWS::ApiGateway::GatewayResponse', Properties: { ResponseType: 'DEFAULT_4XX' } },
      GatewayResponseDefault5XX: { Type: 'AWS::ApiGateway::GatewayResponse', Properties: { ResponseType: 'DEFAULT_5XX' } },
      HelloWorldLambdaFunction: { Type: 'AWS::Lambda::Function', Properties: { Handler: 'src/functions/hello-world.handler' } },
      HelloWorldSecuredLambdaFunction: { Type: 'AWS::Lambda::Function', Properties: { Handler: 'src/functions/hello-world-secured.handler' } },
    },
    Outputs: { UserPoolId: {}, UserPoolClientId: {}, ApiUrl: {} },
  };
}

const BUNDLE = ['src/functions/hello-world.cjs', 'src/functions/hello-world.cjs.map', 'src/functions/hello-world-secured.cjs'];

const problemsOf = (template: CfnTemplate, bundle = BUNDLE) => templateProblems(template, bundle);

describe('templateProblems', () => {
  it('finds nothing wrong with the app as packaged', () => {
    expect(problemsOf(prodTemplate())).toEqual([]);
  });

  it('fails when the secured route loses its authorizer, saying where to put it back', () => {
    const template = prodTemplate();
    template.Resources.ApiGatewayMethodApiHelloworldsecuredGet.Properties.AuthorizationType = 'NONE';
    const [problem] = problemsOf(template);
    expect(problem).toContain('GET /api/helloWorldSecured must use the Cognito user pool authorizer but uses NONE');
    expect(problem).toContain('serverless.yml');
  });

  it('fails when the authorizer trusts a pool outside the stack', () => {
    const template = prodTemplate();
    template.Resources.CognitoUserPoolApiGatewayAuthorizer.Properties.ProviderARNs = ['arn:aws:cognito-idp:eu-west-1:123:userpool/eu-west-1_Other'];
    expect(problemsOf(template)).toEqual([expect.stringContaining("its authorizer must name this stack's user pool")]);
  });

  it('fails when the public route gets an authorizer', () => {
    const template = prodTemplate();
    template.Resources.ApiGatewayMethodApiHelloworldGet.Properties.AuthorizationType = 'COGNITO_USER_POOLS';
    expect(problemsOf(template)).toEqual([expect.stringContaining('GET /api/helloWorld must be public')]);
  });

  it('fails when a route is missing', () => {
    const template = prodTemplate();
    delete template.Resources.ApiGatewayMethodApiHelloworldGet;
    expect(problemsOf(template)).toEqual([expect.stringContaining('GET /api/helloWorld is missing')]);
  });

  it('fails when a local-only setting leaks into the prod stage', () => {
    const template = prodTemplate();
    template.Resources.HelloWorldLambdaFunction.Properties.Environment = { Variables: { COGNITO_ENDPOINT: 'http://127.0.0.1:9229' } };
    expect(problemsOf(template)).toEqual([expect.stringContaining('"127.0.0.1", which only exists locally')]);
  });

  it('fails on an app client with a secret or without the flows the web client uses', () => {
    const template = prodTemplate();
    template.Resources.CognitoUserPoolClient.Properties = { GenerateSecret: true, ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'] };
    expect(problemsOf(template)).toEqual([
      expect.stringContaining('GenerateSecret: true'),
      expect.stringContaining('does not allow ALLOW_USER_SRP_AUTH'),
      expect.stringContaining('does not allow ALLOW_REFRESH_TOKEN_AUTH'),
    ]);
  });

  it('fails without the GatewayResponses, or when the deployment does not wait for them', () => {
    const withoutResponse = prodTemplate();
    delete withoutResponse.Resources.GatewayResponseDefault4XX;
    expect(problemsOf(withoutResponse)).toEqual([expect.stringContaining('No DEFAULT_4XX GatewayResponse')]);

    const notWaiting = prodTemplate();
    notWaiting.Resources.ApiGatewayDeployment1.DependsOn = ['ApiGatewayMethodApiHelloworldGet'];
    expect(problemsOf(notWaiting)).toEqual([expect.stringContaining('does not depend on GatewayResponseDefault4XX, GatewayResponseDefault5XX')]);
  });

  it('fails without an output the web client needs', () => {
    const template = prodTemplate();
    delete template.Outputs.ApiUrl;
    expect(problemsOf(template)).toEqual(['Output ApiUrl is missing: the web client\'s config needs it (serverless.yml resources.Outputs).']);
  });

  it('fails when a handler has no bundle, or the package carries more than Lambda code', () => {
    expect(problemsOf(prodTemplate(), BUNDLE.slice(0, 2))).toEqual([expect.stringContaining('hello-world-secured.handler has no bundle')]);
    expect(problemsOf(prodTemplate(), [...BUNDLE, 'local/seed-users.json'])).toEqual([expect.stringContaining('contains local/seed-users.json')]);
    expect(problemsOf(prodTemplate(), ['src/functions/hello-world.mjs', 'src/functions/hello-world-secured.js'])).toEqual([]);
    expect(problemsOf(prodTemplate(), ['src/functions/hello-world.ts', 'src/functions/hello-world-secured.cjs'])).toEqual([
      expect.stringContaining('hello-world.handler has no bundle'),
    ]);
  });
});
