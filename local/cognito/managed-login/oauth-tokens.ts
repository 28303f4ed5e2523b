import { randomUUID } from 'node:crypto';
import type { AppClient, Context, Services, User, UserPoolService } from '../cognito-local.ts';
import { authenticationResult, grantsIdToken } from '../token-generator.ts';
import type { TokenIssuer } from '../token-generator.ts';
import type { ImplicitTokens } from './sign-in-flow.ts';

/** The tokens an OAuth 2.0 grant gives, as the token endpoint (and the implicit flow's redirect) carries them. */
export interface OAuthTokenResponse {
  /** Only when the grant has the `openid` scope. */
  readonly id_token?: string;
  readonly access_token: string;
  /** Only for the authorization code grant (not the implicit flow, not a refresh). */
  readonly refresh_token?: string;
  /** The access token's lifetime in seconds: the client's AccessTokenValidity. */
  readonly expires_in: number;
  readonly token_type: 'Bearer';
}

/** Whom a grant's tokens are for and what they may do. */
export interface OAuthGrantTokens {
  readonly pool: UserPoolService;
  readonly client: AppClient;
  readonly user: User;
  /** The scopes granted: the access token's `scope`, kept by every refresh. */
  readonly scopes: readonly string[];
  /** The authorize request's nonce, for the ID token. */
  readonly nonce?: string;
  /** When the user signed in (epoch seconds): the tokens' `auth_time`, kept by every refresh. */
  readonly authTime: number;
  /** Whether the answer carries a refresh token (the code grant) or not (the implicit flow). */
  readonly refreshToken: boolean;
  /** The token request's `aws_client_metadata`, for PreTokenGeneration. */
  readonly clientMetadata?: Record<string, string>;
}

/**
 * The tokens of a managed login sign-in (PreTokenGeneration's `TokenGeneration_HostedAuth`): the
 * access token's `scope` is the granted scopes, the ID token (only with `openid`) carries the
 * nonce, and both carry `auth_time` and the grant's `origin_jti`. The grant's refresh token is
 * stored as a sign-in's is, so that RevokeToken, /oauth2/revoke and global sign-out end it; the
 * implicit flow's is stored too but never handed out, so that its access token's origin is live
 * until a global sign-out (access tokens are revoked by their origin, rules/access-tokens.ts).
 * https://docs.aws.amazon.com/cognito/latest/developerguide/token-endpoint.html
 * https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-token-generation.html
 */
export async function oauthTokens(
  { services }: { readonly services: Pick<Services, 'tokenGenerator'> },
  ctx: Context,
  grant: OAuthGrantTokens,
): Promise<OAuthTokenResponse> {
  const { pool, client, user } = grant;
  const origin = { jti: randomUUID(), authTime: grant.authTime, scopes: [...grant.scopes] };
  const groups = await pool.listUserGroupMembership(ctx, user);
  const issuer: TokenIssuer = services.tokenGenerator;
  const tokens = await issuer.generate(ctx, user, groups, client, grant.clientMetadata, 'HostedAuth', origin, {
    ...(grant.nonce !== undefined && { nonce: grant.nonce }),
  });
  await pool.storeRefreshToken(ctx, tokens.RefreshToken, user);
  const { ExpiresIn } = authenticationResult(tokens, client);
  return {
    ...(grantsIdToken(origin) && { id_token: tokens.IdToken }),
    access_token: tokens.AccessToken,
    ...(grant.refreshToken && { refresh_token: tokens.RefreshToken }),
    expires_in: ExpiresIn,
    token_type: 'Bearer',
  };
}

/**
 * The implicit flow's tokens for the managed login's sign-in (sign-in-flow.ts's ImplicitTokens):
 * oauthTokens without a refresh token, as the redirect's fragment carries them.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/authorization-endpoint.html
 */
export function implicitTokens(deps: { readonly services: Pick<Services, 'tokenGenerator'> }): ImplicitTokens {
  return async (ctx, request, user, authTime) => {
    const { id_token, access_token, token_type, expires_in } = await oauthTokens(deps, ctx, {
      pool: request.pool,
      client: request.client,
      user,
      scopes: request.scopes,
      ...(request.nonce !== undefined && { nonce: request.nonce }),
      authTime,
      refreshToken: false,
    });
    return { ...(id_token !== undefined && { id_token }), access_token, token_type, expires_in: String(expires_in) };
  };
}
