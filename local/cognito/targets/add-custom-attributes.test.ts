import { describe, expect, it } from 'vitest';
import { ctx, fakeCognito, rejection } from '../testing/fake-cognito.ts';
import { AddCustomAttributes } from './add-custom-attributes.ts';

const fakePool = () =>
  fakeCognito({ pool: { Id: 'local_Pool1', SchemaAttributes: [{ Name: 'custom:team', AttributeDataType: 'String' }] } });

describe('AddCustomAttributes', () => {
  it('adds each attribute to the schema as CreateUserPool stores one', async () => {
    const { services, userPool } = fakePool();
    await AddCustomAttributes(services)(ctx, {
      UserPoolId: 'local_Pool1',
      CustomAttributes: [{ Name: 'level', AttributeDataType: 'Number', NumberAttributeConstraints: { MaxValue: '9' } }],
    });
    expect(userPool.options.SchemaAttributes?.map((attribute) => attribute.Name)).toEqual(['custom:team', 'custom:level']);
    expect(userPool.options.SchemaAttributes?.[1]).toEqual({
      Name: 'custom:level',
      AttributeDataType: 'Number',
      DeveloperOnlyAttribute: false,
      Mutable: true,
      Required: false,
      NumberAttributeConstraints: { MaxValue: '9' },
    });
  });

  it('refuses a name the schema already has', async () => {
    const { services } = fakePool();
    const error = await rejection(
      AddCustomAttributes(services)(ctx, {
        UserPoolId: 'local_Pool1',
        CustomAttributes: [{ Name: 'team' }],
      }),
    );
    expect(error.code).toBe('InvalidParameterException');
    expect(error.message).toBe('custom:team: Existing attribute already has name custom:team.');
  });

  it('refuses a required custom attribute', async () => {
    const { services } = fakePool();
    const error = await rejection(
      AddCustomAttributes(services)(ctx, {
        UserPoolId: 'local_Pool1',
        CustomAttributes: [{ Name: 'tier', Required: true }],
      }),
    );
    expect(error.message).toBe('Required custom attributes are not supported currently.');
  });
});
