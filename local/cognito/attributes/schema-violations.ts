/** A user attribute as the Cognito API carries it. */
export interface UserAttribute {
  readonly Name?: string;
  readonly Value?: string;
}

/** An attribute of the pool's schema, as DescribeUserPool returns it (`SchemaAttributes`). */
export interface SchemaAttribute {
  readonly Name?: string;
  readonly AttributeDataType?: string;
  readonly Mutable?: boolean;
  readonly Required?: boolean;
  readonly StringAttributeConstraints?: { readonly MinLength?: string; readonly MaxLength?: string };
  readonly NumberAttributeConstraints?: { readonly MinValue?: string; readonly MaxValue?: string };
}

// Cognito's words (docs/aws-behaviour.md, "Cognito user attributes"); each problem is one line
// that ends with "\n", as in Cognito's answers.
const NOT_IN_SCHEMA = 'Attribute does not exist in the schema.';
const REQUIRED = 'The attribute is required';
const IMMUTABLE = 'Attribute cannot be updated.';

/**
 * What is wrong with `value` for its schema attribute: a String outside its Min/MaxLength, a
 * Number that is not a whole number or is outside its Min/MaxValue. Cognito's wording for these
 * is not documented (docs/aws-behaviour.md marks it [U]). An empty value is left to the
 * required check.
 */
export function valueProblem(schema: SchemaAttribute, value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (schema.AttributeDataType === 'Number') {
    if (!/^-?\d+$/.test(value)) return 'Number must be a whole number';
    const { MinValue, MaxValue } = schema.NumberAttributeConstraints ?? {};
    if (MinValue !== undefined && Number(value) < Number(MinValue)) return `Number must be no less than ${MinValue}`;
    if (MaxValue !== undefined && Number(value) > Number(MaxValue)) return `Number must be no greater than ${MaxValue}`;
    return undefined;
  }
  if (schema.AttributeDataType === 'String' || schema.AttributeDataType === undefined) {
    const { MinLength, MaxLength } = schema.StringAttributeConstraints ?? {};
    if (MaxLength !== undefined && value.length > Number(MaxLength)) return `String must be no longer than ${MaxLength} characters`;
    if (MinLength !== undefined && value.length < Number(MinLength)) return `String must be no shorter than ${MinLength} characters`;
  }
  return undefined;
}

const lines = (problems: readonly string[]) => problems.map((problem) => `${problem}\n`).join('');

/**
 * Why Cognito refuses a new user's attributes (SignUp, AdminCreateUser), as its
 * InvalidParameterException message, or undefined when they conform. `implied` names the
 * attributes Cognito sets itself (the email of an email-as-username pool), which count as given
 * for the Required check. An unknown `custom:` attribute is refused on its own, with Cognito's
 * "Type for attribute … could not be determined".
 * https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-attributes.html
 */
export function creationViolation(
  attributes: readonly UserAttribute[],
  schema: readonly SchemaAttribute[],
  implied: readonly string[] = [],
): string | undefined {
  const problems: string[] = [];
  for (const { Name = '', Value } of attributes) {
    const attribute = schema.find((candidate) => candidate.Name === Name);
    if (!attribute) {
      if (Name.startsWith('custom:'))
        return `Attributes did not conform to the schema: Type for attribute {${Name}} could not be determined`;
      problems.push(`${Name}: ${NOT_IN_SCHEMA}`);
      continue;
    }
    const problem = valueProblem(attribute, Value);
    if (problem) problems.push(`${Name}: ${problem}`);
  }
  const given = new Set([...attributes.filter((attribute) => attribute.Value).map((attribute) => attribute.Name), ...implied]);
  for (const { Name = '', Required } of schema) {
    // `sub` is Required in every schema, and Cognito makes it.
    if (Required && Name !== 'sub' && !given.has(Name)) problems.push(`${Name}: ${REQUIRED}`);
  }
  return problems.length > 0 ? `Attributes did not conform to the schema: ${lines(problems)}` : undefined;
}

/**
 * Why Cognito refuses to change a user's attributes (UpdateUserAttributes,
 * AdminUpdateUserAttributes), as its InvalidParameterException message, or undefined. An
 * immutable attribute (`Mutable: false`, and `sub`) cannot be written after the user exists,
 * even if it was never set.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-attributes.html
 */
export function updateViolation(attributes: readonly UserAttribute[], schema: readonly SchemaAttribute[]): string | undefined {
  const problems: string[] = [];
  for (const { Name = '', Value } of attributes) {
    const attribute = schema.find((candidate) => candidate.Name === Name);
    const problem = !attribute ? NOT_IN_SCHEMA : attribute.Mutable === false || Name === 'sub' ? IMMUTABLE : valueProblem(attribute, Value);
    if (problem) problems.push(`user.${Name}: ${problem}`);
  }
  return problems.length > 0 ? lines(problems) : undefined;
}

/**
 * Why Cognito refuses to delete a user's attributes (AdminDeleteUserAttributes), as its
 * InvalidParameterException message, or undefined: an attribute outside the schema, or an
 * immutable one (and `sub`), in the update's words. An attribute the user does not have is no
 * problem (amplify-js#12128: Cognito answers 200). Cognito documents neither refusal: the strict
 * side ([U]). A required attribute is refused apart, in the schema's words (attribute-rules.ts).
 */
export function deletionViolation(names: readonly string[], schema: readonly SchemaAttribute[]): string | undefined {
  const problems: string[] = [];
  for (const name of names) {
    const attribute = schema.find((candidate) => candidate.Name === name);
    const problem = !attribute ? NOT_IN_SCHEMA : attribute.Mutable === false || name === 'sub' ? IMMUTABLE : undefined;
    if (problem) problems.push(`user.${name}: ${problem}`);
  }
  return problems.length > 0 ? lines(problems) : undefined;
}
