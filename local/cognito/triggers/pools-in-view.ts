import type { UserPool, UserPoolService, UserPoolServiceFactory } from '../cognito-local.ts';
import { type EmulatedTrigger, triggerFunction } from './lambda-config.ts';

/** Where the triggers find a pool's settings (its LambdaConfig, its local Lambda URL tag) by id, without I/O. */
export interface PoolsInView {
  /** The pool `userPoolId` names, as it is now; undefined for none. */
  poolOf(userPoolId: string): UserPool | undefined;
  /** Whether some pool has `trigger`: most have none, and an operation then pays nothing more. */
  anyHas(trigger: EmulatedTrigger): boolean;
}

/** No pools: what the triggers see until the emulator's pools are in view. */
export const NO_POOLS: PoolsInView = { poolOf: () => undefined, anyHas: () => false };

/**
 * cognito-local's user pool services, each kept in view, so that a trigger finds its pool's
 * settings by the id its event names, and an operation can tell at once whether any pool has a
 * trigger. (cognito-local's services are made once per pool and updated in place.)
 */
export class TriggerAwarePools implements UserPoolServiceFactory, PoolsInView {
  readonly #pools = new Map<string, UserPoolService>();

  constructor(private readonly pools: UserPoolServiceFactory) {}

  async create(...args: Parameters<UserPoolServiceFactory['create']>): Promise<UserPoolService> {
    const pool = await this.pools.create(...args);
    this.#pools.set(pool.options.Id, pool);
    return pool;
  }

  poolOf(userPoolId: string): UserPool | undefined {
    return this.#pools.get(userPoolId)?.options;
  }

  /** True when some pool (a deleted one included, until restart) has `trigger`. */
  anyHas(trigger: EmulatedTrigger): boolean {
    for (const pool of this.#pools.values()) if (triggerFunction(pool.options.LambdaConfig, trigger) !== undefined) return true;
    return false;
  }
}
