import { describe, expect, it } from 'vitest';
import type { PoolOAuthSettings } from '../managed-login/pool-oauth-settings.ts';
import { createUserPoolClient } from '../operations/create-user-pool-client.ts';
import { updateUserPoolClient } from '../operations/update-user-pool-client.ts';
import { appClient, ctx, rejection } from '../testing/fake-cognito.ts';
import { fakePoolStore } from '../testing/fake-pool-store.ts';
import { redirectUrlProblem, refuseInvalidOAuthSettings } from './client-oauth-rules.ts';

const POOL: PoolOAuthSettings = {
  domain: 'team-auth',
  resourceServers: [{ Identifier: 'https://api.example.com', Name: 'api', Scopes: [{ ScopeName: 'orders.read', ScopeDescription: 'x' }] }],
  identityProviders: [{ ProviderName: 'Google', ProviderType: 'Google' }],
};
const CODE = {
  AllowedOAuthFlowsUserPoolClient: true,
  AllowedOAuthFlows: ['code' as const],
  AllowedOAuthScopes: ['openid', 'email'],
  CallbackURLs: ['https://app.example.com/callback'],
};
const refused = (input: object, hasSecret = false) => {
  try {
    refuseInvalidOAuthSettings({ ClientId: 'c', UserPoolId: 'p', ...input }, POOL, hasSecret, 'eu-west-1_Pool1');
  } catch (error) {
    return [(error as { code: string }).code, (error as Error).message];
  }
  return undefined;
};

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html
describe('refuseInvalidOAuthSettings', () => {
  it('accepts the standard scopes, a resource server scope, COGNITO and a provider of the pool', () => {
    expect(
      refused({
        ...CODE,
        AllowedOAuthScopes: ['openid', 'email', 'phone', 'profile', 'aws.cognito.signin.user.admin', 'https://api.example.com/orders.read'],
        SupportedIdentityProviders: ['COGNITO', 'Google'],
      }),
    ).toBeUndefined();
  });

  // [C] https://github.com/awsdocs/aws-cloudformation-user-guide/issues/564
  it.each(['Cognito', 'https://api.example.com/orders.write', 'orders.read'])(
    'refuses the scope %s (ScopeDoesNotExistException)',
    (scope) => {
      expect(refused({ ...CODE, AllowedOAuthScopes: ['openid', scope] })).toEqual([
        'ScopeDoesNotExistException',
        `Invalid scope requested: ${scope}`,
      ]);
    },
  );

  // [C] https://github.com/aws-amplify/amplify-cli/issues/11986
  it('refuses an identity provider the pool does not have', () => {
    expect(refused({ ...CODE, SupportedIdentityProviders: ['COGNITO', 'Facebook'] })).toEqual([
      'InvalidParameterException',
      'The provider Facebook does not exist for User Pool eu-west-1_Pool1',
    ]);
  });

  it.each([
    ['https://app.example.com/callback', undefined],
    ['http://localhost:5173/', undefined],
    ['http://127.0.0.1:5173/', undefined],
    ['http://[::1]:5173/', undefined],
    ['myapp://callback', undefined],
    ['http://app.example.com/callback', 'must use https: plain http is allowed only for http://localhost (or 127.0.0.1, [::1]).'],
    ['https://app.example.com/#/callback', 'must not have a fragment (#).'],
    ['/callback', 'is not an absolute URL.'],
  ])('judges the redirect URL %s', (url, problem) => {
    expect(redirectUrlProblem(url)).toBe(problem);
  });

  it('refuses such a URL in CallbackURLs, LogoutURLs or DefaultRedirectURI, and a DefaultRedirectURI not among the CallbackURLs', () => {
    expect(refused({ ...CODE, CallbackURLs: ['http://app.example.com/'] })?.[1]).toMatch(
      /^CallbackURLs: http:\/\/app.example.com\/ must use https/,
    );
    expect(refused({ ...CODE, LogoutURLs: ['https://app.example.com/#out'] })?.[1]).toMatch(/^LogoutURLs: .* must not have a fragment/);
    expect(refused({ ...CODE, DefaultRedirectURI: 'https://other.example.com/' })).toEqual([
      'InvalidParameterException',
      'DefaultRedirectURI: https://other.example.com/ must be one of the CallbackURLs.',
    ]);
    expect(refused({ ...CODE, DefaultRedirectURI: 'https://app.example.com/callback' })).toBeUndefined();
  });

  it('keeps client_credentials apart from code and implicit, and for clients with a secret (InvalidOAuthFlowException)', () => {
    const m2m = {
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['client_credentials'],
      AllowedOAuthScopes: ['https://api.example.com/orders.read'],
    };
    expect(refused(m2m, true)).toBeUndefined();
    expect(refused(m2m, false)?.[0]).toBe('InvalidOAuthFlowException');
    expect(refused({ ...m2m, AllowedOAuthFlows: ['client_credentials', 'code'], CallbackURLs: CODE.CallbackURLs }, true)?.[0]).toBe(
      'InvalidOAuthFlowException',
    );
  });

  it('needs flows and scopes with AllowedOAuthFlowsUserPoolClient, and callback URLs for code and implicit', () => {
    expect(refused({ ...CODE, AllowedOAuthFlows: [] })?.[1]).toMatch(/give AllowedOAuthFlows/);
    expect(refused({ ...CODE, AllowedOAuthScopes: [] })?.[1]).toMatch(/give AllowedOAuthScopes/);
    expect(refused({ ...CODE, CallbackURLs: [] })?.[1]).toMatch(/need CallbackURLs/);
  });
});

describe('CreateUserPoolClient and UpdateUserPoolClient apply them', () => {
  it('against the resource servers of the pool, and the secret the client has', async () => {
    const web = appClient('web', { UserPoolId: 'eu-west-1_Pool1' });
    const m2m = appClient('m2m', { UserPoolId: 'eu-west-1_Pool1', ClientSecret: 's3cret' });
    const { deps, oauth, writes } = fakePoolStore({ pools: [{ Id: 'eu-west-1_Pool1' }], clients: [web, m2m] });
    const input = {
      UserPoolId: 'eu-west-1_Pool1',
      ClientName: 'm2m',
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['client_credentials' as const],
    };
    const scopes = { AllowedOAuthScopes: ['https://api.example.com/orders.read'] };
    expect((await rejection(createUserPoolClient(deps, ctx, { ...input, ...scopes, GenerateSecret: true }))).code).toBe(
      'ScopeDoesNotExistException',
    );
    await oauth.saveResourceServers(ctx, 'eu-west-1_Pool1', POOL.resourceServers);
    await createUserPoolClient(deps, ctx, { ...input, ...scopes, GenerateSecret: true });
    expect((await rejection(createUserPoolClient(deps, ctx, { ...input, ...scopes }))).code).toBe('InvalidOAuthFlowException');
    await updateUserPoolClient(deps, ctx, { ...input, ...scopes, ClientId: 'm2m' });
    expect((await rejection(updateUserPoolClient(deps, ctx, { ...input, ...scopes, ClientId: 'web' }))).code).toBe(
      'InvalidOAuthFlowException',
    );
    expect(writes.map(([kind]) => kind)).toEqual(['saveAppClient', 'saveAppClient']);
  });
});
