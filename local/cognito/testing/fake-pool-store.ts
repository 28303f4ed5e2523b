import { type AppClient, type CognitoService, type Context, ResourceNotFoundError, type UserPool } from '../cognito-local.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { OperationDeps } from '../operations/operation-deps.ts';
import { PoolOAuthStore } from '../pool-oauth-store.ts';
import { NOW } from './operation-testbed.ts';

/** What the fake starts from: its pools (by their Id) and its app clients. */
export interface FakePoolStoreOptions {
  readonly pools?: readonly UserPool[];
  readonly clients?: readonly AppClient[];
}

/**
 * cognito-local's pools and app clients in memory, for the pool and client operations: each
 * write recorded (`writes`), so a test sees that an operation saved once, and what.
 */
export function fakePoolStore(options: FakePoolStoreOptions = {}) {
  const pools = new Map((options.pools ?? []).map((pool) => [pool.Id, pool]));
  const clients = new Map((options.clients ?? []).map((client) => [client.ClientId, client]));
  const writes: Array<['createUserPool' | 'updateOptions', UserPool] | ['saveAppClient', AppClient]> = [];
  const poolService = (id: string) => ({
    get options() {
      return pools.get(id)!;
    },
    updateOptions: async (_ctx: Context, updated: UserPool) => {
      writes.push(['updateOptions', updated]);
      pools.set(id, updated);
    },
    saveAppClient: async (_ctx: Context, client: AppClient) => {
      writes.push(['saveAppClient', client]);
      clients.set(client.ClientId, client);
    },
  });
  const cognito: Pick<CognitoService, 'listUserPools' | 'createUserPool' | 'getUserPool' | 'getAppClient'> = {
    listUserPools: async () => [...pools.values()],
    createUserPool: async (_ctx, pool) => {
      writes.push(['createUserPool', pool]);
      pools.set(pool.Id, pool);
      return pool;
    },
    getUserPool: async (_ctx, id) => {
      if (!pools.has(id)) throw new ResourceNotFoundError(`User Pool ${id} not found`);
      return poolService(id) as unknown as Awaited<ReturnType<CognitoService['getUserPool']>>;
    },
    getAppClient: async (_ctx, id) => clients.get(id) ?? null,
  };
  // The pools' domains, resource servers and identity providers: a real store in a fresh folder.
  const oauth = new PoolOAuthStore(mkdtempSync(path.join(tmpdir(), 'fake-pool-store-')));
  const deps: Pick<OperationDeps, 'cognito' | 'clock'> & { readonly oauth: PoolOAuthStore } = {
    cognito: cognito as CognitoService,
    clock: { get: () => NOW, now: () => NOW.getTime() },
    oauth,
  };
  return { deps, pools, clients, writes, oauth };
}
