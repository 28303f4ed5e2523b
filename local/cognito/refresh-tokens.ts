import { RefreshTokenKeeping } from './cognito-local.ts';

/** How many refresh tokens the emulator keeps per user; signing in again drops the oldest. */
export const REFRESH_TOKENS_PER_USER = 50;

/**
 * cognito-local keeps every refresh token a user was ever issued in the pool file, so each
 * sign-in made the file, and every later write of it, bigger. This keeps each user's latest
 * {@link REFRESH_TOKENS_PER_USER}: plenty for a developer's browsers and devices.
 */
export class RecentRefreshTokens extends RefreshTokenKeeping {
  protected kept(tokens: readonly string[], newest: string): string[] {
    return [...tokens, newest].slice(-REFRESH_TOKENS_PER_USER);
  }
}
