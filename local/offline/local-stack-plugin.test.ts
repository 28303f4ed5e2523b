import { describe, expect, it } from 'vitest';
import { apiUrl } from '../config.ts';
import { LocalStackPlugin, localOutputs } from './local-stack-plugin.ts';

const physicalIds = { CognitoUserPool: 'local_AbCdEf12', CognitoUserPoolClient: 'client-id-1' };

/** serverless.yml's ApiUrl output: the REST API's execute-api URL on AWS. */
const apiUrlOutput = {
  Value: {
    'Fn::Join': [
      '',
      ['https://', { Ref: 'ApiGatewayRestApi' }, '.execute-api.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }, '/local'],
    ],
  },
};

describe('localOutputs', () => {
  it('resolves a Ref to a resource deployed locally to its physical id', () => {
    expect(localOutputs({ UserPoolId: { Value: { Ref: 'CognitoUserPool' } } }, physicalIds)).toEqual({
      UserPoolId: 'local_AbCdEf12',
    });
  });

  it("resolves an output built from the REST API to serverless-offline's URL", () => {
    expect(localOutputs({ ApiUrl: apiUrlOutput }, physicalIds)).toEqual({ ApiUrl: apiUrl });
  });

  it('serves the API on the local stage', () => {
    expect(apiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/local$/);
  });

  it('omits outputs that refer to nothing deployed locally', () => {
    const outputs = {
      UserPoolId: { Value: { Ref: 'CognitoUserPool' } },
      UserPoolClientId: { Value: { Ref: 'CognitoUserPoolClient' } },
      ApiUrl: apiUrlOutput,
      TableName: { Value: { Ref: 'UsersTable' } },
      UserPoolArn: { Value: { 'Fn::GetAtt': ['CognitoUserPool', 'Arn'] } },
      Region: { Value: { Ref: 'AWS::Region' } },
      NoValue: {},
    };

    expect(localOutputs(outputs, physicalIds)).toEqual({
      UserPoolId: 'local_AbCdEf12',
      UserPoolClientId: 'client-id-1',
      ApiUrl: apiUrl,
    });
  });
});

describe('LocalStackPlugin on deploy', () => {
  /** serverless's user-facing error: a message without a stack trace. */
  class ServerlessError extends Error {}

  function plugin(command: string, stage: string | undefined, providerStage = 'local') {
    const serverless = {
      processedInput: { commands: [command] },
      classes: { Error: ServerlessError },
      service: { provider: { stage: providerStage } },
      cli: { log() {} },
    };
    return new LocalStackPlugin(serverless as never, stage === undefined ? {} : { stage });
  }

  it('refuses to deploy the local stage, naming the flag to use', async () => {
    const refusal = plugin('deploy', undefined).hooks.initialize!();
    await expect(refusal).rejects.toBeInstanceOf(ServerlessError);
    await expect(refusal).rejects.toThrow('The "local" stage runs on this machine (npm start) and is never sent to AWS. Name an AWS stage: npm run deploy -- --stage prod');
  });

  it('refuses to remove the local stage from AWS', async () => {
    await expect(plugin('remove', 'local').hooks.initialize!()).rejects.toThrow('npm run remove -- --stage prod');
  });

  it('lets any other stage deploy, and the local stage package or run offline', async () => {
    await expect(plugin('deploy', 'prod').hooks.initialize!()).resolves.toBeUndefined();
    await expect(plugin('package', undefined).hooks.initialize!()).resolves.toBeUndefined();
    await expect(plugin('offline', undefined).hooks.initialize!()).resolves.toBeUndefined();
  });
});
