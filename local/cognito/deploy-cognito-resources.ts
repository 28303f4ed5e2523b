import {
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
  UpdateUserPoolClientCommand,
  UpdateUserPoolCommand,
  type CognitoIdentityProviderClient,
  type UpdateUserPoolCommandInput,
} from '@aws-sdk/client-cognito-identity-provider';
import type { CognitoResources, UserPoolResource } from './template-resources.ts';

type CognitoClient = Pick<CognitoIdentityProviderClient, 'send'>;

/** Logical id (as in serverless.yml) → physical id (as created in the emulator). */
export type PhysicalIds = ReadonlyMap<string, string>;

/**
 * Creates the template's user pools and app clients in the emulator, or updates the ones an
 * earlier start created (found by name), so that a restart keeps the same ids and users.
 */
export async function deployCognitoResources(cognito: CognitoClient, resources: CognitoResources): Promise<PhysicalIds> {
  const ids = new Map<string, string>();
  for (const pool of resources.userPools) {
    ids.set(pool.logicalId, await upsertUserPool(cognito, pool));
  }
  for (const client of resources.clients) {
    const userPoolId = ids.get(client.userPoolLogicalId)!;
    const { UserPoolClients = [] } = await cognito.send(new ListUserPoolClientsCommand({ UserPoolId: userPoolId, MaxResults: 60 }));
    const existing = UserPoolClients.find((c) => c.ClientName === client.input.ClientName);
    if (existing?.ClientId) {
      await cognito.send(new UpdateUserPoolClientCommand({ ...client.input, UserPoolId: userPoolId, ClientId: existing.ClientId }));
      ids.set(client.logicalId, existing.ClientId);
    } else {
      const created = await cognito.send(new CreateUserPoolClientCommand({ ...client.input, UserPoolId: userPoolId }));
      ids.set(client.logicalId, created.UserPoolClient!.ClientId!);
    }
  }
  return ids;
}

async function upsertUserPool(cognito: CognitoClient, pool: UserPoolResource): Promise<string> {
  const { UserPools = [] } = await cognito.send(new ListUserPoolsCommand({ MaxResults: 60 }));
  const existing = UserPools.find((p) => p.Name === pool.input.PoolName);
  if (!existing?.Id) {
    const created = await cognito.send(new CreateUserPoolCommand(pool.input));
    return created.UserPool!.Id!;
  }
  await cognito.send(new UpdateUserPoolCommand({ ...updatableSettings(pool), UserPoolId: existing.Id }));
  return existing.Id;
}

/** UpdateUserPool refuses the settings that, on AWS, only a new pool can change. */
function updatableSettings(pool: UserPoolResource): Omit<UpdateUserPoolCommandInput, 'UserPoolId'> {
  const { PoolName, UsernameAttributes, AliasAttributes, Schema, UsernameConfiguration, ...updatable } = pool.input;
  return updatable;
}
