import type { User, UserPoolService, UserPoolServiceFactory } from './cognito-local.ts';
import { describe, expect, it } from 'vitest';
import { RecentRefreshTokens, REFRESH_TOKENS_PER_USER } from './refresh-tokens.ts';

/** A pool service in memory, holding `users`, that records each user saved; each read yields, as the file store's does. */
function poolSaving(...users: User[]) {
  const saved: User[] = [];
  const held = new Map(users.map((user) => [user.Username, user]));
  const pool = {
    options: { Id: 'local_Pool1' },
    getUserByUsername: async (_ctx: unknown, username: string) => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return held.get(username) ?? null;
    },
    saveUser: async (_ctx: unknown, user: User) => {
      saved.push(user);
      held.set(user.Username, user);
    },
  } as unknown as UserPoolService;
  const factory: UserPoolServiceFactory = { create: async () => pool };
  return { saved, factory };
}

const ctx = {} as never;

describe('RecentRefreshTokens', () => {
  it("adds a refresh token to the user's", async () => {
    const ada = { Username: 'ada', RefreshTokens: ['first'] } as User;
    const { saved, factory } = poolSaving(ada);
    const pool = await new RecentRefreshTokens(factory).create(ctx, {} as never, {} as never);
    await pool.storeRefreshToken(ctx, 'second', ada);
    expect(saved.at(-1)).toEqual({ Username: 'ada', RefreshTokens: ['first', 'second'] });
  });

  it('starts the list for a user who has none', async () => {
    const ada = { Username: 'ada' } as User;
    const { saved, factory } = poolSaving(ada);
    const pool = await new RecentRefreshTokens(factory).create(ctx, {} as never, {} as never);
    await pool.storeRefreshToken(ctx, 'first', ada);
    expect(saved.at(-1)?.RefreshTokens).toEqual(['first']);
  });

  it(`keeps the latest ${REFRESH_TOKENS_PER_USER} and drops the oldest`, async () => {
    const full = Array.from({ length: REFRESH_TOKENS_PER_USER }, (_, i) => `token-${i}`);
    const ada = { Username: 'ada', RefreshTokens: full } as User;
    const { saved, factory } = poolSaving(ada);
    const pool = await new RecentRefreshTokens(factory).create(ctx, {} as never, {} as never);
    await pool.storeRefreshToken(ctx, 'newest', ada);
    const kept = saved.at(-1)!.RefreshTokens;
    expect(kept).toHaveLength(REFRESH_TOKENS_PER_USER);
    expect(kept[0]).toBe('token-1');
    expect(kept.at(-1)).toBe('newest');
  });

  it('keeps every refresh token of sign-ins of one user at the same time, each added to the user as they are then', async () => {
    const ada = { Username: 'ada', RefreshTokens: ['first'], PasswordFailures: undefined } as User;
    const { saved, factory } = poolSaving(ada);
    const pool = await new RecentRefreshTokens(factory).create(ctx, {} as never, {} as never);
    // Each sign-in passes the copy it read before the others saved.
    await Promise.all(['a', 'b', 'c'].map((token) => pool.storeRefreshToken(ctx, token, ada)));
    expect(saved.at(-1)?.RefreshTokens).toEqual(['first', 'a', 'b', 'c']);
  });
});
