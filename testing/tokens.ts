import { generateKeyPairSync, randomUUID } from 'node:crypto';
import jwt, { type Algorithm } from 'jsonwebtoken';
import { cognitoLocalKeys } from '../local/cognito/cognito-local.ts';

/**
 * cognito-local signs every token with one key that ships inside its npm package, so tests can
 * mint genuine-looking tokens with any claims (and so can anyone: local tokens prove nothing).
 */
const keys = cognitoLocalKeys();
export const COGNITO_LOCAL_KID = keys.keyId;
export const cognitoLocalPrivateKey = keys.privateKeyPem;
export const cognitoLocalPublicKey = keys.publicKeyPem;

/** A key pair nobody trusts. */
export const foreignKey = generateKeyPairSync('rsa', { modulusLength: 2048 })
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString();

export interface MintOptions {
  readonly algorithm?: Algorithm;
  readonly key?: string;
  /** undefined: the emulator's kid; null: no kid at all. */
  readonly kid?: string | null;
}

/** A token signed like cognito-local's, with `claims` over a genuine ID token's. */
export function mint(claims: Record<string, unknown>, options: MintOptions = {}): string {
  const { algorithm = 'RS256', key = cognitoLocalPrivateKey, kid = COGNITO_LOCAL_KID } = options;
  return jwt.sign(claims, key, {
    algorithm,
    ...(kid !== null && { keyid: kid }),
    // jsonwebtoken adds iat itself unless told not to; the claims carry their own.
    noTimestamp: true,
  });
}

/** An unsigned token with `alg` as given (`none` and its spellings). */
export function unsigned(claims: Record<string, unknown>, alg: string): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg, typ: 'JWT', kid: COGNITO_LOCAL_KID })}.${part(claims)}.`;
}

/**
 * A user pool's issuer as Cognito names it, the region being the pool id's:
 * `https://cognito-idp.<region>.amazonaws.com/<pool id>`; the local pools' tokens carry it too
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-tokens-verifying-a-jwt.html).
 */
export function awsIssuer(userPoolId: string): string {
  return `https://cognito-idp.${userPoolId.slice(0, userPoolId.indexOf('_'))}.amazonaws.com/${userPoolId}`;
}

/** The claims of a genuine ID token of `issuer`, valid for an hour. */
export function idTokenClaims(issuer: string, clientId: string, email: string): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  const sub = randomUUID();
  return {
    sub,
    email,
    email_verified: true,
    'cognito:username': sub,
    aud: clientId,
    iss: issuer,
    token_use: 'id',
    auth_time: now,
    iat: now,
    exp: now + 3600,
    jti: randomUUID(),
    event_id: randomUUID(),
  };
}
