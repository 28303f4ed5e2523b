import jwksRsa from 'jwks-rsa';

/** The issuer's JWKS was fetched and has no key with the token's `kid`. */
export class UnknownKidError extends Error {
  override name = 'UnknownKidError';
}

/** The issuer's JWKS could not be fetched or read: the gateway's fault, not the token's. */
export class JwksUnavailableError extends Error {
  override name = 'JwksUnavailableError';
}

/**
 * Keys from an issuer's JWKS through jwks-rsa (3 s timeout), kept once seen. A `kid` not seen
 * before costs a JWKS fetch, but at most one per `refetchIntervalMs`: unknown kids cannot hammer
 * the issuer, and a rotated-in key is picked up within that interval. Every request waits for a
 * fetch in flight, so one with an unknown kid never shuts out the valid ones that arrive with it.
 */
export function jwksKeySource(jwksUri: string, refetchIntervalMs: number): (kid: string) => Promise<string> {
  const jwks = jwksRsa({ jwksUri, timeout: 3000 });
  const keys = new Map<string, string>();
  let fetching: Promise<void> | undefined;
  let lastFetch = Number.NEGATIVE_INFINITY;
  let lastFailure: unknown;
  const refetch = () => {
    lastFetch = Date.now();
    fetching = jwks
      .getSigningKeys()
      .then(
        (found) => {
          lastFailure = undefined;
          for (const key of found) keys.set(key.kid, key.getPublicKey());
        },
        (cause: unknown) => {
          lastFailure = cause;
          throw unavailable(cause);
        },
      )
      .finally(() => (fetching = undefined));
    return fetching;
  };
  return async (kid) => {
    if (!keys.has(kid) && fetching) await fetching.catch(() => {});
    if (!keys.has(kid)) {
      if (Date.now() - lastFetch < refetchIntervalMs) {
        if (lastFailure !== undefined) throw unavailable(lastFailure);
        throw new UnknownKidError(`unknown kid; the JWKS was fetched less than ${refetchIntervalMs / 1000} s ago`);
      }
      await refetch();
    }
    const key = keys.get(kid);
    if (key === undefined) throw new UnknownKidError('the JWKS has no such kid');
    return key;
  };

  function unavailable(cause: unknown): JwksUnavailableError {
    return new JwksUnavailableError(`the JWKS at ${jwksUri} could not be read (${(cause as Error).message})`, { cause });
  }
}
