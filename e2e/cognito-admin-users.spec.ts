// The Admin*User operations on a team's own pool, written in serverless.yml and started from a
// fresh data folder: its password policy, its schema (an immutable custom attribute, a required
// one) and its UserAttributeUpdateSettings, as Cognito applies them (docs/aws-behaviour.md,
// "Account operations").
import {
  AdminConfirmSignUpCommand,
  AdminCreateUserCommand,
  AdminDeleteUserAttributesCommand,
  AdminDeleteUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { expect, test } from '@playwright/test';
import { cognitoClient } from '../testing/cognito-client.ts';
import { latestCode } from '../testing/dev-inbox.ts';
import { uniqueEmail, uniqueName } from '../testing/unique-names.ts';
import { e2eStack, failure } from './stack.ts';
import { startVariantApi, type VariantApi } from './variant-stack.ts';

const PASSWORD = 'Team-Passw0rd-long!';

test.describe('admin operations on a pool of the team’s own', () => {
  let variant: VariantApi;
  const cognito = cognitoClient(e2eStack.urls.cognito);
  const UserPoolId = () => variant.stack.outputs.UserPoolId!;
  const attributesOf = async (Username: string) =>
    Object.fromEntries(
      ((await cognito.send(new AdminGetUserCommand({ UserPoolId: UserPoolId(), Username }))).UserAttributes ?? []).map((a) => [
        a.Name,
        a.Value,
      ]),
    );

  test.beforeAll(async () => {
    variant = await startVariantApi((service) => {
      const { CognitoUserPool } = service.resources.Resources;
      Object.assign(CognitoUserPool.Properties, {
        UserPoolName: uniqueName('admin-users'),
        Policies: {
          PasswordPolicy: {
            MinimumLength: 14,
            RequireLowercase: true,
            RequireNumbers: true,
            RequireSymbols: false,
            RequireUppercase: true,
          },
        },
        Schema: [
          { Name: 'given_name', AttributeDataType: 'String', Mutable: true, Required: true },
          { Name: 'tenant', AttributeDataType: 'String', Mutable: false },
        ],
        UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] },
      });
    });
  });
  test.afterAll(async () => {
    await variant?.stop();
    cognito.destroy();
  });

  /** A user an administrator made, invitation suppressed, email verified. */
  async function adminMadeUser(label: string): Promise<string> {
    const email = uniqueEmail(label);
    const UserAttributes = [
      { Name: 'email', Value: email },
      { Name: 'email_verified', Value: 'true' },
      { Name: 'given_name', Value: 'Ada' },
      { Name: 'custom:tenant', Value: 't1' },
    ];
    await cognito.send(
      new AdminCreateUserCommand({ UserPoolId: UserPoolId(), Username: email, MessageAction: 'SUPPRESS', UserAttributes }),
    );
    return email;
  }

  test("AdminSetUserPassword holds to the pool's own policy; Permanent false asks for a new password, true confirms", async () => {
    const email = await adminMadeUser('admin-password');
    const set = (Password: string, Permanent: boolean) =>
      cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: UserPoolId(), Username: email, Password, Permanent }));
    expect((await failure(set('Short-Pass1', true))).name).toBe('InvalidPasswordException');
    await set(PASSWORD, false);
    expect((await cognito.send(new AdminGetUserCommand({ UserPoolId: UserPoolId(), Username: email }))).UserStatus).toBe(
      'FORCE_CHANGE_PASSWORD',
    );
    await set(PASSWORD, true);
    expect((await cognito.send(new AdminGetUserCommand({ UserPoolId: UserPoolId(), Username: email }))).UserStatus).toBe('CONFIRMED');
  });

  test('AdminUpdateUserAttributes holds a new email back until it is verified, unless email_verified "true" comes with it', async () => {
    const email = await adminMadeUser('admin-update');
    const update = (UserAttributes: { Name: string; Value: string }[]) =>
      cognito.send(new AdminUpdateUserAttributesCommand({ UserPoolId: UserPoolId(), Username: email, UserAttributes }));

    expect(await failure(update([{ Name: 'custom:tenant', Value: 't2' }]))).toEqual({
      name: 'InvalidParameterException',
      message: 'user.custom:tenant: Attribute cannot be updated.\n',
    });

    const held = uniqueEmail('admin-update-held');
    await update([{ Name: 'email', Value: held }]);
    expect(await attributesOf(email)).toMatchObject({ email, email_verified: 'true' });
    expect(await latestCode(e2eStack.urls.cognito, held)).toMatch(/^\d{6}$/);

    const verified = uniqueEmail('admin-update-verified');
    await update([
      { Name: 'email', Value: verified },
      { Name: 'email_verified', Value: 'true' },
    ]);
    // The pool signs in by email: the user is now found by the new address.
    expect(await attributesOf(verified)).toMatchObject({ email: verified, email_verified: 'true' });
  });

  test('AdminDeleteUserAttributes refuses a required or immutable attribute; AdminDeleteUser leaves no user', async () => {
    const email = await adminMadeUser('admin-delete');
    const remove = (UserAttributeNames: string[]) =>
      cognito.send(new AdminDeleteUserAttributesCommand({ UserPoolId: UserPoolId(), Username: email, UserAttributeNames }));
    expect(await failure(remove(['given_name']))).toEqual({
      name: 'InvalidParameterException',
      message: 'Attributes did not conform to the schema: given_name: The attribute is required\n',
    });
    expect(await failure(remove(['custom:tenant']))).toEqual({
      name: 'InvalidParameterException',
      message: 'user.custom:tenant: Attribute cannot be updated.\n',
    });
    await remove(['email_verified', 'family_name']);
    expect(await attributesOf(email)).not.toHaveProperty('email_verified');

    await cognito.send(new AdminDeleteUserCommand({ UserPoolId: UserPoolId(), Username: email }));
    expect(await failure(cognito.send(new AdminGetUserCommand({ UserPoolId: UserPoolId(), Username: email })))).toEqual({
      name: 'UserNotFoundException',
      message: 'User does not exist.',
    });
  });

  test('AdminConfirmSignUp confirms a signed-up user once, verifying nothing, and refuses them the second time', async () => {
    const email = uniqueEmail('admin-confirm');
    await cognito.send(
      new SignUpCommand({
        ClientId: variant.stack.outputs.UserPoolClientId!,
        Username: email,
        Password: PASSWORD,
        UserAttributes: [{ Name: 'given_name', Value: 'Ada' }],
      }),
    );
    const confirm = () => cognito.send(new AdminConfirmSignUpCommand({ UserPoolId: UserPoolId(), Username: email }));
    await confirm();
    const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: UserPoolId(), Username: email }));
    expect(user.UserStatus).toBe('CONFIRMED');
    expect(user.UserAttributes).not.toContainEqual({ Name: 'email_verified', Value: 'true' });
    expect(await failure(confirm())).toEqual({
      name: 'NotAuthorizedException',
      message: 'User cannot be confirmed. Current status is CONFIRMED',
    });
  });
});
