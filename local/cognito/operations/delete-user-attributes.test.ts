import { describe, expect, it } from 'vitest';
import { type AppClient, USER_POOL_AWS_DEFAULTS, type UserPool } from '../cognito-local.ts';
import { signedAccessToken } from '../testing/access-token.ts';
import { appClient, ctx, fakeCognito, rejection, userWithAttributes } from '../testing/fake-cognito.ts';
import { NOW } from '../testing/operation-testbed.ts';
import { deleteUserAttributes } from './delete-user-attributes.ts';

const ada = userWithAttributes(
  'ada',
  { email: 'ada@example.com', given_name: 'Ada', phone_number: '+12065551234' },
  { UnverifiedAttributeChanges: [{ Name: 'phone_number', Value: '+12065550000' }] },
);
const AccessToken = () => signedAccessToken('ada', 'client-1');

/** Ada, in a pool of Cognito's standard schema (with `pool`'s settings), and client-1 with `client`'s. */
function fakePool(pool: Partial<UserPool> = {}, client: Partial<AppClient> = {}) {
  const fake = fakeCognito({
    users: [ada],
    pool: { SchemaAttributes: USER_POOL_AWS_DEFAULTS.SchemaAttributes, ...pool },
    clients: [appClient('client-1', client)],
  });
  return { ...fake, deps: { ...fake.services, clock: { get: () => NOW, now: () => NOW.getTime() } } };
}

describe('deleteUserAttributes', () => {
  it('deletes the attributes named, their pending changes with them, in one save', async () => {
    const { deps, saved } = fakePool();
    expect(
      await deleteUserAttributes(deps, ctx, { AccessToken: AccessToken(), UserAttributeNames: ['given_name', 'phone_number'] }),
    ).toEqual({});
    expect(saved).toHaveLength(1);
    expect(saved[0]!.Attributes.map((attribute) => attribute.Name)).toEqual(['sub', 'email']);
    expect(saved[0]).toMatchObject({ UnverifiedAttributeChanges: undefined, UserLastModifiedDate: NOW });
  });

  // API_UserPoolClientType.html (WriteAttributes), as UpdateUserAttributes answers it.
  it("refuses what the access token's client may not write, and saves nothing", async () => {
    const { deps, saved } = fakePool({}, { WriteAttributes: ['email'] });
    const error = await rejection(deleteUserAttributes(deps, ctx, { AccessToken: AccessToken(), UserAttributeNames: ['given_name'] }));
    expect([error.code, error.message]).toEqual(['NotAuthorizedException', 'A client attempted to write unauthorized attribute']);
    expect(saved).toEqual([]);
  });

  it("refuses to delete an attribute the pool's schema requires, and saves nothing", async () => {
    const schema = USER_POOL_AWS_DEFAULTS.SchemaAttributes!.map((attribute) =>
      attribute.Name === 'email' ? { ...attribute, Required: true } : attribute,
    );
    const { deps, saved } = fakePool({ SchemaAttributes: schema });
    const error = await rejection(
      deleteUserAttributes(deps, ctx, { AccessToken: AccessToken(), UserAttributeNames: ['given_name', 'email'] }),
    );
    expect([error.code, error.message]).toEqual([
      'InvalidParameterException',
      'Attributes did not conform to the schema: email: The attribute is required\n',
    ]);
    expect(saved).toEqual([]);
  });

  it('refuses an immutable attribute or one outside the schema as AdminDeleteUserAttributes does, and saves nothing', async () => {
    const schema = [...USER_POOL_AWS_DEFAULTS.SchemaAttributes!, { Name: 'custom:tenant', AttributeDataType: 'String', Mutable: false }];
    const { deps, saved } = fakePool({ SchemaAttributes: schema }, { WriteAttributes: ['given_name', 'custom:tenant', 'custom:foo'] });
    for (const [name, message] of [
      ['custom:tenant', 'user.custom:tenant: Attribute cannot be updated.\n'],
      ['custom:foo', 'user.custom:foo: Attribute does not exist in the schema.\n'],
    ]) {
      const error = await rejection(deleteUserAttributes(deps, ctx, { AccessToken: AccessToken(), UserAttributeNames: [name!] }));
      expect([error.code, error.message]).toEqual(['InvalidParameterException', message]);
    }
    expect(saved).toEqual([]);
  });

  it('refuses an access token it did not issue', async () => {
    const { deps, saved } = fakePool();
    const error = await rejection(deleteUserAttributes(deps, ctx, { AccessToken: 'not-a-jwt', UserAttributeNames: ['given_name'] }));
    expect([error.code, error.message]).toEqual(['NotAuthorizedException', 'Invalid Access Token']);
    expect(saved).toEqual([]);
  });
});
