import { describe, expect, it } from 'vitest';
import { lambdaConfigRefusals } from './lambda-triggers.ts';

describe('lambdaConfigRefusals', () => {
  it('refuses an inbound federation trigger at start, by name, with what to do', () => {
    const arn = 'arn:aws:lambda:eu-west-1:000000000000:function:svc-local-federate';
    expect(lambdaConfigRefusals('UserPool', { InboundFederation: { LambdaArn: arn, LambdaVersion: 'V1_0' } }, new Set([arn]))).toEqual([
      {
        key: 'UserPool.LambdaConfig.InboundFederation',
        why: expect.stringMatching(
          /^UserPool\.Properties\.LambdaConfig\.InboundFederation \(AWS::Cognito::UserPool\): the inbound federation trigger is not run locally yet/,
        ),
      },
    ]);
  });
});
