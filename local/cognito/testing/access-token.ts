import jwt from 'jsonwebtoken';
import { cognitoLocalKeys } from '../cognito-local.ts';
import { opaqueRefreshToken } from '../refresh-tokens.ts';

/** The origin of {@link signedAccessToken}'s tokens, unless a test says otherwise. */
export const SIGN_IN_ORIGIN = '5e55a0de-0000-4000-8000-00000000a11e';

/** A refresh token of the sign-in {@link signedAccessToken}'s tokens come from: a user holding it is signed in. */
export const signInRefreshToken = (origin: string = SIGN_IN_ORIGIN): string => opaqueRefreshToken({ jti: origin, authTime: 0 });

/**
 * An access token the emulator could have issued to `sub` through `clientId`, for pool
 * local_Pool1: signed with the key cognito-local signs its tokens with, of the sign-in whose
 * refresh token is {@link signInRefreshToken} (the user must hold one for the token to be live).
 */
export function signedAccessToken(sub: string, clientId: string, claims: Record<string, unknown> = {}): string {
  const now = Math.floor(Date.now() / 1000);
  const { privateKeyPem, keyId } = cognitoLocalKeys();
  return jwt.sign(
    {
      sub,
      token_use: 'access',
      iss: 'http://127.0.0.1:9229/local_Pool1',
      client_id: clientId,
      iat: now,
      exp: now + 3600,
      origin_jti: SIGN_IN_ORIGIN,
      scope: 'aws.cognito.signin.user.admin',
      ...claims,
    },
    privateKeyPem,
    { algorithm: 'RS256', keyid: keyId },
  );
}
