import type {
  GetTokensFromRefreshTokenCommandInput,
  GetTokensFromRefreshTokenCommandOutput,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Context, Services } from '../cognito-local.ts';
import { refreshedTokens } from '../sign-in/refresh-token-auth.ts';
import { invalidRefreshToken } from '../cognito-answers.ts';
import { appClientOf } from '../request-context.ts';

/**
 * GetTokensFromRefreshToken, which Amplify v6 calls for every token refresh: new ID and access
 * tokens for a refresh token the pool issued and has not revoked, and, when the app client rotates
 * refresh tokens, a new refresh token (refresh-token-rotation.ts). The grace period of the token
 * it replaces reads the services' clock, the one the tokens' `iat` comes from.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetTokensFromRefreshToken.html
 */
export const GetTokensFromRefreshToken =
  ({ cognito, tokenGenerator, clock }: Pick<Services, 'cognito' | 'tokenGenerator' | 'clock'>) =>
  async (ctx: Context, req: GetTokensFromRefreshTokenCommandInput): Promise<Omit<GetTokensFromRefreshTokenCommandOutput, '$metadata'>> => {
    const client = await appClientOf({ cognito }, ctx, req.ClientId ?? '');
    if (!client || !req.RefreshToken) throw invalidRefreshToken();
    const pool = await cognito.getUserPoolForClientId(ctx, client.ClientId);
    return {
      AuthenticationResult: await refreshedTokens(
        ctx,
        tokenGenerator,
        { pool, client, clientMetadata: req.ClientMetadata },
        req.RefreshToken,
        clock.get().getTime(),
      ),
    };
  };
