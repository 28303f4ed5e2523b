/** Entries kept at most; the oldest goes first beyond it. */
const MAX_ENTRIES = 10_000;

/**
 * API Gateway's authorizer result cache: a verified token's result is reused for the method's
 * TTL, keyed by the token, and never past the token's own expiry. A TTL of 0 turns it off.
 */
export class TokenCache<T> {
  readonly #entries = new Map<string, { value: T; until: number }>();

  constructor(
    private readonly ttlSeconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(token: string): T | undefined {
    const entry = this.#entries.get(token);
    if (!entry) return undefined;
    if (entry.until > this.now()) return entry.value;
    this.#entries.delete(token);
    return undefined;
  }

  /** Keeps `value` for the TTL, or until `expiresAt` (epoch seconds) if that comes first. */
  set(token: string, value: T, expiresAt: number): void {
    if (this.ttlSeconds <= 0) return;
    if (this.#entries.size >= MAX_ENTRIES) this.#entries.delete(this.#entries.keys().next().value!);
    this.#entries.set(token, { value, until: Math.min(this.now() + this.ttlSeconds * 1000, expiresAt * 1000) });
  }
}
