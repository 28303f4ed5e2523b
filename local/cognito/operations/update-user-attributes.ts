import type { UpdateUserAttributesCommandInput, UpdateUserAttributesCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import { USER_POOL_AWS_DEFAULTS, type User, validatePermittedAttributeChanges } from '../cognito-local.ts';
import { appClientOf } from '../request-context.ts';
import { accessTokenUser } from '../rules/access-tokens.ts';
import { refuseSchemaViolationsOnUpdate, refuseUnwritableAttributes } from '../rules/attribute-rules.ts';
import { maskedDelivery } from '../rules/masked-destinations.ts';
import { attributeUpdate, sendAttributeCode } from './attribute-update.ts';
import type { Operation, OperationDeps } from './operation-deps.ts';

type Attributes = User['Attributes'];

/**
 * UpdateUserAttributes: the access token's user (verified once) changes the attributes their
 * app client may write and the pool's schema lets change, in the order the rules always had here
 * (the schema, the client's write attributes, then cognito-local's: mutable, `…_verified` only
 * with its attribute). A changed email or phone number is unverified again; one the pool's
 * UserAttributeUpdateSettings holds back waits for its code. When the pool verifies such an
 * attribute, a code goes to it (CustomMessage_UpdateUserAttribute) before the one save, so a
 * failure changes nothing.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateUserAttributes.html
 */
export const updateUserAttributes: Operation<
  UpdateUserAttributesCommandInput,
  UpdateUserAttributesCommandOutput,
  Pick<OperationDeps, 'cognito' | 'clock' | 'otp' | 'messages'>
> = async (deps, ctx, input) => {
  const { user, userPool, clientId } = await accessTokenUser(deps, ctx, input.AccessToken ?? '');
  const options = userPool.options;
  const given = (input.UserAttributes ?? []).map(({ Name = '', Value }) => ({ Name, Value }));
  refuseSchemaViolationsOnUpdate(options, given);
  const client = await appClientOf(deps, ctx, clientId);
  if (client) refuseUnwritableAttributes(client, given);
  const permitted: Attributes = validatePermittedAttributeChanges(
    given,
    options.SchemaAttributes ?? USER_POOL_AWS_DEFAULTS.SchemaAttributes ?? [],
  );
  const { updated, needsCode } = attributeUpdate(options, user, permitted, deps.clock.get());
  if (!needsCode) {
    await userPool.saveUser(ctx, updated);
    return { CodeDeliveryDetailsList: [] };
  }
  const { withCode, delivery } = await sendAttributeCode(deps, ctx, options, updated, input.ClientMetadata);
  await userPool.saveUser(ctx, withCode);
  return { CodeDeliveryDetailsList: [maskedDelivery(delivery)] };
};
