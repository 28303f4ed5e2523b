// The local stage of a service with REST Lambda authorizers, compiled by serverless v3 itself (in
// process, as `npm start` does): each declaration serverless.yml offers reaches the routes as a
// LambdaRouteAuthorization, and an authorizer of another service stops the start.
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileTemplate, type CompilingServerless } from './compile-template.ts';
import { deployLocalStage } from './local-stage.ts';

const Serverless = createRequire(import.meta.url)('serverless/lib/serverless.js') as new (
  options: object,
) => CompilingServerless & { init(): Promise<void> };

async function compiled(functions: object, resources: object = {}) {
  const configuration = {
    service: 'rest-contract',
    frameworkVersion: '3',
    provider: { name: 'aws', runtime: 'nodejs20.x', stage: 'local', region: 'eu-west-1' },
    functions,
    resources: { Resources: resources },
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
  (serverless.service as unknown as { setFunctionNames(options: object): void }).setFunctionNames({ stage: 'local' });
  return compileTemplate(serverless);
}

async function routesOf(functions: object, resources: object = {}) {
  const stage = await deployLocalStage({
    template: await compiled(functions, resources),
    settings: {},
    cognito: { send: async () => ({}) } as never,
    region: 'eu-west-1',
    stackName: 'rest-contract-local',
    stateFile: path.join(mkdtempSync(path.join(os.tmpdir(), 'rest-contract-')), 'stack-state.json'),
    apiBaseUrl: 'http://127.0.0.1:3000',
    seed: async () => {},
    notice: () => {},
  });
  return stage.routes;
}

const guarded = (authorizer: object) => ({ handler: 'hello.handler', events: [{ http: { method: 'get', path: 'orders', authorizer } }] });
const auth = { handler: 'auth.handler' };

describe('deployLocalStage with REST Lambda authorizers', () => {
  it('reads an http event authorizer by name (TOKEN) and by arn (REQUEST)', async () => {
    const token = {
      name: 'auth',
      type: 'token',
      identitySource: 'method.request.header.X-Token',
      identityValidationExpression: '^Bearer .+$',
      resultTtlInSeconds: 60,
    };
    expect((await routesOf({ hello: guarded(token), auth }))['GET /orders']).toEqual({
      type: 'CUSTOM',
      authorizer: 'AuthApiGatewayAuthorizer',
      authorizerType: 'TOKEN',
      functionName: 'rest-contract-local-auth',
      identitySources: ['method.request.header.X-Token'],
      identityValidationExpression: '^Bearer .+$',
      resultTtlSeconds: 60,
    });
    const request = {
      name: 'reqAuth',
      arn: { 'Fn::GetAtt': ['AuthLambdaFunction', 'Arn'] },
      type: 'request',
      identitySource: 'method.request.header.Authorization, method.request.querystring.tenant',
      resultTtlInSeconds: 0,
    };
    expect((await routesOf({ hello: guarded(request), auth }))['GET /orders']).toEqual({
      type: 'CUSTOM',
      authorizer: 'ReqAuthApiGatewayAuthorizer',
      authorizerType: 'REQUEST',
      functionName: 'rest-contract-local-auth',
      identitySources: ['method.request.header.Authorization', 'method.request.querystring.tenant'],
      resultTtlSeconds: 0,
    });
  }, 20_000);

  it('reads an AWS::ApiGateway::Authorizer of resources used through authorizerId', async () => {
    const MyAuthorizer = {
      Type: 'AWS::ApiGateway::Authorizer',
      Properties: {
        Name: 'mine',
        Type: 'REQUEST',
        RestApiId: { Ref: 'ApiGatewayRestApi' },
        IdentitySource: 'method.request.header.Authorization',
        AuthorizerUri: {
          'Fn::Join': [
            '',
            [
              'arn:aws:apigateway:',
              { Ref: 'AWS::Region' },
              ':lambda:path/2015-03-31/functions/',
              { 'Fn::GetAtt': ['AuthLambdaFunction', 'Arn'] },
              '/invocations',
            ],
          ],
        },
      },
    };
    const routes = await routesOf({ hello: guarded({ type: 'CUSTOM', authorizerId: { Ref: 'MyAuthorizer' } }), auth }, { MyAuthorizer });
    expect(routes['GET /orders']).toEqual({
      type: 'CUSTOM',
      authorizer: 'MyAuthorizer',
      authorizerType: 'REQUEST',
      functionName: 'rest-contract-local-auth',
      identitySources: ['method.request.header.Authorization'],
      resultTtlSeconds: 300,
    });
  }, 20_000);

  it("stops at an authorizer of another service's function, naming the route and the authorizer", async () => {
    const other = { name: 'shared', arn: 'arn:aws:lambda:eu-west-1:123456789012:function:shared-auth', type: 'token' };
    await expect(routesOf({ hello: guarded(other) })).rejects.toThrow(
      /GET \/orders: its Lambda authorizer SharedApiGatewayAuthorizer invokes arn:aws:lambda:eu-west-1:123456789012:function:shared-auth, which is not a function of this service/,
    );
  }, 20_000);
});
