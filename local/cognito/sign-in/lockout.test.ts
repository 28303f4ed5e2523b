import { describe, expect, it } from 'vitest';
import { appClient, ctx, fakeCognito, poolUser } from '../testing/fake-cognito.ts';
import { afterFailure, clearPasswordFailures, failuresAt, lockoutMs } from './lockout.ts';

const ada = poolUser('ada', 'ada@example.com', 'CONFIRMED');
const fakePool = () => fakeCognito({ users: [ada], pool: { UsernameAttributes: ['email'] }, clients: [appClient('client-1')] });

describe('the lockout arithmetic', () => {
  it('locks from the fifth failure for 2^(n-5) s, at most 15 minutes', () => {
    expect([4, 5, 6, 7, 14, 15, 30].map(lockoutMs)).toEqual([0, 1000, 2000, 4000, 512_000, 900_000, 900_000]);
  });

  it('forgets a run 15 minutes after the last attempt once it reached a lockout, not before', () => {
    const locked = { count: 5, lockedUntil: 1000, lastAttemptAt: 0 };
    expect(failuresAt(locked, 15 * 60_000 - 1)).toBe(locked);
    expect(failuresAt(locked, 15 * 60_000)).toBeUndefined();
    expect(failuresAt({ count: 4, lockedUntil: 0, lastAttemptAt: 0 }, 60 * 60_000)?.count).toBe(4);
    expect(afterFailure(locked, 15 * 60_000)).toEqual({ count: 1, lockedUntil: 15 * 60_000, lastAttemptAt: 15 * 60_000 });
  });
});

describe('clearPasswordFailures', () => {
  it('clearPasswordFailures forgets a lockout; false for an unknown user', async () => {
    const fake = fakePool();
    await fake.userPool.saveUser(ctx, {
      ...ada,
      PasswordFailures: { count: 9, lockedUntil: fake.clock.now() + 60_000, lastAttemptAt: fake.clock.now() },
    });
    expect(await clearPasswordFailures(fake.services, ctx, 'local_Pool1', 'ada@example.com')).toBe(true);
    expect(fake.stored.get('ada')!.PasswordFailures).toBeUndefined();
    expect(await clearPasswordFailures(fake.services, ctx, 'local_Pool1', 'nobody')).toBe(false);
    await expect(clearPasswordFailures(fake.services, ctx, 'local_Other', 'ada')).rejects.toThrow('User Pool local_Other not found');
  });
});
