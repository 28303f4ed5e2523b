import { describe, expect, it } from 'vitest';
import type { AppClient, User } from './cognito-local.ts';
import { REFRESH_TOKENS_PER_USER } from './refresh-tokens.ts';
import { afterRotation, checkRotationSetting, graceIsOver, rotatedAt, rotates } from './refresh-token-rotation.ts';
import { appClient, poolUser } from './testing/fake-cognito.ts';

const rotating = (RetryGracePeriodSeconds?: number): AppClient =>
  appClient('client-1', { RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds } });
const NOW = Date.UTC(2026, 8, 21);

describe('checkRotationSetting', () => {
  it('takes ENABLED or DISABLED with a grace period of 0 to 60 seconds, or none', () => {
    for (const setting of [
      undefined,
      { Feature: 'DISABLED' as const },
      { Feature: 'ENABLED' as const, RetryGracePeriodSeconds: 0 },
      { Feature: 'ENABLED' as const, RetryGracePeriodSeconds: 60 },
    ]) {
      expect(() => checkRotationSetting(setting)).not.toThrow();
    }
  });

  it('refuses another Feature and a grace period out of range, as Cognito validates a request', () => {
    expect(() => checkRotationSetting({ Feature: 'ON' as never })).toThrow(
      "1 validation error detected: Value 'ON' at 'refreshTokenRotation.feature' failed to satisfy constraint: Member must satisfy enum value set: [ENABLED, DISABLED]",
    );
    expect(() => checkRotationSetting({ Feature: 'ENABLED', RetryGracePeriodSeconds: 61 })).toThrow(
      "1 validation error detected: Value '61' at 'refreshTokenRotation.retryGracePeriodSeconds' failed to satisfy constraint: Member must have value less than or equal to 60",
    );
    expect(() => checkRotationSetting({ Feature: 'x' as never, RetryGracePeriodSeconds: -1 })).toThrow(
      /^2 validation errors detected: .*greater than or equal to 0$/,
    );
  });
});

describe('rotates', () => {
  it('is on only with Feature ENABLED', () => {
    expect(rotates(rotating())).toBe(true);
    expect(rotates(appClient('client-1'))).toBe(false);
    expect(rotates(appClient('client-1', { RefreshTokenRotation: { Feature: 'DISABLED' } }))).toBe(false);
  });
});

describe('afterRotation', () => {
  const ada = poolUser('ada', 'ada@example.com', 'CONFIRMED', { RefreshTokens: ['other-device', 'used'] });

  it('without a grace period, swaps the used token for the new one and records when it was used', () => {
    const after = afterRotation(ada, rotating(0), 'used', 'issued', NOW);
    expect(after.RefreshTokens).toEqual(['other-device', 'issued']);
    expect(after.RotatedRefreshTokens).toEqual([{ Token: 'used', RotatedAt: NOW }]);
  });

  it('with a grace period, keeps the used token held until a later rotation finds its grace over', () => {
    const client = rotating(10);
    const first = afterRotation(ada, client, 'used', 'issued', NOW);
    expect(first.RefreshTokens).toEqual(['other-device', 'used', 'issued']);
    // A retry within the grace period: the first use's time stays.
    const retry = afterRotation(first, client, 'used', 'issued-again', NOW + 5_000);
    expect(rotatedAt(retry, 'used')).toBe(NOW);
    const later = afterRotation(retry, client, 'issued', 'newest', NOW + 10_001);
    expect(later.RefreshTokens).toEqual(['other-device', 'issued', 'issued-again', 'newest']);
    expect(graceIsOver(client, NOW, NOW + 10_000)).toBe(false);
    expect(graceIsOver(client, NOW, NOW + 10_001)).toBe(true);
  });

  it('keeps both lists to the latest 50', () => {
    const many: User = {
      ...ada,
      RefreshTokens: Array.from({ length: REFRESH_TOKENS_PER_USER }, (_, i) => `held-${i}`),
      RotatedRefreshTokens: Array.from({ length: REFRESH_TOKENS_PER_USER }, (_, i) => ({ Token: `old-${i}`, RotatedAt: NOW + 60_000 })),
    };
    const after = afterRotation(many, rotating(60), 'held-49', 'issued', NOW + 60_000);
    expect(after.RefreshTokens).toHaveLength(REFRESH_TOKENS_PER_USER);
    expect(after.RefreshTokens.at(-1)).toBe('issued');
    expect(after.RotatedRefreshTokens).toHaveLength(REFRESH_TOKENS_PER_USER);
    expect(after.RotatedRefreshTokens?.at(-1)).toEqual({ Token: 'held-49', RotatedAt: NOW + 60_000 });
  });
});
