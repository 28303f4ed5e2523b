import { describe, expect, it } from 'vitest';
import { oauthFindings } from './oauth-checks.ts';

const pool = { Type: 'AWS::Cognito::UserPool', Properties: {} };
const domain = { Type: 'AWS::Cognito::UserPoolDomain', Properties: { UserPoolId: { Ref: 'UserPool' }, Domain: 'team-auth' } };
const api = {
  Type: 'AWS::Cognito::UserPoolResourceServer',
  Properties: {
    UserPoolId: { Ref: 'UserPool' },
    Identifier: 'https://api.example.com',
    Name: 'api',
    Scopes: [{ ScopeName: 'orders.read', ScopeDescription: 'x' }],
  },
};
const google = {
  Type: 'AWS::Cognito::UserPoolIdentityProvider',
  Properties: { UserPoolId: { Ref: 'UserPool' }, ProviderName: 'Google', ProviderType: 'Google' },
};
const web = (extra: object = {}, dependsOn?: string[]) => ({
  Type: 'AWS::Cognito::UserPoolClient',
  ...(dependsOn && { DependsOn: dependsOn }),
  Properties: {
    UserPoolId: { Ref: 'UserPool' },
    AllowedOAuthFlowsUserPoolClient: true,
    AllowedOAuthFlows: ['code'],
    AllowedOAuthScopes: ['openid', 'email'],
    CallbackURLs: ['https://app.example.com/'],
    LogoutURLs: ['https://app.example.com/'],
    SupportedIdentityProviders: ['COGNITO'],
    ...extra,
  },
});
const findings = (Resources: Record<string, object>) => oauthFindings(Resources as never);

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html
describe('oauthFindings', () => {
  it('accepts a client with flows, a domain, its resource server scope and provider, each depended on', () => {
    const client = web(
      { AllowedOAuthScopes: ['openid', 'https://api.example.com/orders.read'], SupportedIdentityProviders: ['COGNITO', 'Google'] },
      ['Api', 'Google'],
    );
    expect(findings({ UserPool: pool, Domain: domain, Api: api, Google: google, WebClient: client })).toEqual({ problems: [], notes: [] });
  });

  it('asks for a domain when a client has OAuth flows', () => {
    expect(findings({ UserPool: pool, WebClient: web() }).problems).toEqual([
      expect.stringMatching(/^WebClient has OAuth flows \(code\) but its user pool has no AWS::Cognito::UserPoolDomain/),
    ]);
  });

  it('asks for DependsOn on the resource server and provider a client names', () => {
    const client = web({ AllowedOAuthScopes: ['https://api.example.com/orders.read'], SupportedIdentityProviders: ['Google'] });
    expect(findings({ UserPool: pool, Domain: domain, Api: api, Google: google, WebClient: client }).problems).toEqual([
      'WebClient allows https://api.example.com/orders.read of Api without depending on it: CloudFormation may create the client first, and Cognito refuses it. Add `DependsOn: [Api]` to WebClient.',
      'WebClient supports Google without depending on Google: CloudFormation may create the client first, and Cognito refuses it. Add `DependsOn: [Google]` to WebClient.',
    ]);
  });

  it('refuses a scope no resource server has, and a provider the template does not declare', () => {
    const client = web({ AllowedOAuthScopes: ['https://api.example.com/orders.write'], SupportedIdentityProviders: ['Facebook'] });
    const { problems } = findings({ UserPool: pool, Domain: domain, Api: api, WebClient: client });
    expect(problems).toEqual([
      expect.stringContaining('ScopeDoesNotExistException'),
      expect.stringContaining('The provider Facebook does not exist'),
    ]);
  });

  it('wants client_credentials alone, on a client with a secret', () => {
    const m2m = web({ AllowedOAuthFlows: ['client_credentials', 'code'], AllowedOAuthScopes: ['https://api.example.com/orders.read'] }, [
      'Api',
    ]);
    expect(findings({ UserPool: pool, Domain: domain, Api: api, M2m: m2m }).problems).toEqual([
      expect.stringContaining('client_credentials cannot be combined with code'),
      expect.stringContaining('has no GenerateSecret: true'),
    ]);
  });

  it('fails callback and logout URLs that name only this machine, and notes those kept beside the real ones', () => {
    const onlyLocal = web({ CallbackURLs: ['http://localhost:5173/'], LogoutURLs: ['http://localhost:5173/', 'https://app.example.com/'] });
    const { problems, notes } = findings({ UserPool: pool, Domain: domain, WebClient: onlyLocal });
    expect(problems).toEqual([expect.stringMatching(/^WebClient.CallbackURLs names only this machine \(http:\/\/localhost:5173\/\)/)]);
    expect(notes).toEqual([expect.stringMatching(/^WebClient.LogoutURLs keeps http:\/\/localhost:5173\/ in this stage/)]);
  });

  it('fails a plain-http callback URL that is not a loopback host', () => {
    const { problems } = findings({ UserPool: pool, Domain: domain, WebClient: web({ CallbackURLs: ['http://app.example.com/'] }) });
    expect(problems).toEqual([expect.stringMatching(/^WebClient.CallbackURLs: http:\/\/app.example.com\/ must use https/)]);
  });

  it('says nothing of a client without OAuth settings', () => {
    expect(
      findings({ UserPool: pool, WebClient: { Type: 'AWS::Cognito::UserPoolClient', Properties: { UserPoolId: { Ref: 'UserPool' } } } }),
    ).toEqual({
      problems: [],
      notes: [],
    });
  });
});
