import { USER_POOL_AWS_DEFAULTS } from '../cognito-local.ts';
import { describe, expect, it } from 'vitest';
import { creationViolation, updateViolation, valueProblem, type SchemaAttribute } from './schema-violations.ts';

// A pool whose email is required, with a short custom string, an immutable one and a number.
const SCHEMA: SchemaAttribute[] = [
  ...(USER_POOL_AWS_DEFAULTS.SchemaAttributes ?? []).map((attribute) =>
    attribute.Name === 'email' ? { ...attribute, Required: true } : attribute,
  ),
  { Name: 'custom:team', AttributeDataType: 'String', Mutable: true, Required: false, StringAttributeConstraints: { MaxLength: '5' } },
  { Name: 'custom:tenant', AttributeDataType: 'String', Mutable: false, Required: false, StringAttributeConstraints: {} },
  {
    Name: 'custom:level',
    AttributeDataType: 'Number',
    Mutable: true,
    Required: false,
    NumberAttributeConstraints: { MinValue: '1', MaxValue: '9' },
  },
];

describe('creationViolation', () => {
  it('accepts attributes of the schema within their constraints', () => {
    const attributes = [
      { Name: 'email', Value: 'ada@example.com' },
      { Name: 'custom:team', Value: 'blue' },
      { Name: 'custom:level', Value: '3' },
    ];
    expect(creationViolation(attributes, SCHEMA)).toBeUndefined();
  });

  it('refuses a standard-looking name the schema lacks, as Cognito words it', () => {
    expect(
      creationViolation(
        [
          { Name: 'email', Value: 'a@b.c' },
          { Name: 'favorite_flavor', Value: 'x' },
        ],
        SCHEMA,
      ),
    ).toBe('Attributes did not conform to the schema: favorite_flavor: Attribute does not exist in the schema.\n');
  });

  it('refuses an unknown custom attribute: its type cannot be determined', () => {
    expect(
      creationViolation(
        [
          { Name: 'email', Value: 'a@b.c' },
          { Name: 'custom:foo', Value: 'x' },
        ],
        SCHEMA,
      ),
    ).toBe('Attributes did not conform to the schema: Type for attribute {custom:foo} could not be determined');
  });

  it('names each missing required attribute on a line of its own', () => {
    const schema = SCHEMA.map((attribute) => (attribute.Name === 'name' ? { ...attribute, Required: true } : attribute));
    expect(creationViolation([], schema)).toBe(
      'Attributes did not conform to the schema: name: The attribute is required\nemail: The attribute is required\n',
    );
  });

  it('counts an implied attribute (the email of an email-as-username pool) as given', () => {
    expect(creationViolation([], SCHEMA, ['email'])).toBeUndefined();
  });

  it('counts an empty value as missing', () => {
    expect(creationViolation([{ Name: 'email', Value: '' }], SCHEMA)).toBe(
      'Attributes did not conform to the schema: email: The attribute is required\n',
    );
  });

  it('refuses a string longer than its MaxLength', () => {
    expect(
      creationViolation(
        [
          { Name: 'email', Value: 'a@b.c' },
          { Name: 'custom:team', Value: 'purple' },
        ],
        SCHEMA,
      ),
    ).toBe('Attributes did not conform to the schema: custom:team: String must be no longer than 5 characters\n');
  });

  it('lets an immutable attribute be set when the user is created', () => {
    expect(
      creationViolation(
        [
          { Name: 'email', Value: 'a@b.c' },
          { Name: 'custom:tenant', Value: 't1' },
        ],
        SCHEMA,
      ),
    ).toBeUndefined();
  });
});

describe('updateViolation', () => {
  it('accepts a change to a mutable attribute', () => {
    expect(updateViolation([{ Name: 'custom:team', Value: 'red' }], SCHEMA)).toBeUndefined();
  });

  it('refuses an attribute the schema lacks, with the user. prefix Cognito uses', () => {
    expect(updateViolation([{ Name: 'custom:foo', Value: 'x' }], SCHEMA)).toBe(
      'user.custom:foo: Attribute does not exist in the schema.\n',
    );
  });

  it('refuses an immutable attribute, and sub', () => {
    expect(
      updateViolation(
        [
          { Name: 'custom:tenant', Value: 't2' },
          { Name: 'sub', Value: 'x' },
        ],
        SCHEMA,
      ),
    ).toBe('user.custom:tenant: Attribute cannot be updated.\nuser.sub: Attribute cannot be updated.\n');
  });

  it('refuses a string longer than its MaxLength', () => {
    expect(updateViolation([{ Name: 'custom:team', Value: 'purple' }], SCHEMA)).toBe(
      'user.custom:team: String must be no longer than 5 characters\n',
    );
  });
});

describe('valueProblem', () => {
  const level = SCHEMA.find((attribute) => attribute.Name === 'custom:level')!;
  it.each([
    ['x', 'Number must be a whole number'],
    ['0', 'Number must be no less than 1'],
    ['10', 'Number must be no greater than 9'],
  ])('refuses %s for a Number from 1 to 9', (value, problem) => {
    expect(valueProblem(level, value)).toBe(problem);
  });

  it('holds birthdate to its ten characters', () => {
    const birthdate = SCHEMA.find((attribute) => attribute.Name === 'birthdate')!;
    expect(valueProblem(birthdate, '1815-12-10')).toBeUndefined();
    expect(valueProblem(birthdate, '1815-1-1')).toBe('String must be no shorter than 10 characters');
  });
});
