import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { describe, expect, it } from 'vitest';
import { newUserPoolId, signingRegion, userPoolIssuer, userPoolRegion } from './user-pool-ids.ts';

describe('user pool ids and issuers', () => {
  it("makes ids as Cognito's, `<region>_` and 9 letters and digits, that aws-jwt-verify takes", () => {
    for (const region of ['eu-west-1', 'us-gov-west-1', 'ap-southeast-2', 'eusc-de-east-1']) {
      const id = newUserPoolId(region);
      expect(id).toMatch(new RegExp(`^${region}_[A-Za-z0-9]{9}$`));
      expect(userPoolRegion(id)).toBe(region);
      expect(CognitoJwtVerifier.parseUserPoolId(id).issuer).toBe(userPoolIssuer(id));
    }
    expect(newUserPoolId('eu-west-1', () => 0)).toBe('eu-west-1_AAAAAAAAA');
  });

  it('refuses to make an id in a region that is not AWS-shaped', () => {
    expect(() => newUserPoolId('local')).toThrow('Not an AWS region: local');
  });

  it("gives a pool AWS's issuer, in the pool id's region", () => {
    expect(userPoolIssuer('ap-northeast-1_AbC123xyZ')).toBe('https://cognito-idp.ap-northeast-1.amazonaws.com/ap-northeast-1_AbC123xyZ');
  });

  it('knows an older emulator id as not AWS-shaped', () => {
    expect(userPoolRegion('local_3Vx8ghJk')).toBeUndefined();
  });

  it("reads the region of a SigV4 Authorization header's credential scope", () => {
    const header =
      'AWS4-HMAC-SHA256 Credential=local/20261207/eu-central-1/cognito-idp/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc';
    expect(signingRegion(header)).toBe('eu-central-1');
    expect(signingRegion(undefined)).toBeUndefined();
    expect(signingRegion('Bearer x')).toBeUndefined();
  });
});
