// A team's serverless.yml with Cognito's OAuth 2.0 side: a domain, a resource server with scopes,
// an OIDC and a Google identity provider, an OAuth client and a machine-to-machine client,
// started by the real local stage from a fresh data folder. What Cognito answers for each is in
// docs/aws-behaviour.md ("Cognito domains, resource servers and identity providers").
import {
  DescribeIdentityProviderCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  DescribeUserPoolDomainCommand,
  ListIdentityProvidersCommand,
  ListResourceServersCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { expect, test } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stackOutput } from '../local/cloudformation/local-stack.ts';
import { cognitoClient } from '../testing/cognito-client.ts';
import { uniqueName } from '../testing/unique-names.ts';
import { e2eStack } from './stack.ts';
import { refusedVariant, type ServiceEdit, startVariantApi } from './variant-stack.ts';

/** A prefix no other pool of the shared emulator has (prefixes are unique across pools). */
const newPrefix = () => `team-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`.replace(/aws|amazon|cognito/g, 'x');
const ORDERS = 'https://orders.example.com';
const OIDC_DETAILS = {
  client_id: 'corp-client',
  client_secret: 'corp-secret',
  attributes_request_method: 'GET',
  oidc_issuer: 'https://idp.corp.example.com',
  authorize_scopes: 'openid email profile',
};

/** The team's resources, added to the starter's pool (renamed: the e2e stack's own pool stays as it is). */
const withOAuth =
  (prefix: string, client: Record<string, unknown> = {}): ServiceEdit =>
  (service) => {
    const resources = service.resources.Resources;
    resources.CognitoUserPool.Properties.UserPoolName = uniqueName('oauth');
    const UserPoolId = { Ref: 'CognitoUserPool' };
    // In place of the starter's domain (a pool has one), its Output following.
    delete resources.CognitoUserPoolDomain;
    service.resources.Outputs.UserPoolDomain = { Value: { Ref: 'AuthDomain' } };
    resources.AuthDomain = { Type: 'AWS::Cognito::UserPoolDomain', Properties: { UserPoolId, Domain: prefix, ManagedLoginVersion: 1 } };
    resources.OrdersApi = {
      Type: 'AWS::Cognito::UserPoolResourceServer',
      Properties: {
        UserPoolId,
        Identifier: ORDERS,
        Name: 'orders',
        Scopes: [
          { ScopeName: 'orders.read', ScopeDescription: 'Reads orders' },
          { ScopeName: 'orders.write', ScopeDescription: 'Writes orders' },
        ],
      },
    };
    resources.CorpIdp = {
      Type: 'AWS::Cognito::UserPoolIdentityProvider',
      Properties: {
        UserPoolId,
        ProviderName: 'Corp',
        ProviderType: 'OIDC',
        ProviderDetails: OIDC_DETAILS,
        AttributeMapping: { email: 'email' },
        IdpIdentifiers: ['corp.example.com'],
      },
    };
    resources.GoogleIdp = {
      Type: 'AWS::Cognito::UserPoolIdentityProvider',
      Properties: {
        UserPoolId,
        ProviderName: 'Google',
        ProviderType: 'Google',
        ProviderDetails: { client_id: 'google-client', client_secret: 'google-secret', authorize_scopes: 'openid email profile' },
        AttributeMapping: { email: 'email', name: 'name' },
      },
    };
    resources.OAuthClient = {
      Type: 'AWS::Cognito::UserPoolClient',
      DependsOn: ['OrdersApi', 'CorpIdp', 'GoogleIdp'],
      Properties: {
        UserPoolId,
        ClientName: 'oauth-web',
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthFlows: ['code'],
        AllowedOAuthScopes: ['openid', 'email', 'profile', `${ORDERS}/orders.read`],
        CallbackURLs: ['http://localhost:5173/callback'],
        LogoutURLs: ['http://localhost:5173/'],
        SupportedIdentityProviders: ['COGNITO', 'Google', 'Corp'],
        ...client,
      },
    };
    resources.M2mClient = {
      Type: 'AWS::Cognito::UserPoolClient',
      DependsOn: ['OrdersApi'],
      Properties: {
        UserPoolId,
        ClientName: 'orders-worker',
        GenerateSecret: true,
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthFlows: ['client_credentials'],
        AllowedOAuthScopes: [`${ORDERS}/orders.read`, `${ORDERS}/orders.write`],
      },
    };
    service.resources.Outputs.OAuthClientId = { Value: { Ref: 'OAuthClient' } };
    service.resources.Outputs.M2mClientId = { Value: { Ref: 'M2mClient' } };
    service.resources.Outputs.AuthDomainName = { Value: { Ref: 'AuthDomain' } };
  };

test('a stack with a domain, a resource server, OIDC and Google providers and OAuth clients starts, and Cognito describes them as AWS does', async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hello-auth-oauth-'));
  const prefix = newPrefix();
  const variant = await startVariantApi(withOAuth(prefix), { dataDir });
  const cognito = cognitoClient(e2eStack.urls.cognito);
  try {
    const UserPoolId = stackOutput(variant.stack, 'UserPoolId');
    expect(stackOutput(variant.stack, 'AuthDomainName')).toBe(prefix);

    await test.step('DescribeUserPoolDomain: the pool, ACTIVE', async () => {
      const { DomainDescription } = await cognito.send(new DescribeUserPoolDomainCommand({ Domain: prefix }));
      expect(DomainDescription).toMatchObject({
        UserPoolId,
        Domain: prefix,
        Status: 'ACTIVE',
        ManagedLoginVersion: 1,
        AWSAccountId: '000000000000',
      });
      const { UserPool } = await cognito.send(new DescribeUserPoolCommand({ UserPoolId }));
      expect(UserPool?.Domain).toBe(prefix);
    });

    await test.step('ListResourceServers: the orders API and its scopes', async () => {
      const { ResourceServers } = await cognito.send(new ListResourceServersCommand({ UserPoolId, MaxResults: 10 }));
      expect(ResourceServers).toEqual([
        {
          UserPoolId,
          Identifier: ORDERS,
          Name: 'orders',
          Scopes: [
            { ScopeName: 'orders.read', ScopeDescription: 'Reads orders' },
            { ScopeName: 'orders.write', ScopeDescription: 'Writes orders' },
          ],
        },
      ]);
    });

    await test.step('ListIdentityProviders and DescribeIdentityProvider: Corp (OIDC) and Google', async () => {
      const { Providers } = await cognito.send(new ListIdentityProvidersCommand({ UserPoolId, MaxResults: 10 }));
      expect(Providers?.map(({ ProviderName, ProviderType }) => [ProviderName, ProviderType]).sort()).toEqual([
        ['Corp', 'OIDC'],
        ['Google', 'Google'],
      ]);
      const { IdentityProvider } = await cognito.send(new DescribeIdentityProviderCommand({ UserPoolId, ProviderName: 'Corp' }));
      expect(IdentityProvider).toMatchObject({
        ProviderDetails: OIDC_DETAILS,
        AttributeMapping: { username: 'sub', email: 'email' },
        IdpIdentifiers: ['corp.example.com'],
      });
    });

    await test.step('DescribeUserPoolClient: the OAuth client and the machine-to-machine client as created', async () => {
      const { UserPoolClient } = await cognito.send(
        new DescribeUserPoolClientCommand({ UserPoolId, ClientId: stackOutput(variant.stack, 'OAuthClientId') }),
      );
      expect(UserPoolClient).toMatchObject({
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthFlows: ['code'],
        AllowedOAuthScopes: ['openid', 'email', 'profile', `${ORDERS}/orders.read`],
        CallbackURLs: ['http://localhost:5173/callback'],
        LogoutURLs: ['http://localhost:5173/'],
        SupportedIdentityProviders: ['COGNITO', 'Google', 'Corp'],
      });
      const m2m = await cognito.send(
        new DescribeUserPoolClientCommand({ UserPoolId, ClientId: stackOutput(variant.stack, 'M2mClientId') }),
      );
      expect(m2m.UserPoolClient).toMatchObject({
        AllowedOAuthFlows: ['client_credentials'],
        ClientSecret: expect.stringMatching(/^[a-z0-9]{51}$/),
      });
    });
  } finally {
    cognito.destroy();
    await variant.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test("a client naming a scope no resource server has stops the start, with Cognito's answer", async () => {
  const { code, output } = await refusedVariant(withOAuth(newPrefix(), { AllowedOAuthScopes: ['openid', `${ORDERS}/orders.delete`] }));
  expect(code).not.toBe(0);
  expect(output).toContain(`Invalid scope requested: ${ORDERS}/orders.delete`);
  expect(output).toContain("add it to OAuthClient's DependsOn");
});
