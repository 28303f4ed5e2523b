import { describe, expect, it } from 'vitest';
import { awsHostedUi, webBuildEnv, WebBuildEnvError } from './build-env.ts';
import type { OAuthClientSettings } from './hosted-ui-env.ts';

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

  it("adds the hosted UI's variables when given, or why the page goes without it", () => {
    expect(webBuildEnv(outputs, undefined, { off: 'why' })).toMatchObject({ VITE_HOSTED_UI_OFF: 'why' });
  });
});

describe('awsHostedUi: the hosted UI of a stack on AWS', () => {
  const client: OAuthClientSettings = {
    AllowedOAuthFlowsUserPoolClient: true,
    AllowedOAuthFlows: ['code'],
    AllowedOAuthScopes: ['openid', 'email', 'profile', 'aws.cognito.signin.user.admin'],
    CallbackURLs: ['https://app.example.com/'],
    LogoutURLs: ['https://app.example.com/'],
    SupportedIdentityProviders: ['COGNITO'],
  };

  it("points Amplify at the pool's prefix domain in its region, with the client's OAuth settings", () => {
    expect(webBuildEnv(outputs, undefined, awsHostedUi({ ...outputs, UserPoolDomain: 'hello-auth-prod-123456789012' }, client))).toEqual({
      VITE_USER_POOL_ID: 'eu-west-1_AbC',
      VITE_USER_POOL_CLIENT_ID: 'client123',
      VITE_API_URL: 'https://abc.execute-api.eu-west-1.amazonaws.com/prod',
      VITE_OAUTH_DOMAIN: 'hello-auth-prod-123456789012.auth.eu-west-1.amazoncognito.com',
      VITE_OAUTH_SCOPES: 'openid email profile aws.cognito.signin.user.admin',
      VITE_OAUTH_REDIRECT_SIGN_IN: 'https://app.example.com/',
      VITE_OAUTH_REDIRECT_SIGN_OUT: 'https://app.example.com/',
      VITE_OAUTH_RESPONSE_TYPE: 'code',
      VITE_OAUTH_PROVIDERS: 'COGNITO',
    });
  });

  it('turns the hosted UI off, saying why, on a stack without the UserPoolDomain Output or a client without OAuth', () => {
    expect(awsHostedUi(outputs, client)).toEqual({
      off: 'the stack has no UserPoolDomain output (the Ref of its AWS::Cognito::UserPoolDomain)',
    });
    expect(awsHostedUi({ ...outputs, UserPoolDomain: 'x' }, { ...client, AllowedOAuthFlowsUserPoolClient: false })).toEqual({
      off: 'app client client123 does not allow OAuth (AllowedOAuthFlowsUserPoolClient)',
    });
  });
});
