import {
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
  UpdateUserPoolClientCommand,
  UpdateUserPoolCommand,
  type CreateUserPoolClientCommandInput,
  type CreateUserPoolCommandInput,
} from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { deployCognitoResources } from './deploy-cognito-resources.ts';
import type { CognitoResources } from './template-resources.ts';

type CognitoClient = Parameters<typeof deployCognitoResources>[0];

interface SentCommand {
  readonly name: string;
  readonly input: Record<string, unknown>;
}

/** An in-memory stand-in for the emulator's Cognito API: the five actions the deploy uses. */
function fakeCognito() {
  const pools = new Map<string, CreateUserPoolCommandInput>();
  const clients = new Map<string, CreateUserPoolClientCommandInput & { ClientId: string }>();
  const sent: SentCommand[] = [];
  let nextId = 1;

  async function send(command: unknown): Promise<unknown> {
    const { input } = command as { input: Record<string, unknown> };
    sent.push({ name: (command as object).constructor.name, input });
    if (command instanceof ListUserPoolsCommand) {
      return { UserPools: [...pools].map(([Id, pool]) => ({ Id, Name: pool.PoolName })) };
    }
    if (command instanceof CreateUserPoolCommand) {
      const Id = `local_pool${nextId++}`;
      pools.set(Id, command.input);
      return { UserPool: { Id, Name: command.input.PoolName } };
    }
    if (command instanceof UpdateUserPoolCommand) {
      if (!pools.has(command.input.UserPoolId!)) throw new Error(`no pool ${command.input.UserPoolId}`);
      return {};
    }
    if (command instanceof ListUserPoolClientsCommand) {
      const inPool = [...clients.values()].filter((c) => c.UserPoolId === command.input.UserPoolId);
      return { UserPoolClients: inPool.map(({ ClientId, ClientName, UserPoolId }) => ({ ClientId, ClientName, UserPoolId })) };
    }
    if (command instanceof CreateUserPoolClientCommand) {
      if (!pools.has(command.input.UserPoolId!)) throw new Error(`no pool ${command.input.UserPoolId}`);
      const ClientId = `client${nextId++}`;
      clients.set(ClientId, { ...command.input, ClientId });
      return { UserPoolClient: { ...command.input, ClientId } };
    }
    if (command instanceof UpdateUserPoolClientCommand) {
      if (!clients.has(command.input.ClientId!)) throw new Error(`no client ${command.input.ClientId}`);
      return { UserPoolClient: command.input };
    }
    throw new Error(`the fake does not implement ${(command as object).constructor.name}`);
  }

  return {
    client: { send } as unknown as CognitoClient,
    pools,
    clients,
    sent,
    sentNamed: (name: string) => sent.filter((command) => command.name === name),
  };
}

const resources: CognitoResources = {
  userPools: [
    {
      logicalId: 'CognitoUserPool',
      input: {
        PoolName: 'hello-auth-local-user-pool',
        UsernameAttributes: ['email'],
        AutoVerifiedAttributes: ['email'],
        Schema: [{ Name: 'email', Required: true }],
        UsernameConfiguration: { CaseSensitive: false },
        Policies: { PasswordPolicy: { MinimumLength: 8, RequireNumbers: true } },
      },
    },
  ],
  clients: [
    {
      logicalId: 'CognitoUserPoolClient',
      userPoolLogicalId: 'CognitoUserPool',
      input: { ClientName: 'hello-auth-local-web-client', ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH'] },
    },
  ],
};

describe('deployCognitoResources', () => {
  it('creates the pool and its client on a first start and returns their ids by logical id', async () => {
    const cognito = fakeCognito();

    const ids = await deployCognitoResources(cognito.client, resources);

    expect(cognito.pools.size).toBe(1);
    expect(cognito.clients.size).toBe(1);
    const [poolId, pool] = [...cognito.pools][0]!;
    const [clientId, client] = [...cognito.clients][0]!;
    expect(pool).toEqual(resources.userPools[0]!.input);
    expect(client).toMatchObject({ ClientName: 'hello-auth-local-web-client', UserPoolId: poolId });
    expect(Object.fromEntries(ids)).toEqual({ CognitoUserPool: poolId, CognitoUserPoolClient: clientId });
    expect(cognito.sentNamed('UpdateUserPoolCommand')).toEqual([]);
    expect(cognito.sentNamed('UpdateUserPoolClientCommand')).toEqual([]);
  });

  it('keeps the same ids on a restart, updating the pool and client instead of creating new ones', async () => {
    const cognito = fakeCognito();
    const firstIds = await deployCognitoResources(cognito.client, resources);
    cognito.sent.length = 0;

    const secondIds = await deployCognitoResources(cognito.client, resources);

    expect(Object.fromEntries(secondIds)).toEqual(Object.fromEntries(firstIds));
    expect(cognito.pools.size).toBe(1);
    expect(cognito.clients.size).toBe(1);
    expect(cognito.sentNamed('CreateUserPoolCommand')).toEqual([]);
    expect(cognito.sentNamed('CreateUserPoolClientCommand')).toEqual([]);

    const [updatePool] = cognito.sentNamed('UpdateUserPoolCommand');
    expect(updatePool?.input).toEqual({
      UserPoolId: firstIds.get('CognitoUserPool'),
      AutoVerifiedAttributes: ['email'],
      Policies: { PasswordPolicy: { MinimumLength: 8, RequireNumbers: true } },
    });
    for (const createOnly of ['PoolName', 'UsernameAttributes', 'Schema', 'AliasAttributes', 'UsernameConfiguration']) {
      expect(updatePool?.input).not.toHaveProperty(createOnly);
    }

    const [updateClient] = cognito.sentNamed('UpdateUserPoolClientCommand');
    expect(updateClient?.input).toEqual({
      UserPoolId: firstIds.get('CognitoUserPool'),
      ClientId: firstIds.get('CognitoUserPoolClient'),
      ClientName: 'hello-auth-local-web-client',
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH'],
    });
  });

  it('leaves a pool with another name alone and creates its own', async () => {
    const cognito = fakeCognito();
    const other = await cognito.client.send(new CreateUserPoolCommand({ PoolName: 'someone-elses-pool' }));
    const otherId = other.UserPool!.Id!;
    cognito.sent.length = 0;

    const ids = await deployCognitoResources(cognito.client, resources);

    expect(cognito.pools.size).toBe(2);
    expect(ids.get('CognitoUserPool')).not.toBe(otherId);
    expect(cognito.pools.get(otherId)).toEqual({ PoolName: 'someone-elses-pool' });
    expect(cognito.sent.filter((command) => command.input.UserPoolId === otherId)).toEqual([]);
  });
});
