import type { DeleteUserAttributesCommandInput, DeleteUserAttributesCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import { requiredAttributesMissing } from '../cognito-answers.ts';
import { attributesRemove, type Context, USER_POOL_AWS_DEFAULTS } from '../cognito-local.ts';
import { appClientOf } from '../request-context.ts';
import { accessTokenUser } from '../rules/access-tokens.ts';
import { refuseUnwritableAttributes } from '../rules/attribute-rules.ts';
import type { OperationDeps } from './operation-deps.ts';

/**
 * DeleteUserAttributes: the access token's user (verified once) deletes attributes their app
 * client may write (its WriteAttributes, else every writable one), as UpdateUserAttributes writes
 * them; a required attribute of the pool's schema stays (undocumented: the strict side, worded as
 * the schema words a missing one). A deleted attribute takes its pending change with it.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DeleteUserAttributes.html
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UserPoolClientType.html
 */
export async function deleteUserAttributes(
  deps: Pick<OperationDeps, 'cognito' | 'clock'>,
  ctx: Context,
  input: DeleteUserAttributesCommandInput,
): Promise<Omit<DeleteUserAttributesCommandOutput, '$metadata'>> {
  const { userPool, user, clientId } = await accessTokenUser(deps, ctx, input.AccessToken ?? '');
  const names = input.UserAttributeNames ?? [];
  const client = await appClientOf(deps, ctx, clientId);
  if (client)
    refuseUnwritableAttributes(
      client,
      names.map((Name) => ({ Name })),
    );
  const schema = userPool.options.SchemaAttributes ?? USER_POOL_AWS_DEFAULTS.SchemaAttributes ?? [];
  const required = names.filter((name) => schema.some((attribute) => attribute.Name === name && attribute.Required));
  if (required.length > 0) throw requiredAttributesMissing(required);
  const pending = attributesRemove(user.UnverifiedAttributeChanges ?? [], ...names);
  await userPool.updateUser(ctx, user.Username, (current) => ({
    ...current,
    Attributes: attributesRemove(current.Attributes, ...names),
    UnverifiedAttributeChanges: pending.length > 0 ? pending : undefined,
    UserLastModifiedDate: deps.clock.get(),
  }));
  return {};
}
