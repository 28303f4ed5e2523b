import { describe, expect, it } from 'vitest';
import type { AwsRequester } from '../local/serverless/aws-variable-sources.ts';
import { answerAwsOffline } from './offline-aws-answers.ts';

function offlineProvider(configText = '') {
  const provider: AwsRequester = {
    request: async () => {
      throw new Error('would call AWS');
    },
  };
  const unresolved = new Set<string>();
  answerAwsOffline(provider, configText, unresolved, (message) => new Error(message));
  return { provider, unresolved };
}

describe('answerAwsOffline', () => {
  it('answers the requests of the cf, ssm, s3 and aws variable sources with placeholders, and records them', async () => {
    const { provider, unresolved } = offlineProvider('{"value":"${cf:auth-stack.UserPoolArn}"}');
    const stacks = (await provider.request('CloudFormation', 'describeStacks', { StackName: 'auth-stack' })) as {
      Stacks: [{ Outputs: { OutputKey: string; OutputValue: string }[] }];
    };
    // serverless's cf source picks the output it names out of the stack's.
    expect(stacks.Stacks[0].Outputs.find((output) => output.OutputKey === 'UserPoolArn')?.OutputValue).toBe(
      'unresolved(cf:auth-stack.UserPoolArn)',
    );
    expect(await provider.request('SSM', 'getParameter', { Name: '/app/key' })).toEqual({
      Parameter: { Type: 'String', Value: 'unresolved(ssm:/app/key)' },
    });
    expect(await provider.request('S3', 'getObject', { Bucket: 'b', Key: 'k' })).toEqual({ Body: 'unresolved(s3:b/k)' });
    expect(await provider.request('STS', 'getCallerIdentity', {})).toEqual({ Account: 'unresolved(aws:accountId)' });
    expect([...unresolved].sort()).toEqual(['aws:accountId', 'cf:auth-stack.UserPoolArn', 's3:b/k', 'ssm:/app/key']);
  });

  it('refuses any other request, asking what needs it', async () => {
    await expect(offlineProvider().provider.request('S3', 'listBuckets', {})).rejects.toThrow(
      'check:deploy packages without AWS credentials and cannot answer S3.listBuckets',
    );
  });
});
