import { describe, expect, it } from 'vitest';
import { type AppClient, USER_POOL_AWS_DEFAULTS, type UserPool } from '../cognito-local.ts';
import { signedAccessToken } from '../testing/access-token.ts';
import { appClient, ctx, fakeCognito, rejection, userWithAttributes } from '../testing/fake-cognito.ts';
import { NOW } from '../testing/operation-testbed.ts';
import { updateUserAttributes } from './update-user-attributes.ts';

const ada = userWithAttributes('ada', { email: 'ada@example.com', email_verified: 'true' });
const token = () => signedAccessToken('ada', 'client-1');

/** Ada, in a pool with `pool`'s settings (Cognito's standard schema), and client-1 with `client`'s. */
function fakePool(pool: Partial<UserPool> = {}, client: Partial<AppClient> = {}) {
  const fake = fakeCognito({
    users: [ada],
    pool: { SchemaAttributes: USER_POOL_AWS_DEFAULTS.SchemaAttributes, ...pool },
    clients: [appClient('client-1', client)],
    otp: '246810',
  });
  return { ...fake, deps: { ...fake.services, clock: { get: () => NOW, now: () => NOW.getTime() } } };
}

describe('updateUserAttributes', () => {
  it('changes what the client may write, in one save, with no code in a pool that verifies nothing', async () => {
    const { deps, saved, delivered } = fakePool();
    const answer = await updateUserAttributes(deps, ctx, { AccessToken: token(), UserAttributes: [{ Name: 'given_name', Value: 'Ada' }] });
    expect(answer).toEqual({ CodeDeliveryDetailsList: [] });
    expect(saved).toHaveLength(1);
    expect(saved[0]!.Attributes).toContainEqual({ Name: 'given_name', Value: 'Ada' });
    expect(saved[0]!.UserLastModifiedDate).toEqual(NOW);
    expect(delivered).toEqual([]);
  });

  // API_UpdateUserAttributes: a changed email is unverified until its code is confirmed.
  it('sends a code to a changed email the pool verifies, unverified until then, and masks it in the answer', async () => {
    const { deps, saved, delivered } = fakePool({ AutoVerifiedAttributes: ['email'] });
    const answer = await updateUserAttributes(deps, ctx, {
      AccessToken: token(),
      UserAttributes: [{ Name: 'email', Value: 'ada@new.example.com' }],
    });
    expect(answer.CodeDeliveryDetailsList).toEqual([{ AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: 'a***@n***' }]);
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({ AttributeVerificationCode: '246810' });
    expect(saved[0]!.Attributes).toEqual(
      expect.arrayContaining([
        { Name: 'email', Value: 'ada@new.example.com' },
        { Name: 'email_verified', Value: 'false' },
      ]),
    );
    const [, kind, , , , code, , delivery] = delivered[0]!;
    expect([kind, code, delivery.Destination]).toEqual(['UpdateUserAttribute', '246810', 'ada@new.example.com']);
  });

  it("refuses what the access token's client may not write, and saves nothing", async () => {
    const { deps, saved } = fakePool({}, { WriteAttributes: ['email'] });
    const error = await rejection(
      updateUserAttributes(deps, ctx, { AccessToken: token(), UserAttributes: [{ Name: 'given_name', Value: 'Ada' }] }),
    );
    expect([error.code, error.message]).toEqual(['NotAuthorizedException', 'A client attempted to write unauthorized attribute']);
    expect(saved).toEqual([]);
  });

  it('refuses an attribute the schema does not have, and saves nothing', async () => {
    const { deps, saved } = fakePool({}, { WriteAttributes: ['email', 'custom:team'] });
    const error = await rejection(
      updateUserAttributes(deps, ctx, { AccessToken: token(), UserAttributes: [{ Name: 'custom:team', Value: 'x' }] }),
    );
    expect(error.code).toBe('InvalidParameterException');
    expect(saved).toEqual([]);
  });
});
