import type { JwtPayload } from 'jsonwebtoken';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/** Epoch seconds as Java's `Date.toString()` in UTC: `Tue Jun 18 15:00:04 UTC 2024`. */
export function javaDateString(epochSeconds: number): string {
  const d = new Date(epochSeconds * 1000);
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${time} UTC ${d.getUTCFullYear()}`;
}

/**
 * A verified token's claims as API Gateway's Cognito authorizer hands them to the Lambda in
 * `requestContext.authorizer.claims`: a flat map of strings. `exp` and `iat` become Java dates,
 * other numbers (`auth_time`) their decimal text, booleans "true"/"false", lists (such as
 * `cognito:groups`) comma-joined.
 */
export function awsClaims(payload: JwtPayload): Record<string, string> {
  const claims: Record<string, string> = {};
  for (const [name, value] of Object.entries(payload)) {
    if (value === undefined || value === null) continue;
    if ((name === 'exp' || name === 'iat') && typeof value === 'number') claims[name] = javaDateString(value);
    else if (Array.isArray(value)) claims[name] = value.join(',');
    else if (typeof value === 'object') claims[name] = JSON.stringify(value);
    else claims[name] = String(value);
  }
  return claims;
}
