import { describe, expect, it } from 'vitest';
import { gatewayResponseSettings } from './gateway-response-settings.ts';
import type { CfnResource } from './template.ts';

const ALLOW_ANY_ORIGIN = { 'gatewayresponse.header.Access-Control-Allow-Origin': "'*'" };

function gatewayResponseResource(properties: Record<string, unknown>): CfnResource {
  return { Type: 'AWS::ApiGateway::GatewayResponse', Properties: { RestApiId: { Ref: 'ApiGatewayRestApi' }, ...properties } };
}

describe('gatewayResponseSettings', () => {
  it('keys each GatewayResponse by its ResponseType, with its StatusCode and ResponseParameters', () => {
    const settings = gatewayResponseSettings({
      Default4xx: gatewayResponseResource({ ResponseType: 'DEFAULT_4XX', ResponseParameters: ALLOW_ANY_ORIGIN }),
      Unauthorized: gatewayResponseResource({
        ResponseType: 'UNAUTHORIZED',
        StatusCode: '403',
        ResponseParameters: { 'gatewayresponse.header.X-Reason': "'token'" },
      }),
    });
    expect(settings).toEqual({
      DEFAULT_4XX: { responseParameters: ALLOW_ANY_ORIGIN },
      UNAUTHORIZED: { statusCode: '403', responseParameters: { 'gatewayresponse.header.X-Reason': "'token'" } },
    });
  });

  it('keeps a numeric StatusCode as text, as CloudFormation does', () => {
    const settings = gatewayResponseSettings({ Denied: gatewayResponseResource({ ResponseType: 'UNAUTHORIZED', StatusCode: 403 }) });
    expect(settings).toEqual({ UNAUTHORIZED: { statusCode: '403', responseParameters: {} } });
  });

  it('gives a GatewayResponse without ResponseParameters no headers and no status override', () => {
    const settings = gatewayResponseSettings({ Default5xx: gatewayResponseResource({ ResponseType: 'DEFAULT_5XX' }) });
    expect(settings).toEqual({ DEFAULT_5XX: { responseParameters: {} } });
    expect(Object.keys(settings.DEFAULT_5XX!)).toEqual(['responseParameters']);
  });

  it('ignores resources of other types', () => {
    const settings = gatewayResponseSettings({
      CognitoUserPool: { Type: 'AWS::Cognito::UserPool', Properties: { UserPoolName: 'pool' } },
      Bucket: { Type: 'AWS::S3::Bucket' },
    });
    expect(settings).toEqual({});
  });
});
