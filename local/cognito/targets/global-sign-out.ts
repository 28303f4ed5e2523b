import type { GlobalSignOutCommandInput, GlobalSignOutCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import { NotAuthorizedError } from 'cognito-local/lib/errors.js';
import type { Services } from 'cognito-local/lib/services/index.js';
import type { Context } from 'cognito-local/lib/services/context.js';
import { createRequire } from 'node:module';
import jwt from 'jsonwebtoken';

/** The emulator's signing key: the access token must be one it issued. */
const cognitoLocalKey = createRequire(import.meta.url)('cognito-local/lib/keys/cognitoLocal.public.json') as { pem: string };

/**
 * GlobalSignOut: every refresh token of the access token's user stops working. ID and access
 * tokens already issued stay valid until they expire, as on AWS (API Gateway keeps accepting
 * them).
 */
export const GlobalSignOut =
  ({ cognito }: Pick<Services, 'cognito'>) =>
  async (ctx: Context, req: GlobalSignOutCommandInput): Promise<Omit<GlobalSignOutCommandOutput, '$metadata'>> => {
    let claims: jwt.JwtPayload;
    try {
      claims = jwt.verify(req.AccessToken ?? '', cognitoLocalKey.pem, { algorithms: ['RS256'] }) as jwt.JwtPayload;
    } catch {
      throw new NotAuthorizedError('Invalid Access Token');
    }
    if (claims.token_use !== 'access' || typeof claims.iss !== 'string') throw new NotAuthorizedError('Invalid Access Token');
    const userPool = await cognito.getUserPool(ctx, claims.iss.slice(claims.iss.lastIndexOf('/') + 1));
    const user = await userPool.getUserByUsername(ctx, String(claims.sub));
    if (!user) throw new NotAuthorizedError('Invalid Access Token');
    await userPool.saveUser(ctx, { ...user, RefreshTokens: [] });
    return {};
  };
