import type { User, UserPoolService, UserPoolServiceFactory } from './cognito-local.ts';
import { describe, expect, it } from 'vitest';
import { RecentRefreshTokens, REFRESH_TOKENS_PER_USER } from './refresh-tokens.ts';

/** A pool service that keeps the last user saved. */
function poolSaving() {
  const saved: User[] = [];
  const pool = { saveUser: async (_ctx: unknown, user: User) => void saved.push(user) } as unknown as UserPoolService;
  const factory: UserPoolServiceFactory = { create: async () => pool };
  return { saved, factory };
}

const ctx = {} as never;

describe('RecentRefreshTokens', () => {
  it("adds a refresh token to the user's", async () => {
    const { saved, factory } = poolSaving();
    const pool = await new RecentRefreshTokens(factory).create(ctx, {} as never, {} as never);
    await pool.storeRefreshToken(ctx, 'second', { Username: 'ada', RefreshTokens: ['first'] } as User);
    expect(saved.at(-1)).toEqual({ Username: 'ada', RefreshTokens: ['first', 'second'] });
  });

  it('starts the list for a user who has none', async () => {
    const { saved, factory } = poolSaving();
    const pool = await new RecentRefreshTokens(factory).create(ctx, {} as never, {} as never);
    await pool.storeRefreshToken(ctx, 'first', { Username: 'ada' } as User);
    expect(saved.at(-1)?.RefreshTokens).toEqual(['first']);
  });

  it(`keeps the latest ${REFRESH_TOKENS_PER_USER} and drops the oldest`, async () => {
    const { saved, factory } = poolSaving();
    const pool = await new RecentRefreshTokens(factory).create(ctx, {} as never, {} as never);
    const full = Array.from({ length: REFRESH_TOKENS_PER_USER }, (_, i) => `token-${i}`);
    await pool.storeRefreshToken(ctx, 'newest', { Username: 'ada', RefreshTokens: full } as User);
    const kept = saved.at(-1)!.RefreshTokens;
    expect(kept).toHaveLength(REFRESH_TOKENS_PER_USER);
    expect(kept[0]).toBe('token-1');
    expect(kept.at(-1)).toBe('newest');
  });
});
