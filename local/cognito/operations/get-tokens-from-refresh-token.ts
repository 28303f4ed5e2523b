import type {
  GetTokensFromRefreshTokenCommandInput,
  GetTokensFromRefreshTokenCommandOutput,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Context, Services } from '../cognito-local.ts';
import { authFlowNotEnabled, invalidRefreshToken, userIsDisabled } from '../cognito-answers.ts';
import { rotates } from '../refresh-token-rotation.ts';
import { appClientOf } from '../request-context.ts';
import { refreshedTokens } from '../sign-in/refresh-token-auth.ts';
import { flowAllowed } from '../rules/auth-flow-rules.ts';
import { refuseWrongClientSecret } from '../rules/client-secret-rules.ts';

/**
 * GetTokensFromRefreshToken, which Amplify v6 calls for every token refresh: new ID and access
 * tokens for a refresh token the pool issued and has not revoked, and, when the app client rotates
 * refresh tokens, a new refresh token (refresh-token-rotation.ts). Its gates, in order: the client
 * allows refreshes (ALLOW_REFRESH_TOKEN_AUTH, [U] — except a client that rotates, which AWS says to
 * configure without it), its ClientSecret, the token's user not disabled. The grace period of the
 * token it replaces reads the services' clock, the one the tokens' `iat` comes from.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetTokensFromRefreshToken.html
 * https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-refresh-token.html#using-the-refresh-token-rotation
 */
export async function getTokensFromRefreshToken(
  { cognito, tokenGenerator, clock }: Pick<Services, 'cognito' | 'tokenGenerator' | 'clock'>,
  ctx: Context,
  input: GetTokensFromRefreshTokenCommandInput,
): Promise<Omit<GetTokensFromRefreshTokenCommandOutput, '$metadata'>> {
  const client = await appClientOf({ cognito }, ctx, input.ClientId ?? '');
  if (!client) throw invalidRefreshToken();
  if (!rotates(client) && !flowAllowed(client, 'REFRESH_TOKEN_AUTH')) throw authFlowNotEnabled('REFRESH_TOKEN_AUTH');
  refuseWrongClientSecret(client, input.ClientSecret);
  if (!input.RefreshToken) throw invalidRefreshToken();
  const pool = await cognito.getUserPool(ctx, client.UserPoolId);
  const holder = await pool.getUserByRefreshToken(ctx, input.RefreshToken);
  if (holder?.Enabled === false) throw userIsDisabled();
  const signIn = { pool, client, clientMetadata: input.ClientMetadata };
  return { AuthenticationResult: await refreshedTokens(ctx, tokenGenerator, signIn, input.RefreshToken, holder, clock.now()) };
}
