import { describe, expect, it } from 'vitest';
import { attributesToRecord, USER_POOL_AWS_DEFAULTS } from '../cognito-local.ts';
import { ctx, fakeCognito, rejection, userWithAttributes } from '../testing/fake-cognito.ts';
import { NOW } from '../testing/operation-testbed.ts';
import { adminDeleteUserAttributes } from './admin-delete-user-attributes.ts';

const SUB = '0a1b2c3d-0000-4000-8000-000000000001';
const ada = userWithAttributes(SUB, { email: 'ada@example.com', given_name: 'Ada', 'custom:team': 'blue', 'custom:tenant': 't1' });

/** A pool whose email is required, with custom:team (mutable) and custom:tenant (immutable); one user, Ada. */
function fakePool() {
  const fake = fakeCognito({
    users: [ada],
    pool: {
      UsernameAttributes: ['email'],
      SchemaAttributes: [
        ...(USER_POOL_AWS_DEFAULTS.SchemaAttributes ?? []).map((attribute) =>
          attribute.Name === 'email' ? { ...attribute, Required: true } : attribute,
        ),
        { Name: 'custom:team', AttributeDataType: 'String', Mutable: true },
        { Name: 'custom:tenant', AttributeDataType: 'String', Mutable: false },
      ],
    },
  });
  return { ...fake, deps: { ...fake.services, clock: { get: () => NOW, now: () => NOW.getTime() } } };
}
const remove = (names: string[], Username = 'ada@example.com') => ({ UserPoolId: 'local_Pool1', Username, UserAttributeNames: names });

describe('adminDeleteUserAttributes', () => {
  it('deletes the named attributes of the user named by email, in one save; one the user lacks is no error', async () => {
    const { deps, stored, saved } = fakePool();
    expect(await adminDeleteUserAttributes(deps, ctx, remove(['given_name', 'custom:team', 'family_name']))).toEqual({});
    expect(saved).toHaveLength(1);
    expect(attributesToRecord(stored.get(SUB)?.Attributes)).toEqual({ sub: SUB, email: 'ada@example.com', 'custom:tenant': 't1' });
    expect(stored.get(SUB)?.UserLastModifiedDate).toEqual(NOW);
  });

  it('takes a deleted attribute’s pending change with it, and leaves the others waiting', async () => {
    const { deps, stored, userPool } = fakePool();
    const pending = [
      { Name: 'given_name', Value: 'Augusta' },
      { Name: 'email', Value: 'ada@new.example.com' },
    ];
    await userPool.saveUser(ctx, { ...ada, UnverifiedAttributeChanges: pending });
    await adminDeleteUserAttributes(deps, ctx, remove(['given_name']));
    expect(stored.get(SUB)?.UnverifiedAttributeChanges).toEqual([{ Name: 'email', Value: 'ada@new.example.com' }]);
  });

  it.each([
    ['a required attribute', 'email', 'Attributes did not conform to the schema: email: The attribute is required\n'],
    ['an immutable attribute', 'custom:tenant', 'user.custom:tenant: Attribute cannot be updated.\n'],
    ['sub', 'sub', 'user.sub: Attribute cannot be updated.\n'],
    ['an attribute outside the schema', 'custom:foo', 'user.custom:foo: Attribute does not exist in the schema.\n'],
  ])('refuses to delete %s with InvalidParameterException, and deletes nothing', async (_case, name, message) => {
    const { deps, saved } = fakePool();
    const error = await rejection(adminDeleteUserAttributes(deps, ctx, remove(['given_name', name])));
    expect([error.code, error.message]).toEqual(['InvalidParameterException', message]);
    expect(saved).toEqual([]);
  });

  it('answers UserNotFoundException "User does not exist." for a user the pool does not hold (cognito-local: NotAuthorizedException)', async () => {
    const { deps } = fakePool();
    const error = await rejection(adminDeleteUserAttributes(deps, ctx, remove(['given_name'], 'grace@example.com')));
    expect([error.code, error.message]).toEqual(['UserNotFoundException', 'User does not exist.']);
  });
});
