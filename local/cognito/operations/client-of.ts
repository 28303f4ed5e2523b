import { userPoolClientDoesNotExist } from '../cognito-answers.ts';
import type { AppClient, Context, Services, UserPoolService } from '../cognito-local.ts';
import { appClientOf } from '../request-context.ts';

/** An app client and the user pool it belongs to, as a client-side operation finds them. */
export interface ClientAndPool {
  readonly client: AppClient;
  readonly pool: UserPoolService;
}

/**
 * The app client `clientId` and its pool, looked up once at the top of an operation (until the
 * request context resolves them for every operation). An unknown client is Cognito's
 * ResourceNotFoundException `User pool client <id> does not exist.`, as sign-in answers it.
 */
export async function clientOf(
  cognito: Pick<Services['cognito'], 'getAppClient' | 'getUserPool'>,
  ctx: Context,
  clientId: string,
): Promise<ClientAndPool> {
  const client = await appClientOf({ cognito }, ctx, clientId);
  if (!client) throw userPoolClientDoesNotExist(clientId);
  return { client, pool: await cognito.getUserPool(ctx, client.UserPoolId) };
}
