import { randomUUID } from 'node:crypto';
import type { Clock } from '../../clock.ts';

/**
 * What an authorization code stands for: who signed in, to which client, for which redirect and
 * scopes, with the PKCE challenge the token request must answer.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/authorization-endpoint.html
 * https://docs.aws.amazon.com/cognito/latest/developerguide/using-pkce-in-authorization-code.html
 */
export interface AuthorizationGrant {
  readonly userPoolId: string;
  readonly clientId: string;
  /** The redirect_uri of the authorize request: the token request must send the same. */
  readonly redirectUri: string;
  /** The user's Username in the pool. */
  readonly username: string;
  /** The scopes granted (requested ∩ the client's AllowedOAuthScopes). */
  readonly scopes: readonly string[];
  /** The authorize request's nonce, for the ID token. */
  readonly nonce?: string;
  readonly codeChallenge?: string;
  readonly codeChallengeMethod?: 'S256' | 'plain';
  /** When the user signed in (epoch seconds): the tokens' `auth_time`. */
  readonly authTime: number;
}

/** How long a code can be redeemed: Cognito's authorization codes are valid for five minutes. */
export const AUTHORIZATION_CODE_LIFETIME_MS = 5 * 60_000;

/**
 * The authorization codes given out and not yet redeemed, in memory (a restart forgets them, as
 * a code older than five minutes is forgotten anyway). A code is redeemed once: the second
 * redemption finds nothing, as does an expired code.
 */
export class AuthorizationCodes {
  readonly #grants = new Map<string, { readonly grant: AuthorizationGrant; readonly expiresAt: number }>();

  constructor(private readonly clock: Clock) {}

  /** A new code for `grant`. */
  issue(grant: AuthorizationGrant): string {
    this.#forgetExpired();
    const code = randomUUID();
    this.#grants.set(code, { grant, expiresAt: this.clock.now() + AUTHORIZATION_CODE_LIFETIME_MS });
    return code;
  }

  /** The grant `code` stands for, taken out (used once), or undefined when it is unknown, used or expired. */
  redeem(code: string): AuthorizationGrant | undefined {
    const entry = this.#grants.get(code);
    this.#grants.delete(code);
    return entry && entry.expiresAt > this.clock.now() ? entry.grant : undefined;
  }

  #forgetExpired(): void {
    const now = this.clock.now();
    for (const [code, { expiresAt }] of this.#grants) if (expiresAt <= now) this.#grants.delete(code);
  }
}
