import { AsyncLocalStorage } from 'node:async_hooks';
import { decodeJwt } from 'jose';
import type { Context, Router, Services, UserPool, UserPoolService, UserPoolServiceFactory } from '../cognito-local.ts';

export type LambdaConfig = NonNullable<UserPool['LambdaConfig']>;

const poolInScope = new AsyncLocalStorage<UserPool>();

/** The user pool the operation being answered works on, when it has triggers. */
export const poolInScopeOf = (): UserPool | undefined => poolInScope.getStore();

/** Whether a pool's LambdaConfig names any function (cognito-local stores `{}` for none). */
export const hasTriggers = (config: LambdaConfig | undefined): boolean =>
  config !== undefined && Object.values(config).some((value) => value !== undefined && value !== null);

/**
 * cognito-local's user pool services, each kept in view, so that an operation can tell at once,
 * without I/O, whether any pool has triggers (most have none, and sign-in pays nothing then).
 */
export class TriggerAwarePools implements UserPoolServiceFactory {
  readonly #pools = new Set<UserPoolService>();

  constructor(private readonly pools: UserPoolServiceFactory) {}

  async create(...args: Parameters<UserPoolServiceFactory['create']>): Promise<UserPoolService> {
    const pool = await this.pools.create(...args);
    this.#pools.add(pool);
    return pool;
  }

  /** True when some pool (a deleted one included, until restart) has a trigger. */
  anyTriggers(): boolean {
    for (const pool of this.#pools) if (hasTriggers(pool.options.LambdaConfig)) return true;
    return false;
  }
}

/**
 * Runs each operation with its user pool in scope (poolInScopeOf), so that cognito-local's
 * `triggers.enabled(name)`, which has no pool argument, answers for that pool. The pool is the
 * request's UserPoolId, its ClientId's, or its access token's client's. Nothing is looked up
 * while no pool has triggers.
 */
export function withTriggerScope(router: Router, { cognito }: Pick<Services, 'cognito'>, anyTriggers: () => boolean): Router {
  return (target) => {
    const route = router(target);
    return (ctx, req) => {
      if (!anyTriggers()) return route(ctx, req);
      return poolOf(ctx, cognito, req).then((pool) =>
        pool && hasTriggers(pool.LambdaConfig) ? poolInScope.run(pool, () => route(ctx, req)) : route(ctx, req),
      );
    };
  };
}

interface PoolKeys {
  readonly UserPoolId?: unknown;
  readonly ClientId?: unknown;
  readonly AccessToken?: unknown;
}

/** The pool a request names; undefined when it names none that exists (the operation says so itself). */
async function poolOf(ctx: Context, cognito: Services['cognito'], req: PoolKeys | undefined): Promise<UserPool | undefined> {
  try {
    if (typeof req?.UserPoolId === 'string') return (await cognito.getUserPool(ctx, req.UserPoolId)).options;
    const clientId = typeof req?.ClientId === 'string' ? req.ClientId : accessTokenClient(req?.AccessToken);
    if (clientId !== undefined) return (await cognito.getUserPoolForClientId(ctx, clientId)).options;
  } catch {
    // An unknown pool or client: the operation answers that.
  }
  return undefined;
}

/** The app client an access token names (unverified: only to find the pool; the operation checks the token). */
function accessTokenClient(token: unknown): string | undefined {
  if (typeof token !== 'string') return undefined;
  try {
    const clientId = decodeJwt(token).client_id;
    return typeof clientId === 'string' ? clientId : undefined;
  } catch {
    return undefined;
  }
}
