import { describe, expect, it } from 'vitest';
import { apiUrl } from '../config.ts';
import { localOutputs } from './local-stack-plugin.ts';

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
