import { createHash, createPrivateKey, randomUUID, sign, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { opaqueRefreshToken, type TokenOrigin } from './refresh-tokens.ts';
import { readableAttributes } from './attributes/standard-attributes.ts';
import {
  type AppClient,
  attributesToRecord,
  type Clock,
  cognitoLocalKeys,
  type TokenGenerator,
  type Tokens,
  type User,
} from './cognito-local.ts';
import type { TokenCustomizer, TokenSource } from './triggers/pre-token-generation.ts';
import { applyClaimChanges, groupClaims, type TokenOverrides } from './triggers/token-claims.ts';
import { userPoolIssuer } from './user-pool-ids.ts';

type Unit = 'seconds' | 'minutes' | 'hours' | 'days';
const SECONDS: Record<Unit, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86_400 };

/** A token's lifetime in seconds from the app client's settings, with Cognito's defaults. */
function lifetime(validity: number | undefined, unit: string | undefined, fallbackSeconds: number): number {
  if (validity === undefined) return fallbackSeconds;
  const seconds = SECONDS[(unit ?? 'hours') as Unit];
  if (seconds === undefined) throw new Error(`Invalid token validity unit: ${unit}`);
  return validity * seconds;
}

/** The tokens as Cognito's AuthenticationResult carries them: with the access token's lifetime in seconds and its type. */
export function authenticationResult<T extends { AccessToken: string }>(tokens: T, client: AppClient) {
  return { ...tokens, ExpiresIn: accessTokenSeconds(client), TokenType: 'Bearer' as const };
}

/**
 * The user's attributes the app client may read (its ReadAttributes, or the standard ones), as
 * ID token claims: `email_verified` and `phone_number_verified` are booleans there.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-id-token.html
 */
function idTokenAttributes(user: User, client: AppClient): Record<string, unknown> {
  const readable = readableAttributes(client);
  const attributes: Record<string, unknown> = attributesToRecord(user.Attributes.filter((attribute) => readable.has(attribute.Name)));
  for (const name of ['email_verified', 'phone_number_verified']) {
    if (name in attributes) attributes[name] = attributes[name] === 'true';
  }
  const identities = identitiesClaim(user);
  return identities === undefined ? attributes : { ...attributes, identities };
}

/**
 * A federated (or linked) user's `identities` attribute, a JSON string on the user, as the ID
 * token's `identities` claim: an array of the providers' identities. A value that is not a JSON
 * array (a hand-written seed) is left out rather than passed on as a string.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-id-token.html
 */
function identitiesClaim(user: User): unknown[] | undefined {
  const value = user.Attributes.find((attribute) => attribute.Name === 'identities')?.Value;
  if (value === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** The scope of the access tokens of a sign-in through the API: Cognito's own operations only. */
export const SIGN_IN_SCOPE = 'aws.cognito.signin.user.admin';

/**
 * Whether tokens of `origin` include an ID token: always for a sign-in through the API; for an
 * OAuth 2.0 grant, only when it has the `openid` scope ("The ID token isn't returned if openid
 * isn't requested", authorization-endpoint.html), on every refresh too.
 */
export const grantsIdToken = (origin: TokenOrigin | undefined): boolean => origin?.scopes === undefined || origin.scopes.includes('openid');

/** `at_hash`: the left half of the access token's SHA-256, base64url (OIDC Core 3.1.3.6, for RS256). */
export const accessTokenHash = (accessToken: string): string =>
  createHash('sha256').update(accessToken, 'ascii').digest().subarray(0, 16).toString('base64url');

/** What an OAuth 2.0 grant adds to a token issue, beside its origin's scopes. */
export interface OAuthTokenOptions {
  /** The authorize request's `nonce`, for the ID token (OIDC Core 3.1.2.1). */
  readonly nonce?: string;
}

/** cognito-local's TokenGenerator, told the origin of the refresh token a refresh uses. */
export interface TokenIssuer {
  generate(
    ...args: [...Parameters<TokenGenerator['generate']>, origin?: TokenOrigin, oauth?: OAuthTokenOptions]
  ): ReturnType<TokenGenerator['generate']>;
}

const signInThreadPool = promisify(sign);

/**
 * A compact JWS (RS256) of `claims`: node:crypto's asynchronous sign runs in libuv's thread pool
 * and costs the main thread a third of what jose's WebCrypto path does (measured: ~0.05 against
 * ~0.15 ms a signature), and sign-in throughput is bound by the main thread.
 */
async function signedJwt(header: object, claims: object, key: KeyObject): Promise<string> {
  const input = `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  const signature = await signInThreadPool('sha256', Buffer.from(input), key);
  return `${input}.${signature.toString('base64url')}`;
}

let emulatorKey: KeyObject | undefined;

/** A compact JWS (RS256) of `claims` under the emulator's key and key id: what its JWKS verifies (client credentials' access tokens). */
export function emulatorSignedJwt(claims: object): Promise<string> {
  emulatorKey ??= createPrivateKey(cognitoLocalKeys().privateKeyPem);
  return signedJwt({ kid: cognitoLocalKeys().keyId, alg: 'RS256' }, claims, emulatorKey);
}

/** The access token's lifetime in seconds: the client's AccessTokenValidity, 1 hour unless set. */
export const accessTokenSeconds = (client: AppClient): number =>
  lifetime(client.AccessTokenValidity, client.TokenValidityUnits?.AccessToken, 3600);

/**
 * Issues Cognito's ID and access tokens with the claims and header AWS documents, signed RS256
 * with a key parsed once, off the main thread. cognito-local's own generator parsed the PEM key
 * for every signature, signed synchronously, and signed the refresh token too.
 */
export class CognitoTokenGenerator implements TokenGenerator, TokenIssuer {
  /** The emulator's signing key; its public half is what the pool's JWKS serves. */
  readonly #key: KeyObject = createPrivateKey(cognitoLocalKeys().privateKeyPem);
  readonly #keyId = cognitoLocalKeys().keyId;

  constructor(
    private readonly clock: Clock,
    /** The pool's PreTokenGeneration trigger, when the operation's pool has one. */
    private readonly customizer?: TokenCustomizer,
    /** Told of each claim a trigger's answer may not change (Cognito keeps its value). */
    private readonly ignoredClaim: (claim: string) => void = () => {},
  ) {}

  async generate(
    _ctx: unknown,
    user: User,
    groups: readonly string[],
    client: AppClient,
    clientMetadata?: Record<string, string>,
    source: TokenSource = 'Authentication',
    /**
     * The origin of the refresh token being used (refreshTokenOrigin), or of an OAuth 2.0 grant
     * (its scopes become the access token's `scope`); a sign-in through the API makes a new one.
     */
    from?: TokenOrigin,
    oauth: OAuthTokenOptions = {},
  ): Promise<Tokens> {
    const scopes = from?.scopes ?? [SIGN_IN_SCOPE];
    const overrides = this.customizer?.enabled(client.UserPoolId)
      ? await this.customizer.overrides(user, groups, client, clientMetadata, source, scopes)
      : undefined;
    const now = Math.floor(this.clock.get().getTime() / 1000);
    const origin = from ?? { jti: randomUUID(), authTime: now };
    const units = client.TokenValidityUnits;
    const attributes = idTokenAttributes(user, client);
    const shared = {
      sub: attributes.sub,
      ...(groups.length > 0 && { 'cognito:groups': [...groups] }),
      // AWS's issuer, whichever URL the client reached the emulator at: the handlers' process answers its keys.
      iss: userPoolIssuer(client.UserPoolId),
      origin_jti: origin.jti,
      event_id: randomUUID(),
      auth_time: origin.authTime,
      iat: now,
    };
    const sign = (claims: object, seconds: number) =>
      signedJwt({ kid: this.#keyId, alg: 'RS256' }, { ...claims, exp: now + seconds }, this.#key);
    const idClaims = {
      ...attributes,
      ...shared,
      'cognito:username': user.Username,
      aud: client.ClientId,
      token_use: 'id',
      jti: randomUUID(),
      ...(oauth.nonce !== undefined && { nonce: oauth.nonce }),
    };
    const accessClaims = {
      ...shared,
      client_id: client.ClientId,
      token_use: 'access',
      scope: scopes.join(' '),
      jti: randomUUID(),
      username: user.Username,
    };

    const signId = (claims: Record<string, unknown>) =>
      sign(overrides ? this.#customized(claims, overrides, 'id') : claims, lifetime(client.IdTokenValidity, units?.IdToken, 3600));
    const signAccess = () =>
      sign(
        overrides ? this.#customized(accessClaims, overrides, 'access') : accessClaims,
        lifetime(client.AccessTokenValidity, units?.AccessToken, 3600),
      );
    const RefreshToken = opaqueRefreshToken(origin, client.ClientId);
    if (origin.scopes === undefined) {
      const [IdToken, AccessToken] = await Promise.all([signId(idClaims), signAccess()]);
      return { IdToken, AccessToken, RefreshToken };
    }
    // An OAuth grant's ID token is issued with its access token, and says so: `at_hash` (OIDC Core 3.1.3.6).
    const AccessToken = await signAccess();
    return { IdToken: await signId({ ...idClaims, at_hash: accessTokenHash(AccessToken) }), AccessToken, RefreshToken };
  }

  /** A token's claims as the PreTokenGeneration answer has them: V1_0 changes the ID token's alone. */
  #customized(claims: Record<string, unknown>, overrides: TokenOverrides, token: 'id' | 'access'): Record<string, unknown> {
    let result = claims;
    if (overrides.groups) {
      const { 'cognito:groups': _groups, ...rest } = result;
      result = { ...rest, ...groupClaims(overrides.groups, token) };
    }
    const changes = token === 'id' ? overrides.idToken : overrides.accessToken;
    return changes ? applyClaimChanges(result, changes, this.ignoredClaim) : result;
  }
}
