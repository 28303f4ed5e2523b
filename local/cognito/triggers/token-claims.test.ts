import { describe, expect, it } from 'vitest';
import { applyClaimChanges, groupClaims, overridesFromV1, overridesFromV2 } from './token-claims.ts';

// The pre token generation trigger page's example answers ("Add a new claim and suppress an
// existing claim", "Modify the user's group membership").
const V1_EXAMPLE = {
  claimsOverrideDetails: {
    claimsToAddOrOverride: { attribute_key2: 'attribute_value2', attribute_key: 'attribute_value' },
    claimsToSuppress: ['email'],
    groupOverrideDetails: {
      groupsToOverride: ['group-A', 'group-B', 'group-C'],
      iamRolesToOverride: ['arn:aws:iam::XXXXXXXXXXXX:role/sns_callerA', 'arn:aws:iam::XXXXXXXXX:role/sns_callerB'],
      preferredRole: 'arn:aws:iam::XXXXXXXXXXX:role/sns_caller',
    },
  },
};
const idToken = { sub: 'a1b2', email: 'ada@example.com', 'cognito:groups': ['admins'], token_use: 'id' };

describe('PreTokenGeneration answers', () => {
  it('adds and suppresses ID token claims and replaces the groups (V1_0)', () => {
    const overrides = overridesFromV1(V1_EXAMPLE);
    expect(overrides.accessToken).toBeUndefined();
    const { 'cognito:groups': _, ...rest } = idToken;
    expect(applyClaimChanges({ ...rest, ...groupClaims(overrides.groups!, 'id') }, overrides.idToken)).toEqual({
      sub: 'a1b2',
      token_use: 'id',
      attribute_key: 'attribute_value',
      attribute_key2: 'attribute_value2',
      'cognito:groups': ['group-A', 'group-B', 'group-C'],
      'cognito:roles': ['arn:aws:iam::XXXXXXXXXXXX:role/sns_callerA', 'arn:aws:iam::XXXXXXXXX:role/sns_callerB'],
      'cognito:preferred_role': 'arn:aws:iam::XXXXXXXXXXX:role/sns_caller',
    });
    expect(groupClaims(overrides.groups!, 'access')).toEqual({ 'cognito:groups': ['group-A', 'group-B', 'group-C'] });
  });

  it('keeps the groups when the answer leaves groupOverrideDetails out, and drops them when it is null', () => {
    expect(overridesFromV1({ claimsOverrideDetails: { claimsToSuppress: ['email'] } }).groups).toBeUndefined();
    expect(overridesFromV1({ claimsOverrideDetails: { groupOverrideDetails: null } }).groups).toEqual({ groups: [], iamRoles: [] });
  });

  it('suppresses a claim that is both suppressed and overridden, and keeps the claims Cognito protects', () => {
    const ignored: string[] = [];
    const changes = { addOrOverride: { email: 'x', sub: 'forged', iss: 'me' }, suppress: ['email', 'aud'] };
    expect(applyClaimChanges(idToken, changes, (claim) => ignored.push(claim))).toEqual({
      sub: 'a1b2',
      'cognito:groups': ['admins'],
      token_use: 'id',
    });
    expect(ignored).toEqual(['sub', 'iss', 'aud']);
  });

  it('refuses a V1_0 claim that is not a string, and an answer of the wrong shape', () => {
    expect(() => overridesFromV1({ claimsOverrideDetails: { claimsToAddOrOverride: { admin: true } } })).toThrow(
      'Unrecognizable lambda output',
    );
    expect(() => overridesFromV1({ claimsOverrideDetails: { claimsToSuppress: 'email' } })).toThrow('Unrecognizable lambda output');
  });

  it('changes both tokens and the access token’s scopes (V2_0), any JSON value allowed', () => {
    const overrides = overridesFromV2({
      claimsAndScopeOverrideDetails: {
        idTokenGeneration: { claimsToAddOrOverride: { family_name: 'Doe', roles: ['a', 'b'] }, claimsToSuppress: ['email'] },
        accessTokenGeneration: {
          claimsToAddOrOverride: { tenant: { id: 7 } },
          scopesToAdd: ['openid', 'orders/read'],
          scopesToSuppress: ['aws.cognito.signin.user.admin'],
        },
      },
    });
    expect(applyClaimChanges(idToken, overrides.idToken)).toMatchObject({ family_name: 'Doe', roles: ['a', 'b'] });
    expect(applyClaimChanges({ scope: 'aws.cognito.signin.user.admin', token_use: 'access' }, overrides.accessToken!)).toEqual({
      scope: 'openid orders/read',
      tenant: { id: 7 },
      token_use: 'access',
    });
  });
});
