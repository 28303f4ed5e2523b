import { describe, expect, it } from 'vitest';
import { customSchemaAttribute, refuseRequiredCustomAttributes } from './custom-attributes.ts';

describe('customSchemaAttribute', () => {
  it('stores a bare name as custom:<name>, a mutable String with empty constraints by default', () => {
    expect(customSchemaAttribute({ Name: 'team' })).toEqual({
      Name: 'custom:team',
      AttributeDataType: 'String',
      DeveloperOnlyAttribute: false,
      Mutable: true,
      Required: false,
      StringAttributeConstraints: {},
    });
  });

  it("keeps a Number's constraints and gives it no string constraints", () => {
    expect(
      customSchemaAttribute({ Name: 'level', AttributeDataType: 'Number', Mutable: false, NumberAttributeConstraints: { MinValue: '1' } }),
    ).toEqual({
      Name: 'custom:level',
      AttributeDataType: 'Number',
      DeveloperOnlyAttribute: false,
      Mutable: false,
      Required: false,
      NumberAttributeConstraints: { MinValue: '1' },
    });
  });

  it('gives Boolean and DateTime attributes no constraints', () => {
    expect(customSchemaAttribute({ Name: 'vip', AttributeDataType: 'Boolean' })).not.toHaveProperty('StringAttributeConstraints');
    expect(customSchemaAttribute({ Name: 'since', AttributeDataType: 'DateTime' })).not.toHaveProperty('NumberAttributeConstraints');
  });
});

describe('refuseRequiredCustomAttributes', () => {
  it("refuses a required custom attribute with Cognito's message", () => {
    expect(() => refuseRequiredCustomAttributes([{ Name: 'team', Required: true }])).toThrow(
      'Required custom attributes are not supported currently.',
    );
  });

  it('lets a standard attribute be required', () => {
    expect(() => refuseRequiredCustomAttributes([{ Name: 'email', Required: true }, { Name: 'team' }])).not.toThrow();
  });
});
