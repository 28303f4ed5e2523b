// What Cognito's answers carry: masked delivery destinations, the verification code's delivery,
// groups found by email, and the refresh errors that tell a revoked token from an unknown one.
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminInitiateAuthCommand,
  GetTokensFromRefreshTokenCommand,
  AdminListGroupsForUserCommand,
  CreateGroupCommand,
  ForgotPasswordCommand,
  GetUserAttributeVerificationCodeCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  ResendConfirmationCodeCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { expect } from '@playwright/test';
import { uniqueEmail, uniqueName } from '../../testing/unique-names.ts';
import { failure } from '../stack.ts';
import { addClient, cognito, createPool, createUser, once, PASSWORD, type TestClient, tokensFor } from './pools.ts';
import type { ConformanceTopic } from './rule.ts';
import { SOURCES } from './sources.ts';

const pool = once(() => createPool());
const hidingUsers = once(() => createPool({ preventUserExistenceErrors: 'ENABLED' }));
const AWS_MASK = "CodeDeliveryDetails.Destination is the address masked: first letter, ***@, the domain's first letter, *** (a***@e***)";

/** How Cognito masks an email address in CodeDeliveryDetails. */
const masked = (email: string) => {
  const [local, domain] = email.split('@') as [string, string];
  return `${local[0]}***@${domain[0]}***`;
};

const signUp = async (client: TestClient) => {
  const email = uniqueEmail('mask');
  const { CodeDeliveryDetails } = await cognito.send(new SignUpCommand({ ClientId: client.clientId, Username: email, Password: PASSWORD }));
  return { email, CodeDeliveryDetails };
};

const refreshWith = (client: TestClient, token: string) =>
  cognito.send(
    new InitiateAuthCommand({ ClientId: client.clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: token } }),
  );

export const answers: ConformanceTopic = {
  title: "what Cognito's answers carry",
  rules: [
    {
      rule: 'SignUp: CodeDeliveryDetails.Destination is masked (a***@e***)',
      aws: AWS_MASK,
      source: `${SOURCES.codeDeliveryDetails}; ${SOURCES.signUp}`,
      client: 'AWS SDK v3',
      async run() {
        const { email, CodeDeliveryDetails } = await signUp(await pool());
        expect(CodeDeliveryDetails).toEqual({ DeliveryMedium: 'EMAIL', AttributeName: 'email', Destination: masked(email) });
      },
    },
    {
      rule: 'ResendConfirmationCode: CodeDeliveryDetails.Destination is masked',
      aws: AWS_MASK,
      source: SOURCES.codeDeliveryDetails,
      client: 'AWS SDK v3',
      async run() {
        const client = await pool();
        const { email } = await signUp(client);
        const { CodeDeliveryDetails } = await cognito.send(
          new ResendConfirmationCodeCommand({ ClientId: client.clientId, Username: email }),
        );
        expect(CodeDeliveryDetails).toEqual({ DeliveryMedium: 'EMAIL', AttributeName: 'email', Destination: masked(email) });
      },
    },
    {
      rule: 'ForgotPassword: CodeDeliveryDetails.Destination is masked',
      aws: AWS_MASK,
      source: SOURCES.codeDeliveryDetails,
      client: 'AWS SDK v3',
      async run() {
        const client = await pool();
        const email = await createUser(client);
        const { CodeDeliveryDetails } = await cognito.send(new ForgotPasswordCommand({ ClientId: client.clientId, Username: email }));
        expect(CodeDeliveryDetails).toEqual({ DeliveryMedium: 'EMAIL', AttributeName: 'email', Destination: masked(email) });
      },
    },
    {
      rule: 'GetUserAttributeVerificationCode returns CodeDeliveryDetails (masked)',
      aws: 'GetUserAttributeVerificationCode answers with CodeDeliveryDetails: where the code went',
      source: `${SOURCES.getUserAttributeVerificationCode}; ${SOURCES.codeDeliveryDetails}`,
      client: 'AWS SDK v3',
      async run() {
        const client = await pool();
        const email = await createUser(client);
        const { AccessToken } = await tokensFor(client, email);
        const { CodeDeliveryDetails } = await cognito.send(
          new GetUserAttributeVerificationCodeCommand({ AccessToken, AttributeName: 'email' }),
        );
        expect(CodeDeliveryDetails).toEqual({ DeliveryMedium: 'EMAIL', AttributeName: 'email', Destination: masked(email) });
      },
    },
    {
      rule: 'AdminListGroupsForUser by email lists the groups AdminAddUserToGroup (by email) put the user in',
      aws: "Username may be the user's alias (the email in an email-as-username pool) in both operations",
      source: SOURCES.adminListGroupsForUser,
      client: 'AWS SDK v3',
      async run() {
        const client = await pool();
        const email = await createUser(client);
        const GroupName = uniqueName('group');
        await cognito.send(new CreateGroupCommand({ UserPoolId: client.poolId, GroupName }));
        await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: client.poolId, Username: email, GroupName }));
        const { Groups } = await cognito.send(new AdminListGroupsForUserCommand({ UserPoolId: client.poolId, Username: email }));
        expect(Groups?.map((group) => group.GroupName)).toEqual([GroupName]);
      },
    },
    {
      rule: 'REFRESH_TOKEN_AUTH with a revoked refresh token: Refresh Token has been revoked',
      aws: 'After GlobalSignOut, Cognito "no longer accepts a signed-out user\'s refresh tokens": NotAuthorizedException "Refresh Token has been revoked"',
      source: `${SOURCES.globalSignOut}; ${SOURCES.refreshToken}`,
      client: 'AWS SDK v3',
      async run() {
        const client = await pool();
        const { AccessToken, RefreshToken } = await tokensFor(client, await createUser(client));
        await cognito.send(new GlobalSignOutCommand({ AccessToken }));
        expect(await failure(refreshWith(client, RefreshToken!))).toEqual({
          name: 'NotAuthorizedException',
          message: 'Refresh Token has been revoked',
        });
      },
    },
    {
      rule: 'REFRESH_TOKEN_AUTH with a refresh token Cognito never issued: Invalid Refresh Token',
      aws: 'A refresh token that is not one of the pool\'s: NotAuthorizedException "Invalid Refresh Token"',
      source: `${SOURCES.refreshToken}; ${SOURCES.initiateAuth}`,
      client: 'AWS SDK v3',
      async run() {
        const client = await pool();
        const madeUp = Buffer.from(`never-issued-${Date.now()}`).toString('base64url');
        expect(await failure(refreshWith(client, madeUp))).toEqual({ name: 'NotAuthorizedException', message: 'Invalid Refresh Token' });
      },
    },
    {
      rule: 'a refresh token used with another app client of the pool: Refresh Token has different Client',
      aws: 'A refresh token works only with the app client it was issued to: NotAuthorizedException "Refresh Token has different Client"',
      source: `${SOURCES.refreshTokenOfAnotherClient}; ${SOURCES.refreshToken}`,
      client: 'AWS SDK v3',
      async run() {
        const client = await pool();
        const other = await addClient(client.poolId);
        const { RefreshToken } = await tokensFor(client, await createUser(client));
        const expected = { name: 'NotAuthorizedException', message: 'Refresh Token has different Client' };
        expect(await failure(refreshWith(other, RefreshToken!))).toEqual(expected);
        expect(
          await failure(cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId: other.clientId, RefreshToken: RefreshToken! }))),
        ).toEqual(expected);
        expect((await refreshWith(client, RefreshToken!)).AuthenticationResult?.IdToken).toBeTruthy();
      },
    },
    {
      rule: 'each password flow through its own operation: AdminInitiateAuth USER_PASSWORD_AUTH, InitiateAuth ADMIN_USER_PASSWORD_AUTH refused',
      aws: 'USER_PASSWORD_AUTH only with InitiateAuth, ADMIN_USER_PASSWORD_AUTH only with AdminInitiateAuth: InvalidParameterException "Initiate Auth method not supported."',
      source: `${SOURCES.flowOfTheOtherOperation}; ${SOURCES.initiateAuth}; ${SOURCES.adminInitiateAuth}`,
      client: 'AWS SDK v3',
      async run() {
        const client = await pool();
        const email = await createUser(client);
        const AuthParameters = { USERNAME: email, PASSWORD };
        const expected = { name: 'InvalidParameterException', message: 'Initiate Auth method not supported.' };
        const admin = (AuthFlow: 'USER_PASSWORD_AUTH' | 'ADMIN_USER_PASSWORD_AUTH') =>
          cognito.send(new AdminInitiateAuthCommand({ UserPoolId: client.poolId, ClientId: client.clientId, AuthFlow, AuthParameters }));
        expect(await failure(admin('USER_PASSWORD_AUTH'))).toEqual(expected);
        expect(
          await failure(
            cognito.send(new InitiateAuthCommand({ ClientId: client.clientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters })),
          ),
        ).toEqual(expected);
        expect((await admin('ADMIN_USER_PASSWORD_AUTH')).AuthenticationResult?.IdToken).toBeTruthy();
      },
    },
    {
      rule: 'ForgotPassword: a user without a verified email or phone number is refused; one with them gets the code',
      aws: 'ForgotPassword: "If neither a verified phone number nor a verified email exists, Amazon Cognito responds with an InvalidParameterException"',
      source: `${SOURCES.forgotPassword}; ${SOURCES.accountRecovery}`,
      client: 'AWS SDK v3',
      async run() {
        const client = await pool();
        const email = uniqueEmail('unverified');
        await cognito.send(
          new AdminCreateUserCommand({
            UserPoolId: client.poolId,
            Username: email,
            MessageAction: 'SUPPRESS',
            UserAttributes: [{ Name: 'email', Value: email }],
          }),
        );
        expect(await failure(cognito.send(new ForgotPasswordCommand({ ClientId: client.clientId, Username: email })))).toEqual({
          name: 'InvalidParameterException',
          message: 'Cannot reset password for the user as there is no registered/verified email or phone_number',
        });
        const verified = await createUser(client);
        const { CodeDeliveryDetails } = await cognito.send(new ForgotPasswordCommand({ ClientId: client.clientId, Username: verified }));
        expect(CodeDeliveryDetails?.DeliveryMedium).toBe('EMAIL');
      },
    },
    {
      rule: 'PreventUserExistenceErrors ENABLED: ForgotPassword and ResendConfirmationCode for an unknown user answer a simulated delivery',
      aws: 'With ENABLED, "account confirmation and password recovery APIs return a response indicating a code was sent to a simulated delivery medium"',
      source: SOURCES.userExistenceErrors,
      client: 'AWS SDK v3',
      async run() {
        const client = await hidingUsers();
        const Username = uniqueEmail('nobody');
        const masked = { AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: `${Username[0]}***@e***` };
        const forgot = await cognito.send(new ForgotPasswordCommand({ ClientId: client.clientId, Username }));
        expect(forgot.CodeDeliveryDetails).toEqual(masked);
        const resent = await cognito.send(new ResendConfirmationCodeCommand({ ClientId: client.clientId, Username }));
        expect(resent.CodeDeliveryDetails).toEqual(masked);
      },
    },
  ],
};
