import { describe, expect, it } from 'vitest';
import { webBuildEnv, WebBuildEnvError } from './build-env.ts';

const outputs = {
  UserPoolId: 'eu-west-1_AbC',
  UserPoolClientId: 'client123',
  ApiUrl: 'https://abc.execute-api.eu-west-1.amazonaws.com/prod',
  ServiceEndpoint: 'x',
};

describe('webBuildEnv', () => {
  it('configures the web client for AWS from the stack outputs, with no Cognito endpoint of its own', () => {
    expect(webBuildEnv(outputs)).toEqual({
      VITE_USER_POOL_ID: 'eu-west-1_AbC',
      VITE_USER_POOL_CLIENT_ID: 'client123',
      VITE_API_URL: 'https://abc.execute-api.eu-west-1.amazonaws.com/prod',
    });
  });

  it('points the local web client at the emulator', () => {
    expect(webBuildEnv(outputs, 'http://127.0.0.1:9229').VITE_COGNITO_ENDPOINT).toBe('http://127.0.0.1:9229');
  });

  it('names a missing output and where to add it', () => {
    const { ApiUrl: _apiUrl, ...withoutApiUrl } = outputs;
    expect(() => webBuildEnv(withoutApiUrl)).toThrow(WebBuildEnvError);
    expect(() => webBuildEnv(withoutApiUrl)).toThrow('The stack has no ApiUrl output: add it to serverless.yml resources.Outputs.');
  });
});
