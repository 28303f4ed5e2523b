import { STANDARD_ATTRIBUTES } from './standard-attributes.ts';
import type { SchemaAttribute } from './schema-violations.ts';
import { requiredCustomAttributesUnsupported } from '../cognito-answers.ts';

/** A custom attribute as CreateUserPool's `Schema` and AddCustomAttributes take it: `Name` without prefix. */
export interface CustomAttributeInput extends SchemaAttribute {
  readonly DeveloperOnlyAttribute?: boolean;
}

/**
 * A custom attribute as Cognito stores and describes it: `custom:<name>`, String unless said,
 * mutable unless said, never required, and the constraints of its own type only (`{}` when none
 * were given).
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SchemaAttributeType.html
 */
export function customSchemaAttribute(input: CustomAttributeInput): SchemaAttribute & { DeveloperOnlyAttribute: boolean } {
  const type = input.AttributeDataType ?? 'String';
  return {
    Name: `custom:${input.Name ?? ''}`,
    AttributeDataType: type,
    DeveloperOnlyAttribute: input.DeveloperOnlyAttribute ?? false,
    Mutable: input.Mutable ?? true,
    Required: false,
    ...(type === 'String' && { StringAttributeConstraints: { ...input.StringAttributeConstraints } }),
    ...(type === 'Number' && { NumberAttributeConstraints: { ...input.NumberAttributeConstraints } }),
  };
}

/**
 * Cognito refuses a custom attribute marked Required, in CreateUserPool and AddCustomAttributes
 * (community reports: https://github.com/hashicorp/terraform-provider-aws/issues/18430).
 */
export function refuseRequiredCustomAttributes(inputs: readonly CustomAttributeInput[]): void {
  if (inputs.some((input) => input.Required && !STANDARD_ATTRIBUTES.includes(input.Name ?? ''))) {
    throw requiredCustomAttributesUnsupported();
  }
}
