import { describe, expect, it } from 'vitest';
import { USER_POOL_AWS_DEFAULTS, type UserPool } from '../../cognito-local.ts';
import { appClient } from '../../testing/fake-cognito.ts';
import { mappedAttributes, mappingProblem } from './attribute-mapping.ts';

// https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-specifying-attribute-mapping.html
const standard = USER_POOL_AWS_DEFAULTS.SchemaAttributes ?? [];
const pool = (extra: NonNullable<UserPool['SchemaAttributes']> = []): UserPool => ({
  Id: 'local_Pool1',
  SchemaAttributes: [...standard, ...extra],
});
const client = appClient('web');

describe('mappedAttributes', () => {
  it('writes each pool attribute from the provider attribute it maps, leaving out what the provider did not send', () => {
    const mapping = { email: 'email', name: 'name', given_name: 'given_name', username: 'sub' };
    expect(mappedAttributes(mapping, { sub: '1001', email: 'ada@example.com', name: 'Ada Lovelace', given_name: '' })).toEqual([
      { Name: 'email', Value: 'ada@example.com' },
      { Name: 'name', Value: 'Ada Lovelace' },
    ]);
  });

  it('maps SAML attributes named by URL', () => {
    const mapping = { email: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress' };
    expect(
      mappedAttributes(mapping, { 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress': 'ada@corp.example.com' }),
    ).toEqual([{ Name: 'email', Value: 'ada@corp.example.com' }]);
  });
});

describe('mappingProblem', () => {
  const requiredEmail = pool().SchemaAttributes!.map((attribute) =>
    attribute.Name === 'email' ? { ...attribute, Required: true } : attribute,
  );

  it('refuses a first sign-in without a required attribute, in the words of Cognito\'s redirect ("attributes required: [email]")', () => {
    expect(mappingProblem({ Id: 'p', SchemaAttributes: requiredEmail }, client, [{ Name: 'name', Value: 'Ada' }], true)).toBe(
      'attributes required: [email]',
    );
    expect(
      mappingProblem({ Id: 'p', SchemaAttributes: requiredEmail }, client, [{ Name: 'email', Value: 'ada@example.com' }], true),
    ).toBeUndefined();
  });

  it('does not ask again for a required attribute at a later sign-in (the user has it)', () => {
    expect(mappingProblem({ Id: 'p', SchemaAttributes: requiredEmail }, client, [], false)).toBeUndefined();
  });

  it('refuses an immutable custom attribute at a later sign-in, which Cognito cannot update', () => {
    const tenant = pool([{ Name: 'custom:tenant', AttributeDataType: 'String', Mutable: false }]);
    const writer = appClient('web', { WriteAttributes: ['email', 'custom:tenant'] });
    expect(mappingProblem(tenant, writer, [{ Name: 'custom:tenant', Value: 'acme' }], true)).toBeUndefined();
    expect(mappingProblem(tenant, writer, [{ Name: 'custom:tenant', Value: 'acme' }], false)).toBe(
      'Invalid user attributes: custom:tenant: Attribute cannot be updated.',
    );
  });

  it('refuses an attribute the app client may not write, but not the verified flags', () => {
    const tenant = pool([{ Name: 'custom:tenant', AttributeDataType: 'String', Mutable: true }]);
    expect(mappingProblem(tenant, client, [{ Name: 'custom:tenant', Value: 'acme' }], true)).toBe(
      'Invalid user attributes: custom:tenant: The app client cannot write this attribute.',
    );
    expect(mappingProblem(tenant, client, [{ Name: 'email_verified', Value: 'true' }], true)).toBeUndefined();
  });

  it('refuses a value over 2048 characters and an attribute outside the schema', () => {
    expect(mappingProblem(pool(), client, [{ Name: 'name', Value: 'x'.repeat(2049) }], true)).toBe(
      'Invalid user attributes: name: String must be no longer than 2048 characters',
    );
    expect(mappingProblem(pool(), client, [{ Name: 'custom:missing', Value: 'x' }], true)).toBe(
      'Invalid user attributes: custom:missing: Attribute does not exist in the schema.',
    );
  });
});
