import { describe, expect, it } from 'vitest';
import { USER_POOL_AWS_DEFAULTS, type UserPool } from '../cognito-local.ts';
import { ctx, rejection } from '../testing/fake-cognito.ts';
import { fakePoolStore } from '../testing/fake-pool-store.ts';
import { NOW } from '../testing/operation-testbed.ts';
import { updateUserPool } from './update-user-pool.ts';

/** A pool created with settings of its own, a day before NOW. */
const created: UserPool = {
  Id: 'eu-west-1_Pool1',
  Name: 'team',
  CreationDate: new Date('2026-12-06T12:00:00Z'),
  LastModifiedDate: new Date('2026-12-06T12:00:00Z'),
  UsernameAttributes: ['email'],
  SchemaAttributes: [{ Name: 'custom:team', AttributeDataType: 'String' }],
  AutoVerifiedAttributes: ['email'],
  MfaConfiguration: 'OPTIONAL',
  LambdaConfig: { PreSignUp: 'arn:aws:lambda:eu-west-1:000000000000:function:pre-sign-up' },
  Policies: { PasswordPolicy: { MinimumLength: 6 } },
  UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] },
  UserPoolTags: { team: 'engines' },
};

const defaults = USER_POOL_AWS_DEFAULTS;

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateUserPool.html
// ("If you don't provide a value for an attribute, Amazon Cognito sets it to its default value").
describe('updateUserPool', () => {
  it('sets back to its default each setting the request leaves out, and saves the pool once', async () => {
    const { deps, pools, writes } = fakePoolStore({ pools: [created] });
    expect(await updateUserPool(deps, ctx, { UserPoolId: created.Id, AutoVerifiedAttributes: ['email'] })).toEqual({});
    const updated = pools.get(created.Id)!;
    expect(updated).toMatchObject({
      AutoVerifiedAttributes: ['email'],
      MfaConfiguration: 'OFF',
      LambdaConfig: {},
      Policies: defaults.Policies,
      AdminCreateUserConfig: defaults.AdminCreateUserConfig,
      LastModifiedDate: NOW,
    });
    expect(updated.UserPoolTags).toBeUndefined();
    expect(writes).toEqual([['updateOptions', updated]]);
  });

  it('keeps what UpdateUserPool cannot change: the id, name, dates of creation, username attributes, schema', async () => {
    const { deps, pools } = fakePoolStore({ pools: [created] });
    await updateUserPool(deps, ctx, { UserPoolId: created.Id });
    const { Id, Name, CreationDate, UsernameAttributes, SchemaAttributes } = created;
    expect(pools.get(created.Id)).toMatchObject({ Id, Name, CreationDate, UsernameAttributes, SchemaAttributes });
  });

  it("completes a setting with Cognito's defaults as CreateUserPool does: a PasswordPolicy of one member keeps the others", async () => {
    const { deps, pools } = fakePoolStore({ pools: [created] });
    await updateUserPool(deps, ctx, { UserPoolId: created.Id, Policies: { PasswordPolicy: { MinimumLength: 12, RequireSymbols: false } } });
    expect(pools.get(created.Id)!.Policies?.PasswordPolicy).toEqual({
      ...defaults.Policies?.PasswordPolicy,
      MinimumLength: 12,
      RequireSymbols: false,
    });
  });

  it('keeps UserAttributeUpdateSettings when left out (DescribeUserPool does not answer it), takes it when given', async () => {
    const { deps, pools } = fakePoolStore({ pools: [created] });
    await updateUserPool(deps, ctx, { UserPoolId: created.Id });
    expect(pools.get(created.Id)!.UserAttributeUpdateSettings).toEqual(created.UserAttributeUpdateSettings);
    await updateUserPool(deps, ctx, {
      UserPoolId: created.Id,
      UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: [] },
    });
    expect(pools.get(created.Id)!.UserAttributeUpdateSettings).toEqual({ AttributesRequireVerificationBeforeUpdate: [] });
  });

  it('refuses a trigger the emulator does not run, then device tracking, before it looks for the pool', async () => {
    const { deps, writes } = fakePoolStore({ pools: [created] });
    const LambdaConfig = {
      CustomEmailSender: { LambdaArn: 'arn:aws:lambda:eu-west-1:000000000000:function:f', LambdaVersion: 'V1_0' as const },
    };
    const DeviceConfiguration = { DeviceOnlyRememberedOnUserPrompt: true };
    const triggers = await rejection(updateUserPool(deps, ctx, { UserPoolId: 'eu-west-1_Nowhere', LambdaConfig, DeviceConfiguration }));
    expect([triggers.code, triggers.message]).toEqual(['CognitoLocal#Unsupported', expect.stringMatching(/CustomEmailSender/)]);
    const devices = await rejection(updateUserPool(deps, ctx, { UserPoolId: 'eu-west-1_Nowhere', DeviceConfiguration }));
    expect(devices.message).toMatch(/DeviceConfiguration/);
    expect(writes).toEqual([]);
  });

  it('answers ResourceNotFoundException for a pool that does not exist', async () => {
    const { deps } = fakePoolStore({ pools: [created] });
    const error = await rejection(updateUserPool(deps, ctx, { UserPoolId: 'eu-west-1_Nowhere' }));
    expect(error.code).toBe('ResourceNotFoundException');
  });
});
