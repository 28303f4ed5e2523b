import { describe, expect, it } from 'vitest';
import { ctx, rejection } from '../testing/fake-cognito.ts';
import { fakePoolStore } from '../testing/fake-pool-store.ts';
import { NOW } from '../testing/operation-testbed.ts';
import { addCustomAttributes } from './add-custom-attributes.ts';

const fakePool = () =>
  fakePoolStore({ pools: [{ Id: 'local_Pool1', SchemaAttributes: [{ Name: 'custom:team', AttributeDataType: 'String' }] }] });

describe('addCustomAttributes', () => {
  it('adds each attribute to the schema as CreateUserPool stores one, in one save', async () => {
    const { deps, pools, writes } = fakePool();
    await addCustomAttributes(deps, ctx, {
      UserPoolId: 'local_Pool1',
      CustomAttributes: [{ Name: 'level', AttributeDataType: 'Number', NumberAttributeConstraints: { MaxValue: '9' } }],
    });
    const schema = pools.get('local_Pool1')!.SchemaAttributes;
    expect(schema?.map((attribute) => attribute.Name)).toEqual(['custom:team', 'custom:level']);
    expect(schema?.[1]).toEqual({
      Name: 'custom:level',
      AttributeDataType: 'Number',
      DeveloperOnlyAttribute: false,
      Mutable: true,
      Required: false,
      NumberAttributeConstraints: { MaxValue: '9' },
    });
    expect(writes.map(([kind]) => kind)).toEqual(['updateOptions']);
    expect(pools.get('local_Pool1')!.LastModifiedDate).toEqual(NOW);
  });

  it('refuses a name the schema already has', async () => {
    const { deps, writes } = fakePool();
    const error = await rejection(addCustomAttributes(deps, ctx, { UserPoolId: 'local_Pool1', CustomAttributes: [{ Name: 'team' }] }));
    expect(error.code).toBe('InvalidParameterException');
    expect(error.message).toBe('custom:team: Existing attribute already has name custom:team.');
    expect(writes).toEqual([]);
  });

  it('refuses a name given twice in one request', async () => {
    const { deps, writes } = fakePool();
    const twice = [{ Name: 'tier' }, { Name: 'tier' }];
    const error = await rejection(addCustomAttributes(deps, ctx, { UserPoolId: 'local_Pool1', CustomAttributes: twice }));
    expect(error.message).toBe('custom:tier: Existing attribute already has name custom:tier.');
    expect(writes).toEqual([]);
  });

  it('refuses a required custom attribute, before it looks for the pool', async () => {
    const { deps } = fakePool();
    const error = await rejection(
      addCustomAttributes(deps, ctx, { UserPoolId: 'local_Nowhere', CustomAttributes: [{ Name: 'tier', Required: true }] }),
    );
    expect(error.message).toBe('Required custom attributes are not supported currently.');
  });
});
