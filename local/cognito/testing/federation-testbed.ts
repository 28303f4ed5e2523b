import type { IdentityProviderType } from '@aws-sdk/client-cognito-identity-provider';
import type { User, UserPool, UserPoolService } from '../cognito-local.ts';
import type { FederationDeps } from '../managed-login/federation/federation-deps.ts';
import type { PoolOAuthConfigs } from '../managed-login/pool-oauth-settings.ts';
import { appClient } from './fake-cognito.ts';
import { functionArn } from './fake-lambda.ts';
import { operationTestbed } from './operation-testbed.ts';

type Group = NonNullable<Awaited<ReturnType<UserPoolService['getGroupByGroupName']>>>;

/** The app's callback, the app client `web`'s one CallbackURL. */
export const CALLBACK = 'https://app.example.com/callback';

/** The managed login's origin in the federation tests. */
export const ORIGIN = 'https://127.0.0.1:9443';

/** A Google provider as CreateIdentityProvider stores one, mapping `email`, `email_verified` and `name`. */
export const GOOGLE: IdentityProviderType = {
  UserPoolId: 'local_Pool1',
  ProviderName: 'Google',
  ProviderType: 'Google',
  ProviderDetails: {
    client_id: 'google-client.apps.googleusercontent.com',
    client_secret: 'secret',
    authorize_scopes: 'openid email profile',
  },
  AttributeMapping: { email: 'email', email_verified: 'email_verified', name: 'name', username: 'sub' },
};

/** A SAML provider, found also by its IdpIdentifier `corp.example.com`. */
export const CORP_SAML: IdentityProviderType = {
  UserPoolId: 'local_Pool1',
  ProviderName: 'CorpSSO',
  ProviderType: 'SAML',
  ProviderDetails: { MetadataFile: '<EntityDescriptor entityID="https://idp.corp.example.com/saml">' },
  AttributeMapping: { email: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress' },
  IdpIdentifiers: ['corp.example.com'],
};

/** Every trigger a federated sign-in may run, each its own function. */
export const ALL_TRIGGERS = {
  PreSignUp: functionArn('fed-pre-sign-up'),
  PostConfirmation: functionArn('fed-post-confirmation'),
  PreAuthentication: functionArn('fed-pre-authentication'),
  PostAuthentication: functionArn('fed-post-authentication'),
};

export interface FederationFakeOptions {
  readonly pool?: Partial<UserPool>;
  readonly providers?: readonly IdentityProviderType[];
  readonly users?: readonly User[];
  /** The app client `web`'s SupportedIdentityProviders (COGNITO, Google and CorpSSO unless given); it has the code and implicit flows, `openid email profile` and CALLBACK. */
  readonly supported?: readonly string[];
}

/**
 * What the federation's tests work with: a fake Lambda for the triggers (per test file), and for
 * each test a fake Cognito with one pool (local_Pool1), its app client `web`, groups kept in
 * memory, and a fake PoolOAuthConfigs serving `providers`: FederationDeps over them.
 */
export function federationTestbed() {
  const testbed = operationTestbed();
  return {
    lambda: testbed.lambda,
    fake(options: FederationFakeOptions = {}) {
      const client = appClient('web', {
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthFlows: ['code', 'implicit'],
        AllowedOAuthScopes: ['openid', 'email', 'profile'],
        CallbackURLs: [CALLBACK],
        SupportedIdentityProviders: [...(options.supported ?? ['COGNITO', 'Google', 'CorpSSO'])],
      });
      const fake = testbed.fake({ users: options.users, pool: options.pool, clients: [client] });
      const groups = new Map<string, Group>();
      Object.assign(fake.userPool, {
        getGroupByGroupName: async (_ctx: unknown, name: string) => groups.get(name) ?? null,
        saveGroup: async (_ctx: unknown, group: Group) => void groups.set(group.GroupName, group),
        addUserToGroup: async (_ctx: unknown, group: Group, user: User) =>
          void groups.set(group.GroupName, { ...group, members: [...new Set([...(group.members ?? []), user.Username])] }),
      });
      const configs: PoolOAuthConfigs = {
        settingsOf: async (_ctx, userPoolId) => ({
          domain: 'local-test',
          resourceServers: [],
          identityProviders: userPoolId === 'local_Pool1' ? (options.providers ?? [GOOGLE, CORP_SAML]) : [],
        }),
      };
      const deps: FederationDeps = {
        services: { cognito: fake.deps.cognito, clock: fake.deps.clock },
        triggers: fake.deps.triggers,
        configs,
        origin: ORIGIN,
        logger: { child: () => deps.logger, debug() {}, info() {}, warn() {}, error() {} },
      };
      return { ...fake, deps, client, groups, pool: fake.userPool.options };
    },
  };
}
