import type { UpdateUserPoolClientCommandInput, UpdateUserPoolClientCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { AppClient } from '../cognito-local.ts';
import type { PoolOAuthConfigs } from '../managed-login/pool-oauth-settings.ts';
import { refuseInvalidOAuthSettings } from '../rules/client-oauth-rules.ts';
import { appClientSettings } from './app-client-settings.ts';
import { poolClient } from './describe-user-pool-client.ts';
import type { Operation, OperationDeps } from './operation-deps.ts';

type UserPoolClient = NonNullable<UpdateUserPoolClientCommandOutput['UserPoolClient']>;

/**
 * UpdateUserPoolClient: its rules (appClientSettings), the pool, then the pool's client, the OAuth
 * settings against the pool's resource servers and identity providers (client-oauth-rules.ts); the
 * client's settings replaced by the request's, each it leaves out set back to its default
 * (RefreshTokenRotation too: rotation off), its id, secret and creation date kept, and its name
 * when the request gives none; stored once. cognito-local's own kept what an update left out.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateUserPoolClient.html
 */
export const updateUserPoolClient: Operation<
  UpdateUserPoolClientCommandInput,
  UpdateUserPoolClientCommandOutput,
  Pick<OperationDeps, 'cognito' | 'clock'> & { readonly oauth: PoolOAuthConfigs }
> = async (deps, ctx, input) => {
  const settings = appClientSettings(input);
  const pool = await deps.cognito.getUserPool(ctx, input.UserPoolId ?? '');
  const { ClientId, ClientSecret, UserPoolId, CreationDate, ClientName } = await poolClient(deps, ctx, input);
  refuseInvalidOAuthSettings(input, await deps.oauth.settingsOf(ctx, UserPoolId), ClientSecret !== undefined, UserPoolId);
  const client: AppClient = {
    ...{ ClientId, ...(ClientSecret !== undefined && { ClientSecret }), UserPoolId, CreationDate },
    LastModifiedDate: deps.clock.get(),
    // A name has no default: the client keeps its own when the request gives none.
    ClientName: input.ClientName ?? ClientName,
    ...settings,
  };
  await pool.saveAppClient(ctx, client);
  return { UserPoolClient: client as UserPoolClient };
};
