import { timingSafeEqual } from 'node:crypto';
import type { RevokeTokenCommandInput, RevokeTokenCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import { refreshTokenTypeOnly, revocationClientUnauthorized, revocationNotEnabled, revocationUnknownClient } from '../cognito-answers.ts';
import { isOpaqueRefreshToken, refreshTokenOrigin } from '../refresh-tokens.ts';
import { appClientOf } from '../request-context.ts';
import type { Operation, OperationDeps } from './operation-deps.ts';

const sameSecret = (given: string, secret: string) =>
  given.length === secret.length && timingSafeEqual(Buffer.from(given), Buffer.from(secret));

/**
 * RevokeToken: the refresh token stops working, and so do the access tokens of its origin at
 * Cognito's APIs (accessTokenUser), those a refresh issued from it included; the user's other
 * refresh tokens are untouched. A client with a secret must send it; a client whose
 * EnableTokenRevocation is false cannot revoke (it is true unless set false, as on a new client);
 * an ID or access token is not a refresh token. A refresh token no one holds any more (revoked
 * already) is revoked: nothing to do, as RFC 7009 has it. No access token: the client speaks.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RevokeToken.html
 * https://docs.aws.amazon.com/cognito/latest/developerguide/token-revocation.html
 */
export const revokeToken: Operation<RevokeTokenCommandInput, RevokeTokenCommandOutput, Pick<OperationDeps, 'cognito'>> = async (
  deps,
  ctx,
  input,
) => {
  const client = await appClientOf(deps, ctx, input.ClientId ?? '');
  if (!client) throw revocationUnknownClient(String(input.ClientId));
  if (client.ClientSecret && !sameSecret(input.ClientSecret ?? '', client.ClientSecret)) {
    throw revocationClientUnauthorized(client.ClientId);
  }
  if (client.EnableTokenRevocation === false) throw revocationNotEnabled(client.ClientId);
  const token = input.Token ?? '';
  const userPool = await deps.cognito.getUserPool(ctx, client.UserPoolId);
  const user = await userPool.getUserByRefreshToken(ctx, token);
  if (!user) {
    if (!isOpaqueRefreshToken(token)) throw refreshTokenTypeOnly();
    return {};
  }
  // Every refresh token of its origin: the one rotation issued in its place, or the one it replaced.
  const origin = refreshTokenOrigin(token)?.jti;
  const revoked = (held: string) => held === token || (origin !== undefined && refreshTokenOrigin(held)?.jti === origin);
  // From the user as they are now: a sign-in or refresh at the same time keeps its refresh token.
  await userPool.updateUser(ctx, user.Username, (current) => ({
    ...current,
    RefreshTokens: (current.RefreshTokens ?? []).filter((held) => !revoked(held)),
  }));
  return {};
};
