import jwt from 'jsonwebtoken';
import { cognitoLocalKeys } from '../cognito-local.ts';

/**
 * An access token the emulator could have issued to `sub` through `clientId`, for pool
 * local_Pool1: signed with the key cognito-local signs its tokens with.
 */
export function signedAccessToken(sub: string, clientId: string, claims: Record<string, unknown> = {}): string {
  const now = Math.floor(Date.now() / 1000);
  const { privateKeyPem, keyId } = cognitoLocalKeys();
  return jwt.sign(
    { sub, token_use: 'access', iss: 'http://127.0.0.1:9229/local_Pool1', client_id: clientId, iat: now, exp: now + 3600, ...claims },
    privateKeyPem,
    { algorithm: 'RS256', keyid: keyId },
  );
}
