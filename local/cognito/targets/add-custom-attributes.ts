import type { AddCustomAttributesCommandInput, AddCustomAttributesCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Context, Route, Services } from '../cognito-local.ts';
import { customSchemaAttribute, refuseRequiredCustomAttributes, type CustomAttributeInput } from '../attributes/custom-attributes.ts';
import { attributeNameTaken } from '../cognito-answers.ts';

/**
 * AddCustomAttributes, storing each attribute as CreateUserPool does (customSchemaAttribute):
 * cognito-local's own kept a String's `StringAttributeConstraints` on a Number and dropped the
 * Number's constraints' defaults.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AddCustomAttributes.html
 */
export const AddCustomAttributes =
  ({ clock, cognito }: Pick<Services, 'clock' | 'cognito'>) =>
  async (ctx: Context, req: AddCustomAttributesCommandInput): Promise<Omit<AddCustomAttributesCommandOutput, '$metadata'>> => {
    const inputs = (req.CustomAttributes ?? []) as CustomAttributeInput[];
    refuseRequiredCustomAttributes(inputs);
    const userPool = await cognito.getUserPool(ctx, req.UserPoolId ?? '');
    const existing = userPool.options.SchemaAttributes ?? [];
    const added = inputs.map(customSchemaAttribute);
    for (const [index, attribute] of added.entries()) {
      const name = attribute.Name!;
      if (existing.some((other) => other.Name === name) || added.slice(0, index).some((other) => other.Name === name)) {
        throw attributeNameTaken(name);
      }
    }
    await userPool.updateOptions(ctx, { ...userPool.options, SchemaAttributes: [...existing, ...added], LastModifiedDate: clock.get() });
    return {};
  };

/** CreateUserPool refuses a Schema with a required custom attribute before cognito-local stores it. */
export const refuseRequiredCustomSchema =
  () =>
  (route: Route): Route =>
  async (ctx, req) => {
    refuseRequiredCustomAttributes((req?.Schema ?? []) as CustomAttributeInput[]);
    return route(ctx, req);
  };
