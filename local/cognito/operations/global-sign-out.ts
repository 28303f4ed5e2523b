import type { GlobalSignOutCommandInput, GlobalSignOutCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import { accessTokenUser } from '../rules/access-tokens.ts';
import { signOutEverywhere } from './sign-out-everywhere.ts';
import type { Operation, OperationDeps } from './operation-deps.ts';

/**
 * GlobalSignOut: every refresh token of the access token's user (verified once) stops working,
 * and so do the access tokens of their origins against Cognito's own APIs. ID and access tokens
 * stay valid for API Gateway until they expire, as on AWS.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GlobalSignOut.html
 */
export const globalSignOut: Operation<
  GlobalSignOutCommandInput,
  GlobalSignOutCommandOutput,
  Pick<OperationDeps, 'cognito' | 'clock'>
> = async (deps, ctx, input) => {
  const { userPool, user } = await accessTokenUser(deps, ctx, input.AccessToken ?? '');
  await signOutEverywhere(ctx, userPool, user);
  return {};
};
