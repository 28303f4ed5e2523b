import { describe, expect, it } from 'vitest';
import { ctx, rejection } from '../testing/fake-cognito.ts';
import { oauthStoreTestbed } from '../testing/oauth-store-testbed.ts';
import {
  createResourceServer,
  deleteResourceServer,
  describeResourceServer,
  listResourceServers,
  updateResourceServer,
} from './resource-servers.ts';

const UserPoolId = 'local_Pool1';
const READ = { ScopeName: 'orders.read', ScopeDescription: 'Reads orders' };
const WRITE = { ScopeName: 'orders.write', ScopeDescription: 'Writes orders' };

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateResourceServer.html
describe('resource servers', () => {
  it('creates, describes, lists, updates and deletes a server', async () => {
    const { deps } = oauthStoreTestbed();
    const created = await createResourceServer(deps, ctx, {
      UserPoolId,
      Identifier: 'https://api.example.com',
      Name: 'orders',
      Scopes: [READ],
    });
    expect(created.ResourceServer).toEqual({ UserPoolId, Identifier: 'https://api.example.com', Name: 'orders', Scopes: [READ] });
    expect(await describeResourceServer(deps, ctx, { UserPoolId, Identifier: 'https://api.example.com' })).toEqual(created);
    // UpdateResourceServer replaces the scopes: one left out is gone.
    await updateResourceServer(deps, ctx, { UserPoolId, Identifier: 'https://api.example.com', Name: 'orders api', Scopes: [WRITE] });
    expect((await listResourceServers(deps, ctx, { UserPoolId, MaxResults: 10 })).ResourceServers).toEqual([
      { UserPoolId, Identifier: 'https://api.example.com', Name: 'orders api', Scopes: [WRITE] },
    ]);
    await deleteResourceServer(deps, ctx, { UserPoolId, Identifier: 'https://api.example.com' });
    expect(await listResourceServers(deps, ctx, { UserPoolId, MaxResults: 10 })).toEqual({ ResourceServers: [] });
  });

  it('lists a page at a time', async () => {
    const { deps } = oauthStoreTestbed();
    for (const name of ['a', 'b', 'c']) await createResourceServer(deps, ctx, { UserPoolId, Identifier: name, Name: name });
    const first = await listResourceServers(deps, ctx, { UserPoolId, MaxResults: 2 });
    expect(first.ResourceServers?.map((server) => server.Identifier)).toEqual(['a', 'b']);
    const second = await listResourceServers(deps, ctx, { UserPoolId, MaxResults: 2, NextToken: first.NextToken });
    expect(second).toEqual({ ResourceServers: [{ UserPoolId, Identifier: 'c', Name: 'c', Scopes: [] }] });
  });

  it('refuses an identifier the pool has', async () => {
    const { deps } = oauthStoreTestbed();
    await createResourceServer(deps, ctx, { UserPoolId, Identifier: 'orders', Name: 'orders' });
    const error = await rejection(createResourceServer(deps, ctx, { UserPoolId, Identifier: 'orders', Name: 'again' }));
    expect([error.code, error.message]).toEqual(['InvalidParameterException', `orders already exists in user pool ${UserPoolId}.`]);
  });

  // https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ResourceServerScopeType.html
  it('refuses a scope name outside its pattern (no slash, no space)', async () => {
    const error = await rejection(
      createResourceServer(oauthStoreTestbed().deps, ctx, {
        UserPoolId,
        Identifier: 'orders',
        Name: 'orders',
        Scopes: [{ ScopeName: 'orders/read', ScopeDescription: 'x' }],
      }),
    );
    expect(error.code).toBe('InvalidParameterException');
    expect(error.message).toMatch(
      /^1 validation error detected: Value 'orders\/read' at 'scopes.1.member.scopeName' failed to satisfy constraint/,
    );
  });

  // https://docs.aws.amazon.com/cognito/latest/developerguide/quotas.html
  it('refuses a 26th server', async () => {
    const { deps } = oauthStoreTestbed();
    for (let i = 0; i < 25; i++) await createResourceServer(deps, ctx, { UserPoolId, Identifier: `api-${i}`, Name: 'api' });
    const error = await rejection(createResourceServer(deps, ctx, { UserPoolId, Identifier: 'api-25', Name: 'api' }));
    expect(error.code).toBe('LimitExceededException');
  });

  it.each([
    ['describe', () => describeResourceServer],
    ['update', () => updateResourceServer],
    ['delete', () => deleteResourceServer],
  ] as const)('%s answers ResourceNotFoundException for a server the pool does not have', async (_name, operation) => {
    const error = await rejection(operation()(oauthStoreTestbed().deps, ctx, { UserPoolId, Identifier: 'nope', Name: 'nope' }));
    expect(error.code).toBe('ResourceNotFoundException');
  });

  it('refuses a pool that does not exist', async () => {
    const error = await rejection(
      createResourceServer(oauthStoreTestbed().deps, ctx, { UserPoolId: 'local_Nope', Identifier: 'x', Name: 'x' }),
    );
    expect(error.code).toBe('ResourceNotFoundException');
  });
});
