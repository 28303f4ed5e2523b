import type { CustomDomainConfigType, IdentityProviderType, ResourceServerType } from '@aws-sdk/client-cognito-identity-provider';
import type { Context, DataStore } from './cognito-local.ts';
import { JsonFileStoreFactory } from './json-file-store.ts';
import { OneAtATime } from './one-at-a-time.ts';
import type { PoolOAuthConfigs, PoolOAuthSettings } from './managed-login/pool-oauth-settings.ts';

/** A pool's domain as CreateUserPoolDomain (or UpdateUserPoolDomain) left it. */
export interface PoolDomainRecord {
  /** A prefix (`auth`) or a custom domain's full name (`auth.example.com`). */
  readonly Domain: string;
  /** Set for a custom domain: its certificate. */
  readonly CustomDomainConfig?: CustomDomainConfigType;
  /** 1: the classic hosted UI; 2: managed login. */
  readonly ManagedLoginVersion?: number;
}

/** What one pool has, as stored. */
interface PoolRecord {
  readonly domain?: PoolDomainRecord;
  readonly resourceServers?: readonly ResourceServerType[];
  readonly identityProviders?: readonly IdentityProviderType[];
}

/** The file's name in the data folder (beside `db/`: cognito-local reads every `db/*.json` as a pool). */
export const POOL_OAUTH_FILE = 'pool-oauth';

/**
 * Each pool's domain, resource servers and identity providers, in `<dataDir>/pool-oauth.json`:
 * what cognito-local has no place for. Written as json-file-store.ts writes the pools (atomically,
 * in the background; a change resolves once the file holds it), and read back after a restart; a
 * file that is not JSON stops the start with json-file-store.ts's DataFileError.
 */
export class PoolOAuthStore implements PoolOAuthConfigs {
  readonly #files: JsonFileStoreFactory;
  readonly #changes = new OneAtATime();
  #opened: Promise<DataStore> | undefined;

  constructor(dataDir: string) {
    this.#files = new JsonFileStoreFactory(dataDir);
  }

  /** Reads the file now, so that a broken one stops the start rather than a later request. */
  async init(): Promise<void> {
    await this.#store;
  }

  /**
   * Runs `change` (an operation that reads, checks and saves) after the changes queued before it:
   * two concurrent CreateUserPoolDomain of one prefix cannot both find it free.
   */
  exclusively<T>(change: () => Promise<T>): Promise<T> {
    return this.#changes.run('pool-oauth', change);
  }

  /** The file, read on first use. */
  get #store(): Promise<DataStore> {
    this.#opened ??= this.#files.create(undefined, POOL_OAUTH_FILE, { Pools: {} });
    return this.#opened;
  }

  async settingsOf(ctx: Context, userPoolId: string): Promise<PoolOAuthSettings> {
    const pool = await this.#pool(ctx, userPoolId);
    return {
      ...(pool.domain && {
        domain: pool.domain.Domain,
        customDomain: pool.domain.CustomDomainConfig !== undefined,
        managedLoginVersion: pool.domain.ManagedLoginVersion,
      }),
      resourceServers: pool.resourceServers ?? [],
      identityProviders: pool.identityProviders ?? [],
    };
  }

  /** The pool's domain, undefined when it has none. */
  async domainOf(ctx: Context, userPoolId: string): Promise<PoolDomainRecord | undefined> {
    return (await this.#pool(ctx, userPoolId)).domain;
  }

  /** The pool whose domain is `domain` (domains are unique across the pools), with the domain. */
  async poolOfDomain(ctx: Context, domain: string): Promise<{ userPoolId: string; domain: PoolDomainRecord } | undefined> {
    const pools = await (await this.#store).get<Record<string, PoolRecord>>(ctx, 'Pools', {});
    for (const [userPoolId, pool] of Object.entries(pools)) {
      if (pool.domain?.Domain === domain) return { userPoolId, domain: structuredClone(pool.domain) };
    }
    return undefined;
  }

  /** Sets (or, with undefined, removes) the pool's domain. */
  async saveDomain(ctx: Context, userPoolId: string, domain: PoolDomainRecord | undefined): Promise<void> {
    await this.#save(ctx, userPoolId, 'domain', domain);
  }

  /** Replaces the pool's resource servers (in the order ListResourceServers answers them). */
  async saveResourceServers(ctx: Context, userPoolId: string, servers: readonly ResourceServerType[]): Promise<void> {
    await this.#save(ctx, userPoolId, 'resourceServers', servers);
  }

  /** Replaces the pool's identity providers. */
  async saveIdentityProviders(ctx: Context, userPoolId: string, providers: readonly IdentityProviderType[]): Promise<void> {
    await this.#save(ctx, userPoolId, 'identityProviders', providers);
  }

  /** Forgets everything of a pool (DeleteUserPool). */
  async forgetPool(ctx: Context, userPoolId: string): Promise<void> {
    await (await this.#store).delete(ctx, ['Pools', userPoolId]);
  }

  async #pool(ctx: Context, userPoolId: string): Promise<PoolRecord> {
    // A copy: what a caller does with it never changes the store behind its back.
    return structuredClone(await (await this.#store).get<PoolRecord>(ctx, ['Pools', userPoolId], {}));
  }

  async #save(ctx: Context, userPoolId: string, key: keyof PoolRecord, value: unknown): Promise<void> {
    const store = await this.#store;
    if (value === undefined) await store.delete(ctx, ['Pools', userPoolId, key]);
    else await store.set(ctx, ['Pools', userPoolId, key], structuredClone(value));
  }
}
