import { describe, expect, it } from 'vitest';
import { attributesToRecord, USER_POOL_AWS_DEFAULTS, type UserPool } from '../cognito-local.ts';
import { ctx, fakeCognito, rejection, userWithAttributes } from '../testing/fake-cognito.ts';
import { NOW } from '../testing/operation-testbed.ts';
import { adminUpdateUserAttributes } from './admin-update-user-attributes.ts';

const SUB = '0a1b2c3d-0000-4000-8000-000000000001';
const ada = userWithAttributes(SUB, { email: 'ada@example.com', email_verified: 'true', 'custom:team': 'blue', 'custom:tenant': 't1' });

/** An email-as-username pool with Ada, custom:team (mutable, up to 5 characters) and custom:tenant (immutable), and `pool`'s settings. */
function fakePool(pool: Partial<UserPool> = {}) {
  const fake = fakeCognito({
    users: [ada],
    pool: {
      UsernameAttributes: ['email'],
      SchemaAttributes: [
        ...(USER_POOL_AWS_DEFAULTS.SchemaAttributes ?? []),
        { Name: 'custom:team', AttributeDataType: 'String', Mutable: true, StringAttributeConstraints: { MaxLength: '5' } },
        { Name: 'custom:tenant', AttributeDataType: 'String', Mutable: false, StringAttributeConstraints: {} },
      ],
      ...pool,
    },
    otp: '246810',
  });
  return { ...fake, deps: { ...fake.services, clock: { get: () => NOW, now: () => NOW.getTime() } } };
}
const update = (attributes: { Name: string; Value: string }[], Username = 'ada@example.com') => ({
  UserPoolId: 'local_Pool1',
  Username,
  UserAttributes: attributes,
});
const attributesOf = (fake: ReturnType<typeof fakePool>) => attributesToRecord(fake.stored.get(SUB)?.Attributes);

describe('adminUpdateUserAttributes', () => {
  it('changes a mutable attribute of the user named by email, in one save, with no code in a pool that verifies nothing', async () => {
    const fake = fakePool();
    expect(await adminUpdateUserAttributes(fake.deps, ctx, update([{ Name: 'custom:team', Value: 'red' }]))).toEqual({});
    expect(fake.saved).toHaveLength(1);
    expect(fake.saved[0]!.UserLastModifiedDate).toEqual(NOW);
    expect(attributesOf(fake)).toMatchObject({ 'custom:team': 'red', email_verified: 'true' });
    expect(fake.delivered).toEqual([]);
  });

  it('removes an attribute given with an empty value', async () => {
    const fake = fakePool();
    await adminUpdateUserAttributes(fake.deps, ctx, update([{ Name: 'custom:team', Value: '' }]));
    expect(attributesOf(fake)).not.toHaveProperty('custom:team');
  });

  it.each([
    ['an immutable attribute', { Name: 'custom:tenant', Value: 't2' }, 'user.custom:tenant: Attribute cannot be updated.\n'],
    ['an attribute outside the schema', { Name: 'custom:foo', Value: 'x' }, 'user.custom:foo: Attribute does not exist in the schema.\n'],
    [
      'a value past its constraints',
      { Name: 'custom:team', Value: 'purple' },
      'user.custom:team: String must be no longer than 5 characters\n',
    ],
  ])('refuses %s with InvalidParameterException, and saves nothing', async (_case, attribute, message) => {
    const fake = fakePool();
    const error = await rejection(adminUpdateUserAttributes(fake.deps, ctx, update([attribute])));
    expect([error.code, error.message]).toEqual(['InvalidParameterException', message]);
    expect(fake.saved).toEqual([]);
  });

  // API_AdminUpdateUserAttributes: "This operation can set a user's email address or phone number as verified".
  it('verifies the email the user has with email_verified alone, and sends no code', async () => {
    const fake = fakePool({ AutoVerifiedAttributes: ['email'] });
    await fake.userPool.saveUser(ctx, { ...ada, Attributes: [...ada.Attributes.filter((a) => a.Name !== 'email_verified')] });
    await adminUpdateUserAttributes(fake.deps, ctx, update([{ Name: 'email_verified', Value: 'true' }]));
    expect(attributesOf(fake)).toMatchObject({ email: 'ada@example.com', email_verified: 'true' });
    expect(fake.delivered).toEqual([]);
  });

  it('refuses phone_number_verified for a user with no phone number, given none (cognito-local’s words)', async () => {
    const fake = fakePool();
    const error = await rejection(adminUpdateUserAttributes(fake.deps, ctx, update([{ Name: 'phone_number_verified', Value: 'true' }])));
    expect([error.code, error.message]).toEqual([
      'InvalidParameterException',
      'Phone Number is required to verify/un-verify a phone number',
    ]);
    expect(fake.saved).toEqual([]);
  });

  // API_AdminUpdateUserAttributes: a changed email is unverified, and a code goes to it.
  it('sends a code to a changed email the pool verifies (CustomMessage_UpdateUserAttribute), before the one save', async () => {
    const fake = fakePool({ AutoVerifiedAttributes: ['email'] });
    const answer = await adminUpdateUserAttributes(fake.deps, ctx, {
      ...update([{ Name: 'email', Value: 'ada@new.example.com' }]),
      ClientMetadata: { by: 'admin' },
    });
    expect(answer).toEqual({});
    expect(fake.saved).toHaveLength(1);
    expect(fake.saved[0]).toMatchObject({ AttributeVerificationCode: '246810' });
    expect(attributesOf(fake)).toMatchObject({ email: 'ada@new.example.com', email_verified: 'false' });
    const [, kind, , poolId, , code, metadata, delivery] = fake.delivered[0]!;
    expect([kind, poolId, code, metadata, delivery.Destination]).toEqual([
      'UpdateUserAttribute',
      'local_Pool1',
      '246810',
      { by: 'admin' },
      'ada@new.example.com',
    ]);
  });

  it('saves nothing when the code cannot be delivered', async () => {
    const fake = fakePool({ AutoVerifiedAttributes: ['email'] });
    const failing = { ...fake.deps, messages: { deliver: () => Promise.reject(new Error('CustomMessage failed')) } };
    await expect(adminUpdateUserAttributes(failing, ctx, update([{ Name: 'email', Value: 'ada@new.example.com' }]))).rejects.toThrow(
      'CustomMessage failed',
    );
    expect(fake.saved).toEqual([]);
  });

  // API_UserAttributeUpdateSettingsType: the old value stays until the new one is verified...
  it('holds a changed email back where the pool requires verification before update, and sends its code', async () => {
    const fake = fakePool({
      AutoVerifiedAttributes: ['email'],
      UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] },
    });
    await adminUpdateUserAttributes(fake.deps, ctx, update([{ Name: 'email', Value: 'ada@new.example.com' }]));
    expect(attributesOf(fake)).toMatchObject({ email: 'ada@example.com', email_verified: 'true' });
    expect(fake.stored.get(SUB)?.UnverifiedAttributeChanges).toEqual([
      { Name: 'email', Value: 'ada@new.example.com' },
      { Name: 'email_verified', Value: 'false' },
    ]);
    expect(fake.delivered).toHaveLength(1);
  });

  it('keeps a held-back email waiting through an update of another attribute; naming the email again replaces it', async () => {
    const fake = fakePool({
      AutoVerifiedAttributes: ['email'],
      UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] },
    });
    await adminUpdateUserAttributes(fake.deps, ctx, update([{ Name: 'email', Value: 'ada@new.example.com' }]));
    await adminUpdateUserAttributes(fake.deps, ctx, update([{ Name: 'custom:team', Value: 'red' }]));
    expect(fake.stored.get(SUB)?.UnverifiedAttributeChanges).toEqual([
      { Name: 'email', Value: 'ada@new.example.com' },
      { Name: 'email_verified', Value: 'false' },
    ]);
    await adminUpdateUserAttributes(fake.deps, ctx, update([{ Name: 'email', Value: 'ada@newer.example.com' }]));
    expect(fake.stored.get(SUB)?.UnverifiedAttributeChanges).toEqual([
      { Name: 'email', Value: 'ada@newer.example.com' },
      { Name: 'email_verified', Value: 'false' },
    ]);
  });

  // ...unless AdminUpdateUserAttributes sets email_verified true with it ("include the email_verified ... with a value of true").
  it('changes a held-back email at once, verified, with no code, when email_verified "true" comes with it', async () => {
    const fake = fakePool({
      AutoVerifiedAttributes: ['email'],
      UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] },
    });
    await adminUpdateUserAttributes(
      fake.deps,
      ctx,
      update([
        { Name: 'email', Value: 'ada@new.example.com' },
        { Name: 'email_verified', Value: 'true' },
      ]),
    );
    expect(attributesOf(fake)).toMatchObject({ email: 'ada@new.example.com', email_verified: 'true' });
    expect(fake.stored.get(SUB)?.UnverifiedAttributeChanges).toBeUndefined();
    expect(fake.delivered).toEqual([]);
    expect(fake.saved).toHaveLength(1);
  });

  it('answers UserNotFoundException "User does not exist." for a user the pool does not hold (cognito-local: NotAuthorizedException)', async () => {
    const fake = fakePool();
    const error = await rejection(
      adminUpdateUserAttributes(fake.deps, ctx, update([{ Name: 'custom:team', Value: 'red' }], 'grace@example.com')),
    );
    expect([error.code, error.message]).toEqual(['UserNotFoundException', 'User does not exist.']);
  });
});
