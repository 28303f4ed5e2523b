import { randomBytes, randomUUID } from 'node:crypto';
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

/**
 * Where a sign-in's tokens come from: its `origin_jti` and its `auth_time`. Every token a refresh
 * issues keeps both, as Cognito's do, so that revoking the refresh token revokes them too.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/token-revocation.html
 */
export interface TokenOrigin {
  readonly jti: string;
  /** When the user authenticated, in epoch seconds. */
  readonly authTime: number;
  /**
   * The scopes an OAuth 2.0 grant gave (the managed login, /oauth2/token), which every refresh of
   * it keeps, through /oauth2/token and the JSON API alike; absent for a sign-in through the API,
   * whose tokens' scope is aws.cognito.signin.user.admin.
   * https://docs.aws.amazon.com/cognito/latest/developerguide/token-endpoint.html
   */
  readonly scopes?: readonly string[];
}

/**
 * A refresh token shaped like Cognito's (a compact JWE its clients treat as opaque): random, so
 * issuing one costs no signature, and carrying its {@link TokenOrigin} (an OAuth grant's scopes
 * included) and the app client it was issued to, as Cognito's encrypted refresh token does. The
 * emulator finds its user by exact match.
 */
export function opaqueRefreshToken(origin: TokenOrigin = { jti: randomUUID(), authTime: 0 }, clientId = ''): string {
  const header = Buffer.from(JSON.stringify({ cty: 'JWT', enc: 'A256GCM', alg: 'RSA-OAEP' })).toString('base64url');
  const authTime = Buffer.alloc(8);
  authTime.writeBigUInt64BE(BigInt(origin.authTime));
  const client = Buffer.from(clientId, 'utf8');
  // One draw of randomness for the key's tail, the IV, the ciphertext and the tag (40, 12, 128, 16 bytes).
  const random = randomBytes(196);
  const key = Buffer.concat([
    Buffer.from(origin.jti.replaceAll('-', ''), 'hex'),
    authTime,
    Buffer.from([client.length]),
    client,
    random.subarray(0, 40),
    grantOf(origin),
  ]).toString('base64url');
  const [iv, ciphertext, tag] = [random.subarray(40, 52), random.subarray(52, 180), random.subarray(180)].map((part) =>
    part.toString('base64url'),
  );
  return [header, key, iv, ciphertext, tag].join('.');
}

/** Whether `token` is shaped as {@link opaqueRefreshToken} makes them: one the emulator may have issued. */
export function isOpaqueRefreshToken(token: string): boolean {
  const parts = token.split('.');
  if (parts.length !== 5 || !parts.every((part) => /^[\w-]+$/.test(part))) return false;
  try {
    const header = JSON.parse(Buffer.from(parts[0]!, 'base64url').toString('utf8')) as Record<string, unknown>;
    return header.enc === 'A256GCM' && header.alg === 'RSA-OAEP';
  } catch {
    return false;
  }
}

/** The origin a refresh token of {@link opaqueRefreshToken}'s carries; undefined for a token the emulator cannot have issued. */
export function refreshTokenOrigin(token: string): TokenOrigin | undefined {
  const key = keyOf(token);
  if (key === undefined) return undefined;
  // Refresh tokens of earlier versions were random throughout: their "auth_time" is out of range.
  if (key.length < 24 || key.readUInt32BE(16) !== 0) return undefined;
  const hex = key.subarray(0, 16).toString('hex');
  const scopes = scopesOf(key);
  return {
    jti: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`,
    authTime: key.readUInt32BE(20),
    ...(scopes && { scopes }),
  };
}

/**
 * The app client a refresh token was issued to; undefined for a token the emulator cannot have
 * issued, or one from before tokens named their client (its key: the origin and 40 random bytes).
 */
export function refreshTokenClient(token: string): string | undefined {
  const key = keyOf(token);
  if (key === undefined || key.length === LEGACY_KEY_LENGTH || key.length < 25) return undefined;
  const length = key[24]!;
  return length > 0 && (key.length === LEGACY_KEY_LENGTH + 1 + length || key[LEGACY_KEY_LENGTH + 1 + length] === OAUTH_GRANT)
    ? key.subarray(25, 25 + length).toString('utf8')
    : undefined;
}

/**
 * What follows the key's random bytes in a refresh token of an OAuth 2.0 grant: a mark, the
 * length of its scopes (two bytes) and the scopes, space-separated. Tokens of a sign-in through
 * the API, and every token from before grants were kept, end with the random bytes.
 */
const OAUTH_GRANT = 0x4f;

function grantOf(origin: TokenOrigin): Buffer {
  if (origin.scopes === undefined) return Buffer.alloc(0);
  const scopes = Buffer.from(origin.scopes.join(' '), 'utf8');
  const head = Buffer.alloc(3);
  head[0] = OAUTH_GRANT;
  head.writeUInt16BE(scopes.length, 1);
  return Buffer.concat([head, scopes]);
}

/** The scopes of the OAuth 2.0 grant a refresh token's key carries, if it carries one. */
function scopesOf(key: Buffer): string[] | undefined {
  if (key.length < 25) return undefined;
  const at = LEGACY_KEY_LENGTH + 1 + key[24]!;
  if (key[24] === 0 || key.length < at + 3 || key[at] !== OAUTH_GRANT) return undefined;
  const scopes = key.subarray(at + 3, at + 3 + key.readUInt16BE(at + 1)).toString('utf8');
  return scopes === '' ? [] : scopes.split(' ');
}

/** The key of a refresh token from before tokens named their client: the origin's 24 bytes, then 40 random ones. */
const LEGACY_KEY_LENGTH = 64;

/** The JWE "encrypted key" part of a refresh token the emulator may have issued, where it keeps what the token carries. */
function keyOf(token: string): Buffer | undefined {
  return isOpaqueRefreshToken(token) ? Buffer.from(token.split('.')[1]!, 'base64url') : undefined;
}
