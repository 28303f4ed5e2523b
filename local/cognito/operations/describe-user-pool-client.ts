import type { DescribeUserPoolClientCommandInput, DescribeUserPoolClientCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import { userPoolClientDoesNotExist } from '../cognito-answers.ts';
import type { AppClient, Context } from '../cognito-local.ts';
import { appClientOf } from '../request-context.ts';
import type { Operation, OperationDeps } from './operation-deps.ts';

type UserPoolClient = NonNullable<DescribeUserPoolClientCommandOutput['UserPoolClient']>;

/**
 * DescribeUserPoolClient: the client as it is stored, every setting with it (RefreshTokenRotation
 * included, which cognito-local's own left out).
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DescribeUserPoolClient.html
 */
export const describeUserPoolClient: Operation<
  DescribeUserPoolClientCommandInput,
  DescribeUserPoolClientCommandOutput,
  Pick<OperationDeps, 'cognito'>
> = async (deps, ctx, input) => {
  return { UserPoolClient: (await poolClient(deps, ctx, input)) as UserPoolClient };
};

/** The app client `ClientId` of the pool `UserPoolId`; one of another pool is as unknown as one of none. */
export async function poolClient(
  deps: Pick<OperationDeps, 'cognito'>,
  ctx: Context,
  { UserPoolId, ClientId = '' }: { readonly UserPoolId?: string; readonly ClientId?: string },
): Promise<AppClient> {
  const client = await appClientOf(deps, ctx, ClientId);
  if (!client || client.UserPoolId !== UserPoolId) throw userPoolClientDoesNotExist(ClientId);
  return client;
}
