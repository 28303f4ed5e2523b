import type {
  AdminDeleteUserAttributesCommandInput,
  AdminDeleteUserAttributesCommandOutput,
} from '@aws-sdk/client-cognito-identity-provider';
import { attributesRemove } from '../cognito-local.ts';
import { adminUser } from '../rules/admin-users.ts';
import { refuseSchemaViolationsOnDelete } from '../rules/attribute-rules.ts';
import type { Operation, OperationDeps } from './operation-deps.ts';

/**
 * AdminDeleteUserAttributes: the named attributes (`custom:` ones by their full name) leave the
 * user an administrator names (username or alias), each with its pending change. One the user
 * does not have is no error; one outside the schema,
 * immutable (`sub` too) or required is refused and nothing changes (refuseSchemaViolationsOnDelete).
 * cognito-local answered an unknown user NotAuthorizedException; Cognito answers
 * UserNotFoundException. One save.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminDeleteUserAttributes.html
 */
export const adminDeleteUserAttributes: Operation<
  AdminDeleteUserAttributesCommandInput,
  AdminDeleteUserAttributesCommandOutput,
  Pick<OperationDeps, 'cognito' | 'clock'>
> = async (deps, ctx, input) => {
  const { userPool, user } = await adminUser(deps, ctx, input);
  const names = input.UserAttributeNames ?? [];
  refuseSchemaViolationsOnDelete(userPool.options, names);
  const pending = attributesRemove(user.UnverifiedAttributeChanges ?? [], ...names);
  await userPool.saveUser(ctx, {
    ...user,
    Attributes: attributesRemove(user.Attributes, ...names),
    UnverifiedAttributeChanges: pending.length > 0 ? pending : undefined,
    UserLastModifiedDate: deps.clock.get(),
  });
  return {};
};
