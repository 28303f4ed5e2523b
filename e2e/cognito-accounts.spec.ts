// The account operations Amplify v6 and the AWS SDK call, answered as Cognito does
// (docs/aws-behaviour.md, "Account operations"): AdminUserGlobalSignOut, the device operations of
// a pool that remembers no devices, ChangePassword, AdminCreateUser, masked code destinations,
// GetUserAttributeVerificationCode, admin operations by email, TOTP setup.
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminGetDeviceCommand,
  AdminGetUserCommand,
  AdminListDevicesCommand,
  AdminListGroupsForUserCommand,
  AdminSetUserPasswordCommand,
  AdminUserGlobalSignOutCommand,
  AssociateSoftwareTokenCommand,
  ChangePasswordCommand,
  ConfirmSignUpCommand,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  ForgetDeviceCommand,
  ForgotPasswordCommand,
  GetDeviceCommand,
  GetTokensFromRefreshTokenCommand,
  GetUserAttributeVerificationCodeCommand,
  GetUserCommand,
  InitiateAuthCommand,
  ListDevicesCommand,
  ResendConfirmationCodeCommand,
  SetUserMFAPreferenceCommand,
  SetUserPoolMfaConfigCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { expect, test } from '@playwright/test';
import { cognitoClient } from '../testing/cognito-client.ts';
import { latestCode } from '../testing/dev-inbox.ts';
import { uniqueEmail, uniqueName } from '../testing/unique-names.ts';
import { usePageAmplify } from './page-amplify.ts';
import { e2eOutput, e2eStack, failure } from './stack.ts';

const PASSWORD = 'Accounts-Passw0rd!';
const cognito = cognitoClient(e2eStack.urls.cognito);
const UserPoolId = () => e2eOutput('UserPoolId');
const ClientId = () => e2eOutput('UserPoolClientId');
const MASKED_EMAIL = /^[a-z]\*\*\*@e\*\*\*$/;

test.afterAll(() => cognito.destroy());

async function confirmedUser(email = uniqueEmail('accounts')) {
  const { CodeDeliveryDetails } = await cognito.send(new SignUpCommand({ ClientId: ClientId(), Username: email, Password: PASSWORD }));
  const code = await latestCode(e2eStack.urls.cognito, email);
  await cognito.send(new ConfirmSignUpCommand({ ClientId: ClientId(), Username: email, ConfirmationCode: code }));
  return { email, CodeDeliveryDetails };
}

async function signIn(email: string, password = PASSWORD) {
  const { AuthenticationResult } = await cognito.send(
    new InitiateAuthCommand({
      ClientId: ClientId(),
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: email, PASSWORD: password },
    }),
  );
  return AuthenticationResult!;
}

test.describe('AdminUserGlobalSignOut', () => {
  test('signs the user named by email out of every session', async () => {
    const { email } = await confirmedUser();
    const tokens = await signIn(email);
    // Revocation is to the second (as GlobalSignOut): a token of the same second counts as revoked.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await cognito.send(new AdminUserGlobalSignOutCommand({ UserPoolId: UserPoolId(), Username: email }));
    expect(
      await failure(cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId: ClientId(), RefreshToken: tokens.RefreshToken! }))),
    ).toEqual({ name: 'NotAuthorizedException', message: 'Refresh Token has been revoked' });
    expect(await failure(cognito.send(new GetUserCommand({ AccessToken: tokens.AccessToken! })))).toEqual({
      name: 'NotAuthorizedException',
      message: 'Access Token has been revoked',
    });
    expect((await signIn(email)).AccessToken).toBeTruthy();
  });

  test('answers UserNotFoundException for a user the pool does not hold', async () => {
    expect(
      await failure(cognito.send(new AdminUserGlobalSignOutCommand({ UserPoolId: UserPoolId(), Username: uniqueEmail('nobody') }))),
    ).toEqual({ name: 'UserNotFoundException', message: 'User does not exist.' });
  });
});

test.describe('devices, in a pool that remembers none', () => {
  const DeviceKey = 'eu-west-1_0f6c6f3c-0000-4000-8000-000000000000';

  test('lists no device and finds none, for the user and an administrator', async () => {
    const { email } = await confirmedUser();
    const { AccessToken } = await signIn(email);
    expect((await cognito.send(new ListDevicesCommand({ AccessToken }))).Devices).toEqual([]);
    expect((await cognito.send(new AdminListDevicesCommand({ UserPoolId: UserPoolId(), Username: email }))).Devices).toEqual([]);
    const notFound = { name: 'ResourceNotFoundException', message: 'Device does not exist.' };
    expect(await failure(cognito.send(new GetDeviceCommand({ AccessToken, DeviceKey })))).toEqual(notFound);
    expect(await failure(cognito.send(new ForgetDeviceCommand({ AccessToken, DeviceKey })))).toEqual(notFound);
    expect(await failure(cognito.send(new AdminGetDeviceCommand({ UserPoolId: UserPoolId(), Username: email, DeviceKey })))).toEqual(
      notFound,
    );
  });

  test('refuses a pool that would remember devices, naming DeviceConfiguration', async () => {
    const { message } = await failure(
      cognito.send(
        new CreateUserPoolCommand({ PoolName: uniqueName('devices'), DeviceConfiguration: { ChallengeRequiredOnNewDevice: true } }),
      ),
    );
    expect(message).toContain('Leave DeviceConfiguration out of the user pool');
  });

  test("Amplify's fetchDevices lists none", async ({ page }) => {
    const { email } = await confirmedUser();
    await page.goto('/');
    await usePageAmplify(page, { userPoolId: UserPoolId(), userPoolClientId: ClientId(), userPoolEndpoint: e2eStack.urls.cognito });
    const devices = await page.evaluate(
      async ({ email, password }) => {
        const auth = (window as any).pageAuth;
        await auth.signIn({ username: email, password });
        return auth.fetchDevices();
      },
      { email, password: PASSWORD },
    );
    expect(devices).toEqual([]);
  });
});

test.describe('ChangePassword', () => {
  test("refuses a proposed password that breaks the pool's policy, and a wrong previous one", async () => {
    const { email } = await confirmedUser();
    const { AccessToken } = await signIn(email);
    expect(
      await failure(cognito.send(new ChangePasswordCommand({ AccessToken, PreviousPassword: PASSWORD, ProposedPassword: 'weak' }))),
    ).toEqual({
      name: 'InvalidPasswordException',
      message: 'Password did not conform with policy: Password not long enough',
    });
    expect(
      await failure(
        cognito.send(new ChangePasswordCommand({ AccessToken, PreviousPassword: 'Wrong-Passw0rd!', ProposedPassword: 'Next-Passw0rd!' })),
      ),
    ).toEqual({ name: 'NotAuthorizedException', message: 'Incorrect username or password.' });
    await cognito.send(new ChangePasswordCommand({ AccessToken, PreviousPassword: PASSWORD, ProposedPassword: 'Next-Passw0rd!' }));
    expect((await signIn(email, 'Next-Passw0rd!')).AccessToken).toBeTruthy();
  });
});

test.describe('AdminCreateUser', () => {
  test('refuses an invitation it cannot send, and leaves no user behind', async () => {
    const email = uniqueEmail('invite');
    expect(
      await failure(
        cognito.send(new AdminCreateUserCommand({ UserPoolId: UserPoolId(), Username: email, DesiredDeliveryMediums: ['SMS'] })),
      ),
    ).toEqual({ name: 'InvalidParameterException', message: 'No phone_number provided but desired delivery medium was Sms' });
    expect(await failure(cognito.send(new AdminGetUserCommand({ UserPoolId: UserPoolId(), Username: email })))).toEqual({
      name: 'UserNotFoundException',
      message: 'User does not exist.',
    });
  });
});

test.describe('code destinations', () => {
  test('are masked in every answer, while the dev inbox keeps the real address', async () => {
    const email = uniqueEmail('masked');
    const signedUp = await cognito.send(new SignUpCommand({ ClientId: ClientId(), Username: email, Password: PASSWORD }));
    expect(signedUp.CodeDeliveryDetails).toEqual({
      AttributeName: 'email',
      DeliveryMedium: 'EMAIL',
      Destination: expect.stringMatching(MASKED_EMAIL),
    });
    expect(signedUp.CodeDeliveryDetails!.Destination).toBe(`${email[0]}***@e***`);
    const resent = await cognito.send(new ResendConfirmationCodeCommand({ ClientId: ClientId(), Username: email }));
    expect(resent.CodeDeliveryDetails?.Destination).toMatch(MASKED_EMAIL);
    await cognito.send(
      new ConfirmSignUpCommand({ ClientId: ClientId(), Username: email, ConfirmationCode: await latestCode(e2eStack.urls.cognito, email) }),
    );
    const forgot = await cognito.send(new ForgotPasswordCommand({ ClientId: ClientId(), Username: email }));
    expect(forgot.CodeDeliveryDetails?.Destination).toMatch(MASKED_EMAIL);
  });

  test('GetUserAttributeVerificationCode says where the code went', async () => {
    const { email } = await confirmedUser();
    const { AccessToken } = await signIn(email);
    const answer = await cognito.send(new GetUserAttributeVerificationCodeCommand({ AccessToken, AttributeName: 'email' }));
    expect(answer.CodeDeliveryDetails).toEqual({ AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: `${email[0]}***@e***` });
    expect(await latestCode(e2eStack.urls.cognito, email)).toMatch(/^\d{6}$/);
  });
});

test('AdminListGroupsForUser finds the groups of a user named by email', async () => {
  const { email } = await confirmedUser();
  const GroupName = uniqueName('readers');
  await cognito.send(new CreateGroupCommand({ UserPoolId: UserPoolId(), GroupName }));
  await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: UserPoolId(), Username: email, GroupName }));
  const { Groups } = await cognito.send(new AdminListGroupsForUserCommand({ UserPoolId: UserPoolId(), Username: email }));
  expect(Groups?.map((group) => group.GroupName)).toEqual([GroupName]);
});

test.describe('TOTP setup', () => {
  test('is refused in a pool with MFA off', async () => {
    const { email } = await confirmedUser();
    const { AccessToken } = await signIn(email);
    expect(await failure(cognito.send(new AssociateSoftwareTokenCommand({ AccessToken })))).toEqual({
      name: 'SoftwareTokenMFANotFoundException',
      message: 'Software Token MFA has not been enabled by the userPool.',
    });
    expect(
      await failure(
        cognito.send(new SetUserMFAPreferenceCommand({ AccessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } })),
      ),
    ).toEqual({ name: 'InvalidParameterException', message: 'User has not set up software token mfa' });
  });

  test('starts in a pool with MFA optional and software token MFA turned on', async () => {
    const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: uniqueName('totp'), MfaConfiguration: 'OPTIONAL' }));
    // As on AWS, TOTP is one of the pool's MFA methods only once SetUserPoolMfaConfig turns it on.
    await cognito.send(
      new SetUserPoolMfaConfigCommand({
        UserPoolId: UserPool!.Id!,
        MfaConfiguration: 'OPTIONAL',
        SoftwareTokenMfaConfiguration: { Enabled: true },
      }),
    );
    const { UserPoolClient } = await cognito.send(
      new CreateUserPoolClientCommand({
        UserPoolId: UserPool!.Id!,
        ClientName: 'web',
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      }),
    );
    const email = uniqueEmail('totp');
    await cognito.send(new AdminCreateUserCommand({ UserPoolId: UserPool!.Id!, Username: email, MessageAction: 'SUPPRESS' }));
    await cognito.send(
      new AdminSetUserPasswordCommand({ UserPoolId: UserPool!.Id!, Username: email, Password: PASSWORD, Permanent: true }),
    );
    const { AuthenticationResult } = await cognito.send(
      new InitiateAuthCommand({
        ClientId: UserPoolClient!.ClientId!,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: email, PASSWORD },
      }),
    );
    const { SecretCode } = await cognito.send(new AssociateSoftwareTokenCommand({ AccessToken: AuthenticationResult!.AccessToken! }));
    expect(SecretCode).toMatch(/^[A-Z2-7]+=*$/);
  });
});
