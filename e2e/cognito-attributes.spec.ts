// The user pool's attribute rules as the local Cognito enforces them over HTTP, on a pool and
// app clients the test makes itself (docs/aws-behaviour.md, "Cognito user attributes").
import {
  AddCustomAttributesCommand,
  AdminUpdateUserAttributesCommand,
  ConfirmSignUpCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolCommand,
  GetUserCommand,
  InitiateAuthCommand,
  SignUpCommand,
  UpdateUserAttributesCommand,
  type AttributeType,
  type ExplicitAuthFlowsType,
} from '@aws-sdk/client-cognito-identity-provider';
import { expect, test } from '@playwright/test';
import { cognitoClient } from '../testing/cognito-client.ts';
import { latestCode } from '../testing/dev-inbox.ts';
import { uniqueEmail } from '../testing/unique-names.ts';
import { e2eStack, failure } from './stack.ts';

const PASSWORD = 'Attr-Passw0rd!';
const cognito = cognitoClient(e2eStack.urls.cognito);
const AUTH_FLOWS: ExplicitAuthFlowsType[] = ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'];

let userPoolId: string;
/** Reads and writes custom:team and custom:tenant besides the standard attributes. */
let teamClientId: string;
/** No ReadAttributes nor WriteAttributes: Cognito's defaults, the standard attributes. */
let defaultClientId: string;

test.beforeAll(async () => {
  const { UserPool } = await cognito.send(
    new CreateUserPoolCommand({
      PoolName: `attributes-${Date.now()}`,
      UsernameAttributes: ['email'],
      AutoVerifiedAttributes: ['email'],
      Schema: [
        { Name: 'email', AttributeDataType: 'String', Required: true, Mutable: true },
        { Name: 'team', AttributeDataType: 'String', Mutable: true, StringAttributeConstraints: { MaxLength: '5' } },
        { Name: 'tenant', AttributeDataType: 'String', Mutable: false },
      ],
    }),
  );
  userPoolId = UserPool!.Id!;
  const standard = ['email', 'name', 'given_name', 'family_name'];
  const team = await cognito.send(
    new CreateUserPoolClientCommand({
      UserPoolId: userPoolId,
      ClientName: 'team-client',
      ExplicitAuthFlows: AUTH_FLOWS,
      ReadAttributes: [...standard, 'email_verified', 'custom:team', 'custom:tenant'],
      WriteAttributes: [...standard, 'custom:team', 'custom:tenant'],
    }),
  );
  teamClientId = team.UserPoolClient!.ClientId!;
  const plain = await cognito.send(
    new CreateUserPoolClientCommand({ UserPoolId: userPoolId, ClientName: 'default-client', ExplicitAuthFlows: AUTH_FLOWS }),
  );
  defaultClientId = plain.UserPoolClient!.ClientId!;
});

test.afterAll(() => cognito.destroy());

const signUp = (UserAttributes: AttributeType[], ClientId = teamClientId, Username = uniqueEmail('attr')) =>
  cognito.send(new SignUpCommand({ ClientId, Username, Password: PASSWORD, UserAttributes }));

/** A confirmed user of the pool with `attributes`, signed in through `clientId`. */
async function signedInUser(attributes: AttributeType[], clientId = teamClientId) {
  const email = uniqueEmail('attr');
  await signUp(attributes, teamClientId, email);
  await cognito.send(
    new ConfirmSignUpCommand({ ClientId: teamClientId, Username: email, ConfirmationCode: await latestCode(e2eStack.urls.cognito, email) }),
  );
  const { AuthenticationResult } = await cognito.send(
    new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: email, PASSWORD } }),
  );
  return { email, ...AuthenticationResult! };
}

const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
const namesOf = (attributes: { Name?: string }[] = []) => attributes.map((attribute) => attribute.Name);

test.describe('the pool schema', () => {
  test('DescribeUserPool lists the standard attributes and the custom ones as custom:<name>, AddCustomAttributes included', async () => {
    await cognito.send(
      new AddCustomAttributesCommand({
        UserPoolId: userPoolId,
        CustomAttributes: [{ Name: 'level', AttributeDataType: 'Number', NumberAttributeConstraints: { MinValue: '1', MaxValue: '9' } }],
      }),
    );
    const { UserPool } = await cognito.send(new DescribeUserPoolCommand({ UserPoolId: userPoolId }));
    const schema = UserPool!.SchemaAttributes!;
    for (const name of ['sub', 'name', 'email', 'email_verified', 'phone_number', 'updated_at']) expect(namesOf(schema)).toContain(name);
    expect(schema.find((attribute) => attribute.Name === 'email')).toMatchObject({ Required: true, Mutable: true });
    expect(schema.find((attribute) => attribute.Name === 'custom:team')).toEqual({
      Name: 'custom:team',
      AttributeDataType: 'String',
      DeveloperOnlyAttribute: false,
      Mutable: true,
      Required: false,
      StringAttributeConstraints: { MaxLength: '5' },
    });
    expect(schema.find((attribute) => attribute.Name === 'custom:tenant')).toMatchObject({ Mutable: false });
    expect(schema.find((attribute) => attribute.Name === 'custom:level')).toEqual({
      Name: 'custom:level',
      AttributeDataType: 'Number',
      DeveloperOnlyAttribute: false,
      Mutable: true,
      Required: false,
      NumberAttributeConstraints: { MinValue: '1', MaxValue: '9' },
    });
  });

  test('CreateUserPool refuses a required custom attribute', async () => {
    const create = cognito.send(
      new CreateUserPoolCommand({
        PoolName: `required-${Date.now()}`,
        Schema: [{ Name: 'tier', AttributeDataType: 'String', Required: true }],
      }),
    );
    expect(await failure(create)).toEqual({
      name: 'InvalidParameterException',
      message: 'Required custom attributes are not supported currently.',
    });
  });
});

test.describe('SignUp', () => {
  test('refuses a custom attribute the schema lacks', async () => {
    expect(await failure(signUp([{ Name: 'custom:foo', Value: 'x' }]))).toEqual({
      name: 'InvalidParameterException',
      message: 'Attributes did not conform to the schema: Type for attribute {custom:foo} could not be determined',
    });
  });

  test('refuses a name that is no attribute of the schema', async () => {
    expect(await failure(signUp([{ Name: 'favorite_flavor', Value: 'x' }]))).toEqual({
      name: 'InvalidParameterException',
      message: 'Attributes did not conform to the schema: favorite_flavor: Attribute does not exist in the schema.\n',
    });
  });

  test('refuses a string longer than its MaxLength', async () => {
    expect(await failure(signUp([{ Name: 'custom:team', Value: 'purple' }]))).toEqual({
      name: 'InvalidParameterException',
      message: 'Attributes did not conform to the schema: custom:team: String must be no longer than 5 characters\n',
    });
  });

  test('refuses a sign-up without a required attribute', async () => {
    const { UserPool } = await cognito.send(
      new CreateUserPoolCommand({
        PoolName: `required-name-${Date.now()}`,
        UsernameAttributes: ['email'],
        Schema: [{ Name: 'given_name', AttributeDataType: 'String', Required: true, Mutable: true }],
      }),
    );
    const client = await cognito.send(new CreateUserPoolClientCommand({ UserPoolId: UserPool!.Id!, ClientName: 'required-client' }));
    expect(await failure(signUp([], client.UserPoolClient!.ClientId!))).toEqual({
      name: 'InvalidParameterException',
      message: 'Attributes did not conform to the schema: given_name: The attribute is required\n',
    });
  });

  test('refuses a custom attribute the app client may not write (no WriteAttributes: standard ones only)', async () => {
    expect(await failure(signUp([{ Name: 'custom:team', Value: 'blue' }], defaultClientId))).toEqual({
      name: 'NotAuthorizedException',
      message: 'A client attempted to write unauthorized attribute',
    });
  });
});

test.describe('reading attributes', () => {
  test('a custom attribute written at sign-up is in GetUser and in the ID token as custom:<name>', async () => {
    const { AccessToken, IdToken, email } = await signedInUser([{ Name: 'custom:team', Value: 'blue' }]);
    const { UserAttributes } = await cognito.send(new GetUserCommand({ AccessToken }));
    expect(UserAttributes).toContainEqual({ Name: 'custom:team', Value: 'blue' });
    expect(UserAttributes).toContainEqual({ Name: 'email', Value: email });
    expect(claimsOf(IdToken!)).toMatchObject({ 'custom:team': 'blue', email });
  });

  test('a client without ReadAttributes sees the standard attributes only, in GetUser and the ID token', async () => {
    const { AccessToken, IdToken, email } = await signedInUser([{ Name: 'custom:team', Value: 'blue' }], defaultClientId);
    const { UserAttributes } = await cognito.send(new GetUserCommand({ AccessToken }));
    expect(namesOf(UserAttributes)).not.toContain('custom:team');
    expect(UserAttributes).toContainEqual({ Name: 'email', Value: email });
    const claims = claimsOf(IdToken!);
    expect(claims).not.toHaveProperty('custom:team');
    expect(claims).toMatchObject({ email, email_verified: true });
  });
});

test.describe('updating attributes', () => {
  test('UpdateUserAttributes changes a mutable custom attribute', async () => {
    const { AccessToken } = await signedInUser([{ Name: 'custom:team', Value: 'blue' }]);
    await cognito.send(new UpdateUserAttributesCommand({ AccessToken, UserAttributes: [{ Name: 'custom:team', Value: 'red' }] }));
    const { UserAttributes } = await cognito.send(new GetUserCommand({ AccessToken }));
    expect(UserAttributes).toContainEqual({ Name: 'custom:team', Value: 'red' });
  });

  test('an immutable attribute set at sign-up cannot be updated, by the user or an administrator', async () => {
    const { AccessToken, email } = await signedInUser([{ Name: 'custom:tenant', Value: 't1' }]);
    const expected = { name: 'InvalidParameterException', message: 'user.custom:tenant: Attribute cannot be updated.\n' };
    const attributes = [{ Name: 'custom:tenant', Value: 't2' }];
    expect(await failure(cognito.send(new UpdateUserAttributesCommand({ AccessToken, UserAttributes: attributes })))).toEqual(expected);
    expect(
      await failure(
        cognito.send(new AdminUpdateUserAttributesCommand({ UserPoolId: userPoolId, Username: email, UserAttributes: attributes })),
      ),
    ).toEqual(expected);
  });

  test('UpdateUserAttributes refuses an attribute outside the schema', async () => {
    const { AccessToken } = await signedInUser([]);
    expect(
      await failure(cognito.send(new UpdateUserAttributesCommand({ AccessToken, UserAttributes: [{ Name: 'custom:foo', Value: 'x' }] }))),
    ).toEqual({
      name: 'InvalidParameterException',
      message: 'user.custom:foo: Attribute does not exist in the schema.\n',
    });
  });

  test('UpdateUserAttributes through a client that may not write the attribute is refused', async () => {
    const { AccessToken } = await signedInUser([], defaultClientId);
    expect(
      await failure(
        cognito.send(new UpdateUserAttributesCommand({ AccessToken, UserAttributes: [{ Name: 'custom:team', Value: 'red' }] })),
      ),
    ).toEqual({
      name: 'NotAuthorizedException',
      message: 'A client attempted to write unauthorized attribute',
    });
  });
});
