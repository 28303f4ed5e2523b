import type { AddCustomAttributesCommandInput, AddCustomAttributesCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import { customSchemaAttribute, refuseRequiredCustomAttributes, type CustomAttributeInput } from '../attributes/custom-attributes.ts';
import { attributeNameTaken } from '../cognito-answers.ts';
import type { Operation, OperationDeps } from './operation-deps.ts';

/**
 * AddCustomAttributes: none required, none named as one the schema has (or another of the
 * request), each stored as CreateUserPool stores one (customSchemaAttribute); the pool saved once.
 * cognito-local's own kept a String's `StringAttributeConstraints` on a Number and dropped the
 * Number's constraints' defaults.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AddCustomAttributes.html
 */
export const addCustomAttributes: Operation<
  AddCustomAttributesCommandInput,
  AddCustomAttributesCommandOutput,
  Pick<OperationDeps, 'cognito' | 'clock'>
> = async (deps, ctx, input) => {
  const inputs = (input.CustomAttributes ?? []) as CustomAttributeInput[];
  refuseRequiredCustomAttributes(inputs);
  const pool = await deps.cognito.getUserPool(ctx, input.UserPoolId ?? '');
  const existing = pool.options.SchemaAttributes ?? [];
  const added = inputs.map(customSchemaAttribute);
  for (const [index, attribute] of added.entries()) {
    const name = attribute.Name!;
    if (existing.some((other) => other.Name === name) || added.slice(0, index).some((other) => other.Name === name)) {
      throw attributeNameTaken(name);
    }
  }
  await pool.updateOptions(ctx, { ...pool.options, SchemaAttributes: [...existing, ...added], LastModifiedDate: deps.clock.get() });
  return {};
};
