import { describe, expect, it } from 'vitest';
import { CognitoError } from '../cognito-local.ts';
import { refuseUnemulatedTriggers } from './refuse-unemulated-triggers.ts';

const LAMBDA = { LambdaArn: 'arn:aws:lambda:us-east-1:000000000000:function:f', LambdaVersion: 'V1_0' };

describe('refuseUnemulatedTriggers', () => {
  it('refuses the inbound federation trigger by name, which the stand-in identity providers do not run', () => {
    expect(() => refuseUnemulatedTriggers({ InboundFederation: LAMBDA })).toThrow(CognitoError);
    expect(() => refuseUnemulatedTriggers({ InboundFederation: LAMBDA })).toThrow(/does not run InboundFederation triggers yet/);
  });

  it('keeps the triggers it runs', () => {
    expect(() => refuseUnemulatedTriggers({ PreSignUp: LAMBDA.LambdaArn, PostConfirmation: LAMBDA.LambdaArn })).not.toThrow();
  });
});
