// Contract with serverless v3's package lifecycle, which compile-template.ts runs in process
// (its pluginManager's hooks, the lifecycle events' names, provider.compiledCloudFormationTemplate):
// when an upgrade breaks one of these tests, compile-template.ts has to follow.
import { createRequire } from 'node:module';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { compileTemplate, type CompilingServerless } from './compile-template.ts';

const Serverless = createRequire(import.meta.url)('serverless/lib/serverless.js') as new (
  options: object,
) => CompilingServerless & { init(): Promise<void> };

/** A service with one secured POST route, the way `serverless package --stage local` would see it. */
async function service(): Promise<CompilingServerless> {
  const configuration = {
    service: 'contract',
    frameworkVersion: '3',
    provider: {
      name: 'aws',
      runtime: 'nodejs20.x',
      stage: 'local',
      region: 'eu-west-1',
      environment: { SHARED: 'provider', POOL: { Ref: 'Pool' } },
    },
    functions: {
      orders: {
        handler: 'orders.handler',
        environment: { SHARED: 'function' },
        events: [
          {
            http: {
              path: 'orders/{id}',
              method: 'post',
              authorizer: { name: 'users', type: 'COGNITO_USER_POOLS', arn: { 'Fn::GetAtt': ['Pool', 'Arn'] } },
            },
          },
          {
            http: {
              path: 'orders',
              method: 'get',
              authorizer: { name: 'users', type: 'COGNITO_USER_POOLS', arn: { 'Fn::GetAtt': ['Pool', 'Arn'] } },
            },
          },
        ],
      },
    },
    resources: { Resources: { Pool: { Type: 'AWS::Cognito::UserPool', Properties: { UserPoolName: 'contract' } } } },
  };
  const serverless = new Serverless({
    commands: ['package'],
    options: { stage: 'local', region: 'eu-west-1' },
    serviceDir: os.tmpdir(),
    configuration,
    configurationFilename: 'serverless.yml',
    isConfigurationResolved: true,
    hasResolvedCommandsExternally: true,
  });
  await serverless.init();
  // As serverless.run() does before any command's lifecycle.
  (serverless.service as unknown as { setFunctionNames(options: object): void }).setFunctionNames({ stage: 'local' });
  return serverless;
}

describe('compileTemplate (serverless v3 package steps, in process)', () => {
  it('compiles the methods, one authorizer per name, and the resources of serverless.yml', async () => {
    const { Resources } = await compileTemplate(await service());
    const methods = Object.values(Resources).filter((resource) => resource.Type === 'AWS::ApiGateway::Method');
    expect(methods.map((method) => method.Properties!.HttpMethod).sort()).toEqual(['GET', 'POST']);
    expect(methods.every((method) => JSON.stringify(method.Properties!.AuthorizerId) === '{"Ref":"UsersApiGatewayAuthorizer"}')).toBe(true);
    expect(Resources.UsersApiGatewayAuthorizer!.Properties).toMatchObject({
      Type: 'COGNITO_USER_POOLS',
      ProviderARNs: [{ 'Fn::GetAtt': ['Pool', 'Arn'] }],
    });
    expect(Resources.Pool!.Type).toBe('AWS::Cognito::UserPool');
  }, 20_000);

  it("adds each function with its name and serverless's merged environment, the function's own winning", async () => {
    const { Resources } = await compileTemplate(await service());
    expect(Resources.OrdersLambdaFunction).toEqual({
      Type: 'AWS::Lambda::Function',
      Properties: { FunctionName: 'contract-local-orders', Environment: { Variables: { SHARED: 'function', POOL: { Ref: 'Pool' } } } },
    });
  }, 20_000);

  it('leaves the service as it was, for serverless-offline to read next', async () => {
    const serverless = await service();
    const before = structuredClone({ functions: serverless.service.functions, resources: serverless.service.resources });
    await compileTemplate(serverless);
    expect({ functions: serverless.service.functions, resources: serverless.service.resources }).toEqual(before);
    expect(serverless.service.provider.compiledCloudFormationTemplate).toBeUndefined();
  }, 20_000);
});
