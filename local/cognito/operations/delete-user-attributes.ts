import type { DeleteUserAttributesCommandInput, DeleteUserAttributesCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import { attributesRemove } from '../cognito-local.ts';
import { appClientOf } from '../request-context.ts';
import { accessTokenUser } from '../rules/access-tokens.ts';
import { refuseSchemaViolationsOnDelete, refuseUnwritableAttributes } from '../rules/attribute-rules.ts';
import type { Operation, OperationDeps } from './operation-deps.ts';

/**
 * DeleteUserAttributes: the access token's user (verified once) deletes attributes their app
 * client may write (its WriteAttributes, else every writable one), as UpdateUserAttributes writes
 * them; then the pool's schema, as AdminDeleteUserAttributes checks it: an attribute outside it,
 * an immutable one or a required one stays (undocumented: the strict side,
 * refuseSchemaViolationsOnDelete). A deleted attribute takes its pending change with it.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DeleteUserAttributes.html
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UserPoolClientType.html
 */
export const deleteUserAttributes: Operation<
  DeleteUserAttributesCommandInput,
  DeleteUserAttributesCommandOutput,
  Pick<OperationDeps, 'cognito' | 'clock'>
> = async (deps, ctx, input) => {
  const { userPool, user, clientId } = await accessTokenUser(deps, ctx, input.AccessToken ?? '');
  const names = input.UserAttributeNames ?? [];
  const client = await appClientOf(deps, ctx, clientId);
  if (client)
    refuseUnwritableAttributes(
      client,
      names.map((Name) => ({ Name })),
    );
  refuseSchemaViolationsOnDelete(userPool.options, names);
  const pending = attributesRemove(user.UnverifiedAttributeChanges ?? [], ...names);
  await userPool.updateUser(ctx, user.Username, (current) => ({
    ...current,
    Attributes: attributesRemove(current.Attributes, ...names),
    UnverifiedAttributeChanges: pending.length > 0 ? pending : undefined,
    UserLastModifiedDate: deps.clock.get(),
  }));
  return {};
};
