import { describe, expect, it } from 'vitest';
import { DeployPlugin } from './deploy-plugin.ts';

class ServerlessError extends Error {}

function pluginFor(functions: Record<string, unknown>, Resources: Record<string, any> = {}, command = 'package') {
  const serverless = {
    processedInput: { commands: [command] },
    classes: { Error: ServerlessError },
    getProvider: () => ({ request: async () => ({}), naming: { getLambdaLogicalId: (name: string) => `${name}LambdaFunction` } }),
    service: { functions, provider: { compiledCloudFormationTemplate: { Resources } } },
  };
  return new DeployPlugin(serverless as never);
}

const authorizer = (extra: object = {}) => ({
  name: 'cognitoUserPool',
  type: 'COGNITO_USER_POOLS',
  arn: { 'Fn::GetAtt': ['CognitoUserPool', 'Arn'] },
  ...extra,
});
const route = (path: string, extra?: object) => ({
  handler: 'src/a.handler',
  events: [{ http: { path, method: 'get', authorizer: authorizer(extra) } }],
});

describe('DeployPlugin', () => {
  it('stops serverless package and deploy on an authorizer name shared with other settings', () => {
    const plugin = pluginFor({ a: route('a'), b: route('b', { resultTtlInSeconds: 0 }) });
    expect(() => plugin.hooks['before:package:initialize']!()).toThrow(ServerlessError);
    expect(() => plugin.hooks['before:package:initialize']!()).toThrow(
      'share the authorizer name "cognitoUserPool" but set resultTtlInSeconds differently (300 vs 0)',
    );
    expect(() => pluginFor({ a: route('a'), b: route('b') }).hooks['before:package:initialize']!()).not.toThrow();
  });

  it('makes the deployment wait for the GatewayResponses, and an existing: true trigger for its pool of this stack', () => {
    const Resources: Record<string, any> = {
      ApiGatewayDeployment1: { Type: 'AWS::ApiGateway::Deployment', DependsOn: ['ApiGatewayMethodGet'] },
      GatewayResponseDefault4XX: { Type: 'AWS::ApiGateway::GatewayResponse' },
      CognitoUserPool: { Type: 'AWS::Cognito::UserPool', Properties: { UserPoolName: 'app-prod-user-pool' } },
      PreSignUpCustomCognitoUserPool1: {
        Type: 'Custom::CognitoUserPool',
        DependsOn: ['PreSignUpLambdaFunction'],
        Properties: { UserPoolName: 'app-prod-user-pool' },
      },
      OtherCustomCognitoUserPool1: {
        Type: 'Custom::CognitoUserPool',
        DependsOn: ['OtherLambdaFunction'],
        Properties: { UserPoolName: 'made-elsewhere' },
      },
    };
    pluginFor({}, Resources).hooks['after:aws:package:finalize:mergeCustomProviderResources']!();
    expect(Resources.ApiGatewayDeployment1.DependsOn).toEqual(['ApiGatewayMethodGet', 'GatewayResponseDefault4XX']);
    expect(Resources.PreSignUpCustomCognitoUserPool1.DependsOn).toEqual(['PreSignUpLambdaFunction', 'CognitoUserPool']);
    expect(Resources.OtherCustomCognitoUserPool1.DependsOn).toEqual(['OtherLambdaFunction']);
  });
});
