// Cognito triggers declared in serverless.yml each way a team writes them, compiled by serverless
// v3 itself (in process, as `npm start` does) and deployed to an emulator whose DescribeUserPool
// and UpdateUserPool are cognito-local's own: what reaches the local pool's LambdaConfig.
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { DescribeUserPool } from 'cognito-local/lib/targets/describeUserPool.js';
import { UpdateUserPool } from 'cognito-local/lib/targets/updateUserPool.js';
import { describe, expect, it } from 'vitest';
import { ctx, fakeCognito } from '../cognito/testing/fake-cognito.ts';
import { compileTemplate, type CompilingServerless } from './compile-template.ts';
import { deployLocalStage, type LocalStackSettings } from './local-stage.ts';

const Serverless = createRequire(import.meta.url)('serverless/lib/serverless.js') as new (
  options: object,
) => CompilingServerless & { init(): Promise<void> };

const POOL_NAME = 'triggers-local-user-pool';
const arnOf = (fn: string) => `arn:aws:lambda:eu-west-1:000000000000:function:triggers-local-${fn}`;
const getAtt = (fn: string) => ({ 'Fn::GetAtt': [`${fn.charAt(0).toUpperCase()}${fn.slice(1)}LambdaFunction`, 'Arn'] });
const pool = (extra: object = {}) => ({
  Type: 'AWS::Cognito::UserPool',
  Properties: { UserPoolName: POOL_NAME, Policies: { PasswordPolicy: { MinimumLength: 10 } }, ...extra },
});

/** The template serverless compiles for `functions` and `resources` (the local stage). */
async function compiled(functions: object, resources: object) {
  const serverless = new Serverless({
    commands: ['package'],
    options: { stage: 'local', region: 'eu-west-1' },
    serviceDir: os.tmpdir(),
    configuration: {
      service: 'triggers',
      frameworkVersion: '3',
      provider: { name: 'aws', runtime: 'nodejs20.x', stage: 'local', region: 'eu-west-1' },
      functions,
      resources: { Resources: resources },
    },
    configurationFilename: 'serverless.yml',
    isConfigurationResolved: true,
    hasResolvedCommandsExternally: true,
  });
  await serverless.init();
  (serverless.service as unknown as { setFunctionNames(options: object): void }).setFunctionNames({ stage: 'local' });
  return compileTemplate(serverless);
}

/** One emulated pool: CreateUserPool fills it, DescribeUserPool and UpdateUserPool are cognito-local's. */
function emulator() {
  const fake = fakeCognito();
  const describeUserPool = DescribeUserPool(fake.services);
  const updateUserPool = UpdateUserPool(fake.services);
  const calls: string[] = [];
  const send = async (command: { input: Record<string, any> }) => {
    const { input } = command;
    const name = command.constructor.name.replace(/Command$/, '');
    calls.push(name);
    switch (name) {
      case 'CreateUserPool': {
        const { PoolName, ...options } = input;
        await fake.userPool.updateOptions(ctx, { ...options, Id: 'local_Pool1', Name: PoolName });
        return { UserPool: { Id: 'local_Pool1' } };
      }
      case 'DescribeUserPool':
        return describeUserPool(ctx, input as never);
      case 'UpdateUserPool':
        return updateUserPool(ctx, input as never);
      case 'ListUserPools':
        return { UserPools: [] };
      default:
        return {};
    }
  };
  return { cognito: { send } as never, pool: () => fake.userPool.options, calls };
}

/** Deploys to `cognito`, with the record of earlier deploys in `stateDir`. */
async function deploy(
  cognito: ReturnType<typeof emulator>,
  template: Awaited<ReturnType<typeof compiled>>,
  stateDir: string,
  settings: LocalStackSettings = {},
) {
  const notices: string[] = [];
  await deployLocalStage({
    template,
    settings,
    cognito: cognito.cognito,
    region: 'eu-west-1',
    stackName: 'triggers-local',
    stateFile: path.join(stateDir, 'stack-state.json'),
    apiBaseUrl: 'http://127.0.0.1:3000',
    seed: async () => {},
    notice: (line) => notices.push(line),
  });
  return notices;
}

const stateDir = () => mkdtempSync(path.join(os.tmpdir(), 'triggers-'));
const handler = (name: string, events: object[] = []) => ({ handler: `triggers.${name}`, events });

describe.concurrent('Cognito triggers reach the local pool as Cognito takes them', { timeout: 30_000 }, () => {
  it('LambdaConfig on the pool, by Fn::GetAtt (PreTokenGenerationConfig V2_0 included), and its removal on the next start', async () => {
    const functions = { preSignUp: handler('preSignUp'), tokens: handler('tokens') };
    const permission = {
      Type: 'AWS::Lambda::Permission',
      Properties: {
        Action: 'lambda:InvokeFunction',
        FunctionName: getAtt('preSignUp'),
        Principal: 'cognito-idp.amazonaws.com',
        SourceArn: { 'Fn::GetAtt': ['UserPool', 'Arn'] },
      },
    };
    const LambdaConfig = {
      PreSignUp: getAtt('preSignUp'),
      PreTokenGenerationConfig: { LambdaArn: getAtt('tokens'), LambdaVersion: 'V2_0' },
    };
    const emulated = emulator();
    const dir = stateDir();
    await deploy(emulated, await compiled(functions, { UserPool: pool({ LambdaConfig }), PreSignUpPermission: permission }), dir);
    expect(emulated.pool().LambdaConfig).toEqual({
      PreSignUp: arnOf('preSignUp'),
      PreTokenGenerationConfig: { LambdaArn: arnOf('tokens'), LambdaVersion: 'V2_0' },
    });

    await deploy(emulated, await compiled(functions, { UserPool: pool() }), dir);
    expect(emulated.calls).toContain('UpdateUserPool');
    expect(emulated.pool().LambdaConfig).toBeUndefined();
    expect(emulated.pool().Policies).toEqual({ PasswordPolicy: { MinimumLength: 10 } });
  });

  it('cognitoUserPool events without existing: true, on the pool serverless merges them into', async () => {
    const emulated = emulator();
    const functions = {
      onboarding: handler('onboarding', [
        { cognitoUserPool: { pool: 'Users', trigger: 'PreSignUp' } },
        { cognitoUserPool: { pool: 'Users', trigger: 'PostConfirmation' } },
      ]),
      tokens: handler('tokens', [{ cognitoUserPool: { pool: 'Users', trigger: 'PreTokenGeneration' } }]),
    };
    await deploy(emulated, await compiled(functions, { CognitoUserPoolUsers: pool() }), stateDir());
    expect(emulated.pool().LambdaConfig).toEqual({
      PreSignUp: arnOf('onboarding'),
      PostConfirmation: arnOf('onboarding'),
      PreTokenGeneration: arnOf('tokens'),
    });
  });

  it('existing: true merges each function into the pool found by name, updates and removes them as serverless redeploys, keeping the rest of the pool', async () => {
    const emulated = emulator();
    const dir = stateDir();
    const existing = (trigger: string, extra: object = {}) => ({ cognitoUserPool: { pool: POOL_NAME, trigger, existing: true, ...extra } });
    const resources = { UserPool: pool({ LambdaConfig: { CustomMessage: getAtt('messages') } }) };
    const messages = handler('messages');
    await deploy(
      emulated,
      await compiled(
        {
          messages,
          onboarding: handler('onboarding', [existing('PreSignUp'), existing('PostConfirmation')]),
          tokens: handler('tokens', [existing('PreTokenGeneration')]),
        },
        resources,
      ),
      dir,
    );
    expect(emulated.pool().LambdaConfig).toEqual({
      CustomMessage: arnOf('messages'),
      PreSignUp: arnOf('onboarding'),
      PostConfirmation: arnOf('onboarding'),
      PreTokenGeneration: arnOf('tokens'),
      PreTokenGenerationConfig: { LambdaArn: arnOf('tokens'), LambdaVersion: 'V1_0' },
    });

    // A trigger dropped from a function's events, and a function's last one: gone, the others kept.
    await deploy(
      emulated,
      await compiled({ messages, onboarding: handler('onboarding', [existing('PostConfirmation')]), tokens: handler('tokens') }, resources),
      dir,
    );
    expect(emulated.pool().LambdaConfig).toEqual({ CustomMessage: arnOf('messages'), PostConfirmation: arnOf('onboarding') });
    expect(emulated.pool().Policies).toEqual({ PasswordPolicy: { MinimumLength: 10 } });
  });

  it("existing: true after its pool's update: the triggers are reset, as on AWS, and said so; forceDeploy puts them back", async () => {
    const emulated = emulator();
    const dir = stateDir();
    const functions = (extra = {}) => ({
      onboarding: handler('onboarding', [{ cognitoUserPool: { pool: POOL_NAME, trigger: 'PreSignUp', existing: true, ...extra } }]),
    });
    await deploy(emulated, await compiled(functions(), { UserPool: pool() }), dir);
    const edited = { UserPool: pool({ MfaConfiguration: 'OFF' }) };
    const notices = await deploy(emulated, await compiled(functions(), edited), dir);
    expect(emulated.pool().LambdaConfig).toBeUndefined();
    expect(notices).toEqual([
      expect.stringMatching(/^⚠ {2}UserPool was updated, which resets its LambdaConfig, on AWS as here: .*forceDeploy: true/),
    ]);

    expect(await deploy(emulated, await compiled(functions({ forceDeploy: true }), edited), dir)).toEqual([]);
    expect(emulated.pool().LambdaConfig).toEqual({ PreSignUp: arnOf('onboarding') });
  });

  it('existing: true on a pool of another stack, through its local stand-in', async () => {
    const emulated = emulator();
    const functions = {
      onboarding: handler('onboarding', [{ cognitoUserPool: { pool: 'shared-local', trigger: 'PreSignUp', existing: true } }]),
    };
    const settings = {
      resources: {
        SharedUserPool: {
          StandsFor: 'arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_Shared',
          Type: 'AWS::Cognito::UserPool',
          Properties: { UserPoolName: 'shared-local' },
        },
      },
    };
    await deploy(emulated, await compiled(functions, {}), stateDir(), settings);
    expect(emulated.pool().Name).toBe('shared-local');
    expect(emulated.pool().LambdaConfig).toEqual({ PreSignUp: arnOf('onboarding') });
  });

  it('refuses by name a function that is not this service’s, a custom sender, and existing: true on a pool it cannot find, unless notEmulated lists them', async () => {
    const functions = {
      sender: handler('sender', [
        {
          cognitoUserPool: {
            pool: POOL_NAME,
            trigger: 'CustomEmailSender',
            existing: true,
            kmsKeyId: 'arn:aws:kms:eu-west-1:123456789012:key/k',
          },
        },
      ]),
      elsewhere: handler('elsewhere', [{ cognitoUserPool: { pool: 'nowhere', trigger: 'PreSignUp', existing: true } }]),
    };
    const template = await compiled(functions, {
      UserPool: pool({
        LambdaConfig: { PreSignUp: 'arn:aws:lambda:eu-west-1:123456789012:function:legacy-signup', PostConfirmation: getAtt('sender') },
      }),
    });
    const refusal = deploy(emulator(), template, stateDir());
    await expect(refusal).rejects.toThrow(
      /UserPool\.Properties\.LambdaConfig\.PreSignUp \(AWS::Cognito::UserPool\) names "arn:aws:lambda:eu-west-1:123456789012:function:legacy-signup", which is not a function of this service/,
    );
    await expect(refusal).rejects.toThrow(/SenderCustomCognitoUserPool1 .*: CustomEmailSender: the custom email sender is not run locally/);
    await expect(refusal).rejects.toThrow(
      /ElsewhereCustomCognitoUserPool1 .*attached to the pool named "nowhere", which is not a pool of this stack/,
    );

    const emulated = emulator();
    const notEmulated = [
      'UserPool.LambdaConfig.PreSignUp',
      'SenderCustomCognitoUserPool1.UserPoolConfigs',
      'ElsewhereCustomCognitoUserPool1.UserPoolConfigs',
    ];
    await deploy(emulated, template, stateDir(), { notEmulated });
    expect(emulated.pool().LambdaConfig).toEqual({ PostConfirmation: arnOf('sender') });
  });
});
