import { describe, expect, it } from 'vitest';
import { TokenCache } from './token-cache.ts';

/** A clock the test moves by hand, in epoch milliseconds. */
function fakeClock(startMs: number) {
  const clock = { ms: startMs, now: () => clock.ms };
  return clock;
}

const START_MS = 1_718_722_804_000;
/** A token expiry far beyond any TTL in these tests, in epoch seconds. */
const FAR_EXPIRY = START_MS / 1000 + 24 * 3600;

describe('TokenCache', () => {
  it('returns the stored value within the TTL', () => {
    const clock = fakeClock(START_MS);
    const cache = new TokenCache<string>(300, clock.now);
    cache.set('token-a', 'claims-a', FAR_EXPIRY);
    clock.ms = START_MS + 299_999;
    expect(cache.get('token-a')).toBe('claims-a');
  });

  it('returns nothing once the TTL has passed', () => {
    const clock = fakeClock(START_MS);
    const cache = new TokenCache<string>(300, clock.now);
    cache.set('token-a', 'claims-a', FAR_EXPIRY);
    clock.ms = START_MS + 300_000;
    expect(cache.get('token-a')).toBeUndefined();
  });

  it('stays empty for a token once it has expired, even when the clock goes back', () => {
    const clock = fakeClock(START_MS);
    const cache = new TokenCache<string>(300, clock.now);
    cache.set('token-a', 'claims-a', FAR_EXPIRY);
    clock.ms = START_MS + 300_000;
    cache.get('token-a');
    clock.ms = START_MS;
    expect(cache.get('token-a')).toBeUndefined();
  });

  it("never returns a value past the token's expiresAt, even when the TTL is longer", () => {
    const clock = fakeClock(START_MS);
    const cache = new TokenCache<string>(3600, clock.now);
    const expiresAt = START_MS / 1000 + 60;
    cache.set('token-a', 'claims-a', expiresAt);
    clock.ms = expiresAt * 1000 - 1;
    expect(cache.get('token-a')).toBe('claims-a');
    clock.ms = expiresAt * 1000;
    expect(cache.get('token-a')).toBeUndefined();
  });

  it('stores nothing for a token that has already expired', () => {
    const clock = fakeClock(START_MS);
    const cache = new TokenCache<string>(300, clock.now);
    cache.set('token-a', 'claims-a', START_MS / 1000 - 1);
    expect(cache.get('token-a')).toBeUndefined();
  });

  it('stores nothing with a TTL of 0', () => {
    const clock = fakeClock(START_MS);
    const cache = new TokenCache<string>(0, clock.now);
    cache.set('token-a', 'claims-a', FAR_EXPIRY);
    expect(cache.get('token-a')).toBeUndefined();
  });

  it('keeps different tokens apart', () => {
    const clock = fakeClock(START_MS);
    const cache = new TokenCache<string>(300, clock.now);
    cache.set('token-a', 'claims-a', FAR_EXPIRY);
    expect(cache.get('token-b')).toBeUndefined();
    clock.ms = START_MS + 200_000;
    cache.set('token-b', 'claims-b', FAR_EXPIRY);
    expect(cache.get('token-a')).toBe('claims-a');
    expect(cache.get('token-b')).toBe('claims-b');
    // token-a's TTL ends first; token-b's runs on from its own set.
    clock.ms = START_MS + 300_000;
    expect(cache.get('token-a')).toBeUndefined();
    expect(cache.get('token-b')).toBe('claims-b');
  });

  it('drops the oldest token beyond 10,000 entries', () => {
    const clock = fakeClock(START_MS);
    const cache = new TokenCache<number>(300, clock.now);
    for (let i = 0; i <= 10_000; i++) cache.set(`token-${i}`, i, FAR_EXPIRY);
    expect(cache.get('token-0')).toBeUndefined();
    expect(cache.get('token-1')).toBe(1);
    expect(cache.get('token-10000')).toBe(10_000);
  });
});
