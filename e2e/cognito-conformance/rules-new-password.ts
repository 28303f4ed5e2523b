// Users an admin invites with a temporary password (AdminCreateUser): NEW_PASSWORD_REQUIRED, its
// session, the refresh token it ends with, and the password policy on the passwords users choose.
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  ChangePasswordCommand,
  GetTokensFromRefreshTokenCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { expect } from '@playwright/test';
import { latestCode } from '../../testing/dev-inbox.ts';
import { uniqueEmail } from '../../testing/unique-names.ts';
import { e2eStack, failure } from '../stack.ts';
import { completeNewPassword, identityJsUser, refreshSession, srpSignIn } from './identity-js.ts';
import { cognito, createPool, createUser, once, PASSWORD, passwordAuth, type TestClient, tokensFor } from './pools.ts';
import type { ConformanceTopic } from './rule.ts';
import { SOURCES } from './sources.ts';

const pool = once(() => createPool());
const TEMPORARY = 'Temp-Passw0rd!';
const NEW_PASSWORD = 'Chosen-Passw0rd!';
/** Cognito words it "did not conform with" on SignUp; the other operations' wording is not documented. */
const NOT_LONG_ENOUGH = /^Password (did not conform with|does not conform to) policy: Password not long enough$/;

/** An invited user's first sign-in: the NEW_PASSWORD_REQUIRED challenge. */
async function invitedSignIn(): Promise<{ client: TestClient; email: string; Session: string }> {
  const client = await pool();
  const email = await createUser(client, TEMPORARY);
  const started = await passwordAuth(client, email, TEMPORARY);
  expect(started.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
  return { client, email, Session: started.Session! };
}

const answerNewPassword = (client: TestClient, email: string, Session: string, password: string) =>
  cognito.send(
    new RespondToAuthChallengeCommand({
      ClientId: client.clientId,
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      Session,
      ChallengeResponses: { USERNAME: email, NEW_PASSWORD: password },
    }),
  );

export const newPasswordRequired: ConformanceTopic = {
  title: 'admin-invited users and the password policy',
  rules: [
    {
      rule: 'an invited user signs in with the temporary password, answers NEW_PASSWORD_REQUIRED and gets tokens',
      aws: 'AdminCreateUser with TemporaryPassword leaves the user FORCE_CHANGE_PASSWORD; sign-in answers NEW_PASSWORD_REQUIRED, whose answer gives tokens',
      source: `${SOURCES.adminCreatedUsers}; ${SOURCES.respondToAuthChallenge}`,
      client: 'AWS SDK v3',
      async run() {
        const { client, email, Session } = await invitedSignIn();
        const { AuthenticationResult } = await answerNewPassword(client, email, Session, NEW_PASSWORD);
        expect(AuthenticationResult?.AccessToken).toBeTruthy();
        expect(AuthenticationResult?.RefreshToken).toBeTruthy();
      },
    },
    {
      rule: 'the refresh token from the NEW_PASSWORD_REQUIRED answer refreshes with GetTokensFromRefreshToken',
      aws: "Every AuthenticationResult refresh token is valid for the client's refresh token validity (30 days by default)",
      source: `${SOURCES.refreshToken}; ${SOURCES.getTokensFromRefreshToken}`,
      client: 'AWS SDK v3',
      async run() {
        const { client, email, Session } = await invitedSignIn();
        const { AuthenticationResult } = await answerNewPassword(client, email, Session, NEW_PASSWORD);
        const refreshed = await cognito.send(
          new GetTokensFromRefreshTokenCommand({ ClientId: client.clientId, RefreshToken: AuthenticationResult!.RefreshToken }),
        );
        expect(refreshed.AuthenticationResult?.AccessToken).toBeTruthy();
      },
    },
    {
      rule: 'the refresh token from the NEW_PASSWORD_REQUIRED answer refreshes with REFRESH_TOKEN_AUTH',
      aws: "Every AuthenticationResult refresh token is valid for the client's refresh token validity (30 days by default)",
      source: `${SOURCES.refreshToken}; ${SOURCES.initiateAuth}`,
      client: 'AWS SDK v3',
      async run() {
        const { client, email, Session } = await invitedSignIn();
        const { AuthenticationResult } = await answerNewPassword(client, email, Session, NEW_PASSWORD);
        const refreshed = await cognito.send(
          new InitiateAuthCommand({
            ClientId: client.clientId,
            AuthFlow: 'REFRESH_TOKEN_AUTH',
            AuthParameters: { REFRESH_TOKEN: AuthenticationResult!.RefreshToken! },
          }),
        );
        expect(refreshed.AuthenticationResult?.IdToken).toBeTruthy();
      },
    },
    {
      rule: 'amazon-cognito-identity-js: newPasswordRequired, completeNewPasswordChallenge, then refreshSession works',
      aws: "The library's newPasswordRequired callback answers NEW_PASSWORD_REQUIRED; the session it gets refreshes",
      source: `${SOURCES.adminCreatedUsers}; ${SOURCES.refreshToken}`,
      client: 'amazon-cognito-identity-js',
      async run() {
        const client = await pool();
        const email = await createUser(client, TEMPORARY);
        const user = identityJsUser(client, email);
        expect(await srpSignIn(user, TEMPORARY)).toEqual({ step: 'newPasswordRequired' });
        const completed = await completeNewPassword(user, NEW_PASSWORD);
        if (completed.step !== 'tokens') throw new Error(`completeNewPasswordChallenge ended in ${JSON.stringify(completed)}`);
        const refreshed = await refreshSession(user, completed.session);
        expect(refreshed.getIdToken().payload.email).toBe(email);
      },
    },
    {
      rule: 'RespondToAuthChallenge with a made-up Session is refused: Invalid session for the user.',
      aws: 'The Session must be the one Cognito returned for this sign-in: NotAuthorizedException "Invalid session for the user."',
      source: SOURCES.respondToAuthChallenge,
      client: 'AWS SDK v3',
      async run() {
        const { client, email } = await invitedSignIn();
        const madeUp = Buffer.from(`made-up-session-${Date.now()}`).toString('base64');
        expect(await failure(answerNewPassword(client, email, madeUp, NEW_PASSWORD))).toEqual({
          name: 'NotAuthorizedException',
          message: 'Invalid session for the user.',
        });
      },
    },
    {
      rule: 'the NEW_PASSWORD_REQUIRED answer applies the password policy: InvalidPasswordException',
      aws: "The new password must meet the pool's policy (8 characters by default): InvalidPasswordException",
      source: `${SOURCES.passwordPolicy}; ${SOURCES.respondToAuthChallenge}`,
      client: 'AWS SDK v3',
      async run() {
        const { client, email, Session } = await invitedSignIn();
        const refused = await failure(answerNewPassword(client, email, Session, 'Sh0rt!'));
        expect(refused.name).toBe('InvalidPasswordException');
        expect(refused.message).toMatch(NOT_LONG_ENOUGH);
      },
    },
    {
      rule: 'ChangePassword applies the password policy: InvalidPasswordException',
      aws: "ChangePassword refuses a proposed password that fails the pool's policy: InvalidPasswordException",
      source: `${SOURCES.changePassword}; ${SOURCES.passwordPolicy}`,
      client: 'AWS SDK v3',
      async run() {
        const client = await pool();
        const email = await createUser(client);
        const { AccessToken } = await tokensFor(client, email);
        const refused = await failure(
          cognito.send(new ChangePasswordCommand({ AccessToken, PreviousPassword: PASSWORD, ProposedPassword: 'Sh0rt!' })),
        );
        expect(refused.name).toBe('InvalidPasswordException');
        expect(refused.message).toMatch(NOT_LONG_ENOUGH);
      },
    },
    {
      rule: 'ChangePassword with a password that meets the policy works, and the new password signs in',
      aws: 'ChangePassword with the right previous password and a compliant new one succeeds',
      source: SOURCES.changePassword,
      client: 'AWS SDK v3',
      async run() {
        const client = await pool();
        const email = await createUser(client);
        const { AccessToken } = await tokensFor(client, email);
        await cognito.send(new ChangePasswordCommand({ AccessToken, PreviousPassword: PASSWORD, ProposedPassword: NEW_PASSWORD }));
        expect((await passwordAuth(client, email, NEW_PASSWORD)).AuthenticationResult?.IdToken).toBeTruthy();
      },
    },
    {
      rule: 'a failed AdminCreateUser (DesiredDeliveryMediums SMS, no phone_number) leaves no user behind',
      aws: 'AdminCreateUser that cannot deliver the invitation fails (InvalidParameterException) and creates nothing: AdminGetUser answers UserNotFoundException',
      source: SOURCES.adminCreateUser,
      client: 'AWS SDK v3',
      async run() {
        const client = await pool();
        const username = uniqueEmail('undeliverable');
        const create = cognito.send(
          new AdminCreateUserCommand({
            UserPoolId: client.poolId,
            Username: username,
            // The username is the email (an email-as-username pool), but nothing to text the invitation to.
            DesiredDeliveryMediums: ['SMS'],
            UserAttributes: [],
          }),
        );
        expect((await failure(create)).name).toBe('InvalidParameterException');
        expect(await failure(cognito.send(new AdminGetUserCommand({ UserPoolId: client.poolId, Username: username })))).toEqual({
          name: 'UserNotFoundException',
          message: 'User does not exist.',
        });
      },
    },
    {
      rule: 'AdminCreateUser with DesiredDeliveryMediums EMAIL sends the invitation; its temporary password signs in to NEW_PASSWORD_REQUIRED',
      aws:
        'AdminCreateUser sends the invitation by the DesiredDeliveryMediums with a temporary password that meets the policy; ' +
        'the user is FORCE_CHANGE_PASSWORD and their first sign-in answers NEW_PASSWORD_REQUIRED',
      source: `${SOURCES.adminCreateUser}; ${SOURCES.adminCreatedUsers}`,
      client: 'AWS SDK v3',
      async run() {
        const client = await pool();
        const email = uniqueEmail('invited');
        const { User } = await cognito.send(
          new AdminCreateUserCommand({ UserPoolId: client.poolId, Username: email, DesiredDeliveryMediums: ['EMAIL'] }),
        );
        expect(User?.UserStatus).toBe('FORCE_CHANGE_PASSWORD');
        const temporary = await latestCode(e2eStack.urls.cognito, email);
        expect(temporary).toMatch(/[A-Z]/);
        expect(temporary).toMatch(/[a-z]/);
        expect(temporary).toMatch(/\d/);
        expect(temporary.length).toBeGreaterThanOrEqual(8);
        const started = await passwordAuth(client, email, temporary);
        expect(started.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
        const done = await answerNewPassword(client, email, started.Session!, NEW_PASSWORD);
        expect(done.AuthenticationResult?.IdToken).toBeTruthy();
      },
    },
    {
      rule: 'AdminCreateUser with MessageAction RESEND invites a user still on a temporary password again; anyone else is refused',
      aws:
        'RESEND "resend[s] the invitation message to a user that already exists": the invitation arrives again and its temporary ' +
        'password signs in to NEW_PASSWORD_REQUIRED; a user who does not exist is UserNotFoundException, one who is no longer ' +
        'FORCE_CHANGE_PASSWORD is UnsupportedUserStateException',
      source: `${SOURCES.adminCreateUser}; ${SOURCES.adminCreatedUsers}`,
      client: 'AWS SDK v3',
      async run() {
        const client = await pool();
        const email = uniqueEmail('resent');
        const invite = (Username: string, MessageAction?: 'RESEND') =>
          cognito.send(
            new AdminCreateUserCommand({ UserPoolId: client.poolId, Username, DesiredDeliveryMediums: ['EMAIL'], MessageAction }),
          );
        await invite(email);
        const first = await latestCode(e2eStack.urls.cognito, email);
        const { User } = await invite(email, 'RESEND');
        expect(User?.UserStatus).toBe('FORCE_CHANGE_PASSWORD');
        const resent = await latestCode(e2eStack.urls.cognito, email);
        expect(resent).not.toBe(first);
        expect((await passwordAuth(client, email, resent)).ChallengeName).toBe('NEW_PASSWORD_REQUIRED');

        expect((await failure(invite(uniqueEmail('never-invited'), 'RESEND'))).name).toBe('UserNotFoundException');
        expect((await failure(invite(await createUser(client), 'RESEND'))).name).toBe('UnsupportedUserStateException');
      },
    },
  ],
};
