// An authorizer's decision in words, for the API's request log (`GET /_dev/api/requests`): what a
// developer wants to read beside a 401 or 403 ("the token expired 3 min ago", "scope orders/read
// missing"), where the client only gets API Gateway's bare answer.

/** A span of time as a person says it: `40 s`, `3 min`, `2 h`, `4 days`. */
export function spanWords(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.round(hours / 24)} days`;
}

/** `the token expired 3 min ago`, from its `exp` (epoch seconds) and the stack's clock (epoch ms). */
export function expiredWords(exp: unknown, nowMs: number): string {
  if (typeof exp !== 'number' || !Number.isFinite(exp)) return 'the token expired';
  return `the token expired ${spanWords(nowMs - exp * 1000)} ago`;
}

/** A JWT's `exp`, read without verifying (the token was already refused as expired). */
export function unverifiedExp(token: string): unknown {
  const payload = token.replace(/^Bearer\s+/i, '').split('.')[1];
  if (payload === undefined) return undefined;
  try {
    return (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown }).exp;
  } catch {
    return undefined;
  }
}

/** `scope orders/read missing`, or `scopes orders/read or orders/write missing`. */
export function missingScopeWords(scopes: readonly string[]): string {
  return `${scopes.length === 1 ? 'scope' : 'scopes'} ${scopes.join(' or ')} missing`;
}
