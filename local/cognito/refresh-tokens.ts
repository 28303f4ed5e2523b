import type { Context } from 'cognito-local/lib/services/context.js';
import type { DataStore } from 'cognito-local/lib/services/dataStore/dataStore.js';
import type { User, UserPool, UserPoolService, UserPoolServiceFactory } from 'cognito-local/lib/services/userPoolService.js';

/** How many refresh tokens the emulator keeps per user; signing in again drops the oldest. */
export const REFRESH_TOKENS_PER_USER = 50;

/**
 * cognito-local keeps every refresh token a user was ever issued in the pool file, so each
 * sign-in made the file, and every later write of it, bigger. This keeps each user's latest
 * {@link REFRESH_TOKENS_PER_USER}: plenty for a developer's browsers and devices.
 */
export class RecentRefreshTokens implements UserPoolServiceFactory {
  constructor(private readonly pools: UserPoolServiceFactory) {}

  async create(ctx: Context, clientsDataStore: DataStore, defaultOptions: UserPool): Promise<UserPoolService> {
    const pool = await this.pools.create(ctx, clientsDataStore, defaultOptions);
    pool.storeRefreshToken = (ctx: Context, refreshToken: string, user: User) =>
      pool.saveUser(ctx, { ...user, RefreshTokens: [...(user.RefreshTokens ?? []), refreshToken].slice(-REFRESH_TOKENS_PER_USER) });
    return pool;
  }
}
