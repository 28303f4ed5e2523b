import type { JwtPayload } from 'jsonwebtoken';

/**
 * A verified token's claims as an HTTP API's JWT authorizer hands them to the Lambda
 * (`requestContext.authorizer.jwt.claims` in payload 2.0, `authorizer.claims` in 1.0): a flat map
 * of strings, unlike REST's Java dates and comma-joined lists. Numbers and booleans as their JSON
 * text (`"exp": "1612061676"`), arrays as their items space-separated in brackets
 * (`cognito:groups` → `"[admin editors]"`), nested objects as JSON text; null-valued claims are
 * left out. Measured against real HTTP APIs: floci-io/floci PR 2011, aws/aws-lambda-go issue 591,
 * awsdocs/amazon-api-gateway-developer-guide issue 113.
 */
export function httpApiClaims(payload: JwtPayload): Record<string, string> {
  const claims: Record<string, string> = {};
  for (const [name, value] of Object.entries(payload)) {
    if (value === undefined || value === null) continue;
    claims[name] = claimText(value);
  }
  return claims;
}

function claimText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return `[${value.map((item) => (typeof item === 'string' ? item : JSON.stringify(item))).join(' ')}]`;
  return JSON.stringify(value);
}

/**
 * The token's scopes as the authorizer reads them: `scp` (a list, or a space-separated string),
 * else `scope` (Cognito's space-separated string); none when it carries neither.
 */
export function tokenScopes(payload: JwtPayload): readonly string[] {
  for (const name of ['scp', 'scope']) {
    const value: unknown = payload[name];
    if (Array.isArray(value) && value.length > 0) return value.map(String);
    if (typeof value === 'string' && value.trim() !== '') return value.trim().split(/\s+/);
  }
  return [];
}
