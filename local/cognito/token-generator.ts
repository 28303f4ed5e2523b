import { createPrivateKey, randomUUID, sign, type KeyObject } from 'node:crypto';
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
  const ExpiresIn = lifetime(client.AccessTokenValidity, client.TokenValidityUnits?.AccessToken, 3600);
  return { ...tokens, ExpiresIn, TokenType: 'Bearer' as const };
}

/**
 * The user's attributes the app client may read (its ReadAttributes, or the standard ones), as
 * ID token claims: `email_verified` and `phone_number_verified` are booleans there.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-id-token.html
 */
function idTokenAttributes(user: User, client: AppClient): Record<string, string | boolean> {
  const readable = readableAttributes(client);
  const attributes: Record<string, string | boolean> = attributesToRecord(
    user.Attributes.filter((attribute) => readable.has(attribute.Name)),
  );
  for (const name of ['email_verified', 'phone_number_verified']) {
    if (name in attributes) attributes[name] = attributes[name] === 'true';
  }
  return attributes;
}

/** cognito-local's TokenGenerator, told the origin of the refresh token a refresh uses. */
export interface TokenIssuer {
  generate(...args: [...Parameters<TokenGenerator['generate']>, origin?: TokenOrigin]): ReturnType<TokenGenerator['generate']>;
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
    /** The origin of the refresh token being used (refreshTokenOrigin); a sign-in makes a new one. */
    from?: TokenOrigin,
  ): Promise<Tokens> {
    const overrides = this.customizer?.enabled(client.UserPoolId)
      ? await this.customizer.overrides(user, groups, client, clientMetadata, source)
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
    };
    const accessClaims = {
      ...shared,
      client_id: client.ClientId,
      token_use: 'access',
      scope: 'aws.cognito.signin.user.admin',
      jti: randomUUID(),
      username: user.Username,
    };

    const [IdToken, AccessToken] = await Promise.all([
      sign(overrides ? this.#customized(idClaims, overrides, 'id') : idClaims, lifetime(client.IdTokenValidity, units?.IdToken, 3600)),
      sign(
        overrides ? this.#customized(accessClaims, overrides, 'access') : accessClaims,
        lifetime(client.AccessTokenValidity, units?.AccessToken, 3600),
      ),
    ]);
    return { IdToken, AccessToken, RefreshToken: opaqueRefreshToken(origin, client.ClientId) };
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
