import { randomInt } from 'node:crypto';
import type { CreateUserPoolClientCommandInput, CreateUserPoolClientCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { AppClient, Context } from '../cognito-local.ts';
import type { PoolOAuthConfigs } from '../managed-login/pool-oauth-settings.ts';
import { refuseInvalidOAuthSettings } from '../rules/client-oauth-rules.ts';
import { appClientSettings } from './app-client-settings.ts';
import type { OperationDeps } from './operation-deps.ts';

type UserPoolClient = NonNullable<CreateUserPoolClientCommandOutput['UserPoolClient']>;

/**
 * CreateUserPoolClient: its rules (appClientSettings), then the pool (ResourceNotFoundException
 * when there is none), the OAuth settings against the pool's resource servers and identity
 * providers (client-oauth-rules.ts), then the client stored once with every setting, RefreshTokenRotation
 * included, and a secret when GenerateSecret says. Ids and secrets are shaped as Cognito's: 26 and
 * 51 lowercase letters and digits (the API allows `[\w+]+`).
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html
 */
export async function createUserPoolClient(
  deps: Pick<OperationDeps, 'cognito' | 'clock'> & { readonly oauth: PoolOAuthConfigs },
  ctx: Context,
  input: CreateUserPoolClientCommandInput,
  pick: (size: number) => number = randomInt,
): Promise<Omit<CreateUserPoolClientCommandOutput, '$metadata'>> {
  const settings = appClientSettings(input);
  const pool = await deps.cognito.getUserPool(ctx, input.UserPoolId ?? '');
  const poolId = pool.options.Id;
  refuseInvalidOAuthSettings(input, await deps.oauth.settingsOf(ctx, poolId), input.GenerateSecret === true, poolId);
  const now = deps.clock.get();
  const client: AppClient = {
    ClientId: randomLowercase(26, pick),
    ...(input.GenerateSecret === true && { ClientSecret: randomLowercase(51, pick) }),
    UserPoolId: pool.options.Id,
    CreationDate: now,
    LastModifiedDate: now,
    ClientName: input.ClientName ?? '', // required: the front door refuses a request without it
    ...settings,
  };
  await pool.saveAppClient(ctx, client);
  return { UserPoolClient: client as UserPoolClient };
}

const LOWERCASE_AND_DIGITS = 'abcdefghijklmnopqrstuvwxyz0123456789';

function randomLowercase(length: number, pick: (size: number) => number): string {
  let text = '';
  for (let i = 0; i < length; i++) text += LOWERCASE_AND_DIGITS[pick(LOWERCASE_AND_DIGITS.length)];
  return text;
}
