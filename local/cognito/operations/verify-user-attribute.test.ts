import { describe, expect, it } from 'vitest';
import { attributesToRecord, type User } from '../cognito-local.ts';
import { signedAccessToken } from '../testing/access-token.ts';
import { ctx, fakeCognito, rejection, userWithAttributes } from '../testing/fake-cognito.ts';
import { NOW } from '../testing/operation-testbed.ts';
import { verifyUserAttribute } from './verify-user-attribute.ts';

const ada = userWithAttributes(
  'ada',
  { email: 'ada@example.com', email_verified: 'false', phone_number: '+12065551234' },
  { AttributeVerificationCode: '246810' },
);
const AccessToken = () => signedAccessToken('ada', 'client-1');

function fakePool(user: Partial<User> = {}) {
  const fake = fakeCognito({ users: [{ ...ada, ...user }] });
  return { ...fake, deps: { ...fake.services, clock: { get: () => NOW, now: () => NOW.getTime() } } };
}

describe('verifyUserAttribute', () => {
  it.each([
    ['email', 'email_verified'],
    ['phone_number', 'phone_number_verified'],
  ])('verifies the %s with the code sent, spends the code, in one save', async (AttributeName, flag) => {
    const { deps, saved } = fakePool();
    expect(await verifyUserAttribute(deps, ctx, { AccessToken: AccessToken(), AttributeName, Code: '246810' })).toEqual({});
    expect(saved).toHaveLength(1);
    expect(attributesToRecord(saved[0]!.Attributes)[flag]).toBe('true');
    expect(saved[0]).toMatchObject({ AttributeVerificationCode: undefined, UserLastModifiedDate: NOW });
  });

  // API_VerifyUserAttribute.html: a pool that verifies before it updates takes the pending value now.
  it('applies the pending email the code was sent to, and leaves a pending phone number waiting', async () => {
    const { deps, saved } = fakePool({
      // As UpdateUserAttributes holds them back: each with its `…_verified: false`.
      UnverifiedAttributeChanges: [
        { Name: 'email', Value: 'ada@new.example.com' },
        { Name: 'email_verified', Value: 'false' },
        { Name: 'phone_number', Value: '+12065550000' },
        { Name: 'phone_number_verified', Value: 'false' },
      ],
    });
    await verifyUserAttribute(deps, ctx, { AccessToken: AccessToken(), AttributeName: 'email', Code: '246810' });
    const attributes = attributesToRecord(saved[0]!.Attributes);
    expect([attributes.email, attributes.email_verified, attributes.phone_number]).toEqual(['ada@new.example.com', 'true', '+12065551234']);
    expect(saved[0]!.UnverifiedAttributeChanges).toEqual([
      { Name: 'phone_number', Value: '+12065550000' },
      { Name: 'phone_number_verified', Value: 'false' },
    ]);
  });

  it.each([
    ['a wrong code', {}, '135790'],
    ['a code when none was sent', { AttributeVerificationCode: undefined }, '246810'],
  ])('refuses %s with CodeMismatchException, and saves nothing', async (_case, user, Code) => {
    const { deps, saved } = fakePool(user);
    const error = await rejection(verifyUserAttribute(deps, ctx, { AccessToken: AccessToken(), AttributeName: 'email', Code }));
    expect([error.code, error.message]).toEqual(['CodeMismatchException', 'Invalid verification code provided, please try again.']);
    expect(saved).toEqual([]);
  });

  it.each([
    ['an attribute no code verifies', 'given_name', {}],
    [
      'an attribute the user lacks',
      'phone_number',
      { Attributes: ada.Attributes.filter((attribute) => attribute.Name !== 'phone_number') },
    ],
  ])('refuses %s', async (_case, AttributeName, user) => {
    const { deps, saved } = fakePool(user);
    const error = await rejection(verifyUserAttribute(deps, ctx, { AccessToken: AccessToken(), AttributeName, Code: '246810' }));
    expect(error.code).toBe('InvalidParameterException');
    expect(saved).toEqual([]);
  });

  it("refuses a signed-out user's access token, and saves nothing", async () => {
    const { deps, saved } = fakePool({ RefreshTokens: [] });
    const error = await rejection(verifyUserAttribute(deps, ctx, { AccessToken: AccessToken(), AttributeName: 'email', Code: '246810' }));
    expect(error.message).toBe('Access Token has been revoked');
    expect(saved).toEqual([]);
  });
});
