import type { RefreshTokenRotationType } from '@aws-sdk/client-cognito-identity-provider';
import { invalidRotationSetting } from './cognito-answers.ts';
import type {} from './app-client-record.ts';
import type { AppClient, User } from './cognito-local.ts';
import { REFRESH_TOKENS_PER_USER } from './refresh-tokens.ts';
import type {} from './user-record.ts';

/**
 * Refresh-token rotation, as an app client's `RefreshTokenRotation` asks for it: a refresh through
 * GetTokensFromRefreshToken returns a new refresh token of the same origin (the access tokens
 * already issued stay live), and the one it replaces keeps working for `RetryGracePeriodSeconds`
 * after its first use, for a client's retries, then is refused.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-refresh-token.html#using-the-refresh-token-rotation
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RefreshTokenRotationType.html
 */

/** The longest grace period AWS allows (API_RefreshTokenRotationType: 0 to 60). */
export const MAX_RETRY_GRACE_SECONDS = 60;

/** Whether the client rotates refresh tokens. */
export function rotates(client: AppClient): boolean {
  return client.RefreshTokenRotation?.Feature === 'ENABLED';
}

/**
 * The grace period in ms. AWS documents RetryGracePeriodSeconds as optional and no default: 0
 * (the replaced token refused at once) is the strict side.
 */
export function retryGraceMs(client: AppClient): number {
  return (client.RefreshTokenRotation?.RetryGracePeriodSeconds ?? 0) * 1000;
}

/**
 * The RefreshTokenRotation a Create/UpdateUserPoolClient request may carry, checked as Cognito's
 * model constrains it (Feature ENABLED or DISABLED, RetryGracePeriodSeconds 0 to 60), with its
 * validation message's shape; the required Feature is checked by the front door.
 */
export function checkRotationSetting(setting: RefreshTokenRotationType | undefined): void {
  if (setting === undefined) return;
  const problems: string[] = [];
  if (setting.Feature !== undefined && setting.Feature !== 'ENABLED' && setting.Feature !== 'DISABLED') {
    problems.push(
      `Value '${String(setting.Feature)}' at 'refreshTokenRotation.feature' failed to satisfy constraint: Member must satisfy enum value set: [ENABLED, DISABLED]`,
    );
  }
  const grace = setting.RetryGracePeriodSeconds;
  if (grace !== undefined && (!Number.isInteger(grace) || grace < 0 || grace > MAX_RETRY_GRACE_SECONDS)) {
    const bound = grace < 0 ? 'greater than or equal to 0' : `less than or equal to ${MAX_RETRY_GRACE_SECONDS}`;
    problems.push(
      `Value '${grace}' at 'refreshTokenRotation.retryGracePeriodSeconds' failed to satisfy constraint: Member must have value ${bound}`,
    );
  }
  if (problems.length > 0) throw invalidRotationSetting(problems);
}

/** When `token` was rotated out for `user`, if it was. */
export function rotatedAt(user: User, token: string): number | undefined {
  return user.RotatedRefreshTokens?.find((rotated) => rotated.Token === token)?.RotatedAt;
}

/** Whether `token`, rotated out at `rotated`, is past the client's grace period at `now`. */
export function graceIsOver(client: AppClient, rotated: number, now: number): boolean {
  return now > rotated + retryGraceMs(client);
}

/**
 * The user after a rotating refresh with `used`: `issued` added to the refresh tokens they hold,
 * `used` kept while its grace period lasts and recorded as rotated at its first use, tokens whose
 * grace is over dropped. Both lists keep the latest {@link REFRESH_TOKENS_PER_USER}. One save.
 */
export function afterRotation(user: User, client: AppClient, used: string, issued: string, now: number): User {
  const previous = user.RotatedRefreshTokens ?? [];
  const rotated = previous.some((entry) => entry.Token === used) ? previous : [...previous, { Token: used, RotatedAt: now }];
  const expired = new Set(rotated.filter((entry) => graceIsOver(client, entry.RotatedAt, now)).map((entry) => entry.Token));
  const held = user.RefreshTokens.filter((token) => !expired.has(token) && (token !== used || retryGraceMs(client) > 0));
  return {
    ...user,
    RefreshTokens: [...held, issued].slice(-REFRESH_TOKENS_PER_USER),
    RotatedRefreshTokens: rotated.slice(-REFRESH_TOKENS_PER_USER),
  };
}
