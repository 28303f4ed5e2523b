import { createRequire } from 'node:module';
import jwt from 'jsonwebtoken';

/** The key cognito-local signs its tokens with, so the tokens made here are ones it could have issued. */
const cognitoLocalKey = createRequire(import.meta.url)('cognito-local/lib/keys/cognitoLocal.private.json') as { pem: string };

/** An access token the emulator could have issued to `sub` through `clientId`, for pool local_Pool1. */
export function signedAccessToken(sub: string, clientId: string, claims: Record<string, unknown> = {}): string {
  const now = Math.floor(Date.now() / 1000);
  return jwt.sign(
    { sub, token_use: 'access', iss: 'http://127.0.0.1:9229/local_Pool1', client_id: clientId, iat: now, exp: now + 3600, ...claims },
    cognitoLocalKey.pem,
    { algorithm: 'RS256', keyid: 'CognitoLocal' },
  );
}
