import type { GetUserCommandInput, GetUserCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import { readableAttributes } from '../attributes/standard-attributes.ts';
import { appClientOf } from '../request-context.ts';
import { accessTokenUser } from '../rules/access-tokens.ts';
import type { Operation, OperationDeps } from './operation-deps.ts';

/**
 * GetUser: the access token's user (verified once, its origin live), with the attributes its app
 * client may read (its ReadAttributes, else the standard ones; `sub` always), as Cognito filters
 * them, and their MFA settings.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetUser.html
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UserPoolClientType.html
 */
export const getUser: Operation<GetUserCommandInput, GetUserCommandOutput, Pick<OperationDeps, 'cognito' | 'clock'>> = async (
  deps,
  ctx,
  input,
) => {
  const { user, clientId } = await accessTokenUser(deps, ctx, input.AccessToken ?? '');
  const client = await appClientOf(deps, ctx, clientId);
  const readable = client ? readableAttributes(client) : undefined;
  const answer = {
    Username: user.Username,
    UserAttributes: readable ? user.Attributes.filter((attribute) => readable.has(attribute.Name)) : user.Attributes,
    MFAOptions: user.MFAOptions,
    PreferredMfaSetting: user.PreferredMfaSetting,
    UserMFASettingList: user.UserMFASettingList,
  };
  return answer as Omit<GetUserCommandOutput, '$metadata'>;
};
