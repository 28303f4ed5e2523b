import { describe, expect, it } from 'vitest';
import { AWS_ONLY_MARKER, localValues } from './local-values.ts';

const localValue = localValues({
  standIns: [
    {
      standsFor: 'arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_Shared',
      physicalId: 'local_Stand1',
      attributes: { Arn: 'arn:aws:cognito-idp:eu-west-1:000000000000:userpool/local_Stand1' },
    },
    { standsFor: 'shared-client-id', physicalId: 'localclient1', attributes: {} },
  ],
  region: 'eu-west-1',
  restApiId: 'localrestapi',
  httpApiId: 'localhttpapi',
  apiBaseUrl: 'http://127.0.0.1:3000',
});

describe('localValues', () => {
  it("points a stand-in's ARN, the pool id inside it, and a stood-in id at the local resource", () => {
    expect(
      localValue(
        { arn: 'arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_Shared', id: 'eu-west-1_Shared', client: 'shared-client-id' },
        'Test',
      ),
    ).toEqual({ arn: 'arn:aws:cognito-idp:eu-west-1:000000000000:userpool/local_Stand1', id: 'local_Stand1', client: 'localclient1' });
  });

  it("turns the REST and HTTP APIs' execute-api URLs into the local API's (the HTTP API's without a stage), and leaves Cognito's issuer AWS's, as the local tokens carry it", () => {
    expect(localValue('https://localrestapi.execute-api.eu-west-1.amazonaws.com/dev', 'Test')).toBe('http://127.0.0.1:3000/dev');
    expect(localValue('https://localhttpapi.execute-api.eu-west-1.amazonaws.com', 'Test')).toBe('http://127.0.0.1:3000');
    expect(localValue(['https://cognito-idp.eu-west-1.amazonaws.com/local_Pool1'], 'Test')).toEqual([
      'https://cognito-idp.eu-west-1.amazonaws.com/local_Pool1',
    ]);
  });

  it('leaves other values alone', () => {
    expect(localValue({ name: 'orders', count: 3, on: true }, 'Test')).toEqual({ name: 'orders', count: 3, on: true });
  });

  it('refuses a value only AWS can answer, naming the variable and where it is used', () => {
    expect(() => localValue({ TABLE: `${AWS_ONLY_MARKER}cf:data-local.…` }, 'Fn.Environment')).toThrow(
      /^Fn\.Environment\.TABLE uses \$\{cf:data-local\.…\}, which only AWS can answer\. Give the local stage its own value/,
    );
  });
});
