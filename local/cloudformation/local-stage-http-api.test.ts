// The local stage of a service with `httpApi` events, compiled by serverless v3 itself (in
// process, as `npm start` does): what reaches stack.json, and what stops the start.
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

/** serverless.yml's `provider.httpApi` and functions, with a pool and its client. */
async function compiled(httpApi: object, functions: object) {
  const configuration = {
    service: 'http-contract',
    frameworkVersion: '3',
    provider: { name: 'aws', runtime: 'nodejs20.x', stage: 'local', region: 'eu-west-1', httpApi },
    functions,
    resources: {
      Resources: {
        Pool: { Type: 'AWS::Cognito::UserPool', Properties: { UserPoolName: 'http-contract' } },
        Client: { Type: 'AWS::Cognito::UserPoolClient', Properties: { ClientName: 'web', UserPoolId: { Ref: 'Pool' } } },
      },
    },
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

/** The emulator's Cognito API, as far as creating a pool and a client goes. */
const cognito = {
  send: async (command: object) => {
    switch (command.constructor.name) {
      case 'CreateUserPoolCommand':
        return { UserPool: { Id: 'eu-west-1_Pool12345' } };
      case 'CreateUserPoolClientCommand':
        return { UserPoolClient: { ClientId: 'localclient1' } };
      case 'ListUserPoolsCommand':
        return { UserPools: [] };
      default:
        return {};
    }
  },
} as never;

async function deploy(httpApi: object, functions: object) {
  return deployLocalStage({
    template: await compiled(httpApi, functions),
    settings: {},
    cognito,
    region: 'eu-west-1',
    stackName: 'http-contract-local',
    stateFile: path.join(mkdtempSync(path.join(os.tmpdir(), 'http-contract-')), 'stack-state.json'),
    apiBaseUrl: 'http://127.0.0.1:3000',
    seed: async () => {},
    notice: () => {},
  });
}

const jwtAuthorizer = {
  type: 'jwt',
  identitySource: '$request.header.Authorization',
  issuerUrl: { 'Fn::Join': ['', ['https://cognito-idp.', { Ref: 'AWS::Region' }, '.amazonaws.com/', { Ref: 'Pool' }]] },
  audience: [{ Ref: 'Client' }],
};

describe('deployLocalStage with httpApi events', () => {
  it('serves the HTTP API at the local API without a stage, its JWT routes on the local pool, in payload format 1.0 when configured', async () => {
    const stage = await deploy(
      { cors: true, payload: '1.0', authorizers: { cognito: jwtAuthorizer } },
      {
        hello: { handler: 'hello.handler', events: [{ httpApi: 'GET /http/hello' }] },
        items: {
          handler: 'items.handler',
          events: [{ httpApi: { method: 'post', path: '/http/items/{id}', authorizer: { name: 'cognito', scopes: ['items/write'] } } }],
        },
      },
    );
    expect(stage.outputs.HttpApiUrl).toBe('http://127.0.0.1:3000');
    expect(stage.outputs.HttpApiId).toBe('localhttpapi');
    expect(stage.httpApi?.routes).toEqual({
      'GET /http/hello': { authorization: { type: 'NONE' }, payloadFormatVersion: '1.0' },
      'POST /http/items/{id}': {
        authorization: {
          type: 'JWT',
          authorizer: 'HttpApiAuthorizerCognito',
          identitySource: '$request.header.Authorization',
          issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Pool12345',
          userPoolId: 'eu-west-1_Pool12345',
          audiences: ['localclient1'],
          scopes: ['items/write'],
        },
        payloadFormatVersion: '1.0',
      },
    });
    expect(stage.httpApi?.cors).toMatchObject({ allowOrigins: ['*'], allowMethods: ['OPTIONS', 'GET', 'POST'] });
  }, 20_000);

  it('serves a Lambda (REQUEST) authorizer with its function, and stops at an IAM route, naming it', async () => {
    const custom = { type: 'request', functionName: 'auth', identitySource: '$request.header.Authorization', resultTtlInSeconds: 60 };
    const guarded = (authorizer: object) => ({
      handler: 'hello.handler',
      events: [{ httpApi: { method: 'get', path: '/guarded', authorizer } }],
    });
    const auth = { handler: 'auth.handler' };
    const stage = await deploy({ authorizers: { custom } }, { hello: guarded({ name: 'custom' }), auth });
    expect(stage.httpApi?.routes['GET /guarded']?.authorization).toEqual({
      type: 'LAMBDA',
      authorizer: 'HttpApiAuthorizerCustom',
      functionName: 'http-contract-local-auth',
      identitySources: ['$request.header.Authorization'],
      // serverless's default payloadVersion.
      payloadFormatVersion: '2.0',
      simpleResponses: false,
      resultTtlSeconds: 60,
    });
    const other = {
      type: 'request',
      functionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:shared-auth',
      identitySource: '$request.header.Authorization',
    };
    await expect(deploy({ authorizers: { other } }, { hello: guarded({ name: 'other' }) })).rejects.toThrow(
      /GET \/guarded: its Lambda authorizer HttpApiAuthorizerOther invokes arn:aws:lambda:eu-west-1:123456789012:function:shared-auth, which is not a function of this service/,
    );
    await expect(deploy({}, { hello: guarded({ type: 'aws_iam' }) })).rejects.toThrow(
      /GET \/guarded: its IAM \(AWS_IAM\) authorization is not emulated locally on HTTP APIs/,
    );
  }, 20_000);

  it('has no httpApi without httpApi events', async () => {
    const stage = await deploy({}, { hello: { handler: 'hello.handler', events: [{ http: 'GET hello' }] } });
    expect(stage.httpApi).toBeUndefined();
  }, 20_000);
});
