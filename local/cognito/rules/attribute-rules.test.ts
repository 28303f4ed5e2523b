import { type AppClient, USER_POOL_AWS_DEFAULTS, type UserPool } from '../cognito-local.ts';
import { describe, expect, it } from 'vitest';
import { appClient, fakeCognito, userWithAttributes } from '../testing/fake-cognito.ts';
import { refuseSchemaViolationsOnCreate, refuseUnwritableAttributes } from './attribute-rules.ts';

const ada = userWithAttributes('0a1b2c3d-0000-4000-8000-000000000001', {
  email: 'ada@example.com',
  email_verified: 'true',
  'custom:team': 'blue',
  'custom:tenant': 't1',
});

/** An email-as-username pool with custom:team (mutable, up to 5 characters) and custom:tenant (immutable); one user, Ada. */
function fakePool(client: Partial<AppClient> = {}) {
  return fakeCognito({
    users: [ada],
    pool: {
      Id: 'local_Pool1',
      UsernameAttributes: ['email'],
      SchemaAttributes: [
        ...(USER_POOL_AWS_DEFAULTS.SchemaAttributes ?? []).map((attribute) =>
          attribute.Name === 'email' ? { ...attribute, Required: true } : attribute,
        ),
        {
          Name: 'custom:team',
          AttributeDataType: 'String',
          Mutable: true,
          Required: false,
          StringAttributeConstraints: { MaxLength: '5' },
        },
        { Name: 'custom:tenant', AttributeDataType: 'String', Mutable: false, Required: false, StringAttributeConstraints: {} },
      ],
    },
    clients: [appClient('client-1', client)],
  });
}

const _signUp = (attributes: { Name: string; Value: string }[]) => ({
  ClientId: 'client-1',
  Username: 'new@example.com',
  Password: 'Correct-Horse-1',
  UserAttributes: attributes,
});

describe('refuseSchemaViolationsOnCreate (SignUp, AdminCreateUser)', () => {
  const refused = (pool: UserPool, attributes: { Name: string; Value: string }[]) => {
    try {
      refuseSchemaViolationsOnCreate(pool, attributes);
      return undefined;
    } catch (error) {
      return error as { code: string; message: string };
    }
  };

  it('refuses an attribute outside the schema', () => {
    const error = refused(fakePool().userPool.options, [{ Name: 'favorite_flavor', Value: 'x' }]);
    expect(error?.code).toBe('InvalidParameterException');
    expect(error?.message).toBe('Attributes did not conform to the schema: favorite_flavor: Attribute does not exist in the schema.\n');
  });

  it('takes the email of an email-as-username pool from the username', () => {
    expect(refused(fakePool().userPool.options, [{ Name: 'custom:team', Value: 'blue' }])).toBeUndefined();
  });

  it('refuses a custom string too long', () => {
    expect(refused(fakePool().userPool.options, [{ Name: 'custom:team', Value: 'purple' }])?.message).toBe(
      'Attributes did not conform to the schema: custom:team: String must be no longer than 5 characters\n',
    );
  });
});

describe('refuseUnwritableAttributes (SignUp, UpdateUserAttributes)', () => {
  const refusal = (client: Partial<AppClient>, attributes: { Name: string; Value: string }[]) => {
    try {
      refuseUnwritableAttributes(appClient('client-1', client), attributes);
      return undefined;
    } catch (error) {
      return error as { code: string; message: string };
    }
  };

  it('refuses a custom attribute a client without WriteAttributes may not write', () => {
    expect(refusal({}, [{ Name: 'custom:team', Value: 'blue' }])).toMatchObject({
      code: 'NotAuthorizedException',
      message: 'A client attempted to write unauthorized attribute',
    });
  });

  it('refuses email_verified from a client, whatever its defaults', () => {
    expect(refusal({}, [{ Name: 'email_verified', Value: 'true' }])?.message).toBe('A client attempted to write unauthorized attribute');
  });

  it('lets a client write what its WriteAttributes list', () => {
    expect(refusal({ WriteAttributes: ['email', 'custom:team'] }, [{ Name: 'custom:team', Value: 'blue' }])).toBeUndefined();
  });
});
