// The everyday path and the error table of docs/aws-behaviour.md ("Cognito user pool"): rules the
// emulator already keeps, here so that the suite is the whole record.
import {
  ChangePasswordCommand,
  ConfirmSignUpCommand,
  GetTokensFromRefreshTokenCommand,
  GlobalSignOutCommand,
  GetUserCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { expect } from '@playwright/test';
import { fetchAuthSession, signIn } from 'aws-amplify/auth';
import { latestCode } from '../../testing/dev-inbox.ts';
import { uniqueEmail } from '../../testing/unique-names.ts';
import { e2eStack, failure } from '../stack.ts';
import { amplifyFor } from './amplify.ts';
import { identityJsUser, srpSignIn } from './identity-js.ts';
import {
  addClient,
  claimsOf,
  cognito,
  createPool,
  createUser,
  once,
  PASSWORD,
  passwordAuth,
  srpAuth,
  type TestClient,
  tokensFor,
  withinOneSecond,
} from './pools.ts';
import type { ConformanceTopic } from './rule.ts';
import { SOURCES } from './sources.ts';

const pool = once(() => createPool({ preventUserExistenceErrors: 'ENABLED' }));
const legacyClient = once(async () => addClient((await pool()).poolId, { preventUserExistenceErrors: 'LEGACY' }));
const INCORRECT = { name: 'NotAuthorizedException', message: 'Incorrect username or password.' };

const signUp = (client: TestClient, email: string, password = PASSWORD) =>
  cognito.send(new SignUpCommand({ ClientId: client.clientId, Username: email, Password: password }));

async function confirmedSignUp(client: TestClient): Promise<string> {
  const email = uniqueEmail('happy');
  await signUp(client, email);
  const code = await latestCode(e2eStack.urls.cognito, email);
  await cognito.send(new ConfirmSignUpCommand({ ClientId: client.clientId, Username: email, ConfirmationCode: code }));
  return email;
}

export const happyPath: ConformanceTopic = {
  title: 'the everyday path and its error table',
  rules: [
    {
      rule: 'SignUp, the emailed code, ConfirmSignUp: the user signs in and email_verified is true',
      aws: 'ConfirmSignUp with the code confirms the user and verifies the email',
      source: SOURCES.confirmSignUp,
      client: 'AWS SDK v3',
      async run() {
        const client = await pool();
        const email = await confirmedSignUp(client);
        expect(claimsOf((await tokensFor(client, email)).IdToken!).email_verified).toBe(true);
      },
    },
    {
      rule: 'SignUp with a short password: InvalidPasswordException, Password not long enough',
      aws: 'SignUp applies the pool\'s password policy: "Password did not conform with policy: Password not long enough"',
      source: `${SOURCES.signUp}; ${SOURCES.passwordPolicy}`,
      client: 'AWS SDK v3',
      async run() {
        expect(await failure(signUp(await pool(), uniqueEmail('weak'), 'Sh0rt!'))).toEqual({
          name: 'InvalidPasswordException',
          message: 'Password did not conform with policy: Password not long enough',
        });
      },
    },
    {
      rule: 'SignUp with a registered email: UsernameExistsException',
      aws: '"An account with the given email already exists."',
      source: SOURCES.signUp,
      client: 'AWS SDK v3',
      async run() {
        const client = await pool();
        const email = await confirmedSignUp(client);
        expect(await failure(signUp(client, email))).toEqual({
          name: 'UsernameExistsException',
          message: 'An account with the given email already exists.',
        });
      },
    },
    {
      rule: 'ConfirmSignUp with a wrong code: CodeMismatchException',
      aws: '"Invalid verification code provided, please try again."',
      source: SOURCES.confirmSignUp,
      client: 'AWS SDK v3',
      async run() {
        const client = await pool();
        const email = uniqueEmail('wrong-code');
        await signUp(client, email);
        const code = await latestCode(e2eStack.urls.cognito, email);
        const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
        expect(
          await failure(cognito.send(new ConfirmSignUpCommand({ ClientId: client.clientId, Username: email, ConfirmationCode: wrong }))),
        ).toEqual({
          name: 'CodeMismatchException',
          message: 'Invalid verification code provided, please try again.',
        });
      },
    },
    {
      rule: 'InitiateAuth of an unconfirmed user with the right password: UserNotConfirmedException',
      aws: '"User is not confirmed."',
      source: SOURCES.initiateAuth,
      client: 'AWS SDK v3',
      async run() {
        const client = await pool();
        const email = uniqueEmail('unconfirmed');
        await signUp(client, email);
        expect(await failure(passwordAuth(client, email))).toEqual({
          name: 'UserNotConfirmedException',
          message: 'User is not confirmed.',
        });
      },
    },
    {
      rule: 'USER_PASSWORD_AUTH with a wrong password: Incorrect username or password.',
      aws: 'NotAuthorizedException "Incorrect username or password."',
      source: SOURCES.initiateAuth,
      client: 'AWS SDK v3',
      async run() {
        const client = await pool();
        expect(await failure(passwordAuth(client, await createUser(client), 'Wrong-Passw0rd!'))).toEqual(INCORRECT);
      },
    },
    {
      rule: 'an unknown user, PreventUserExistenceErrors ENABLED: Incorrect username or password.',
      aws: 'With user existence errors prevented, an unknown user gets the wrong-password answer',
      source: SOURCES.userExistenceErrors,
      client: 'AWS SDK v3',
      async run() {
        expect(await failure(passwordAuth(await pool(), uniqueEmail('nobody')))).toEqual(INCORRECT);
      },
    },
    {
      rule: 'an unknown user, PreventUserExistenceErrors LEGACY: UserNotFoundException',
      aws: 'LEGACY answers UserNotFoundException "User does not exist."',
      source: SOURCES.userExistenceErrors,
      client: 'AWS SDK v3',
      async run() {
        expect(await failure(passwordAuth(await legacyClient(), uniqueEmail('nobody')))).toEqual({
          name: 'UserNotFoundException',
          message: 'User does not exist.',
        });
      },
    },
    {
      rule: 'USER_SRP_AUTH signs in; tokens last an hour; GetTokensFromRefreshToken gives new ones',
      aws: 'ID and access tokens are valid for 1 hour by default; the refresh token gets new ones',
      source: `${SOURCES.refreshToken}; ${SOURCES.getTokensFromRefreshToken}`,
      client: 'AWS SDK v3',
      async run() {
        const client = await pool();
        const { AuthenticationResult } = await srpAuth(client, await createUser(client));
        for (const token of [AuthenticationResult!.IdToken!, AuthenticationResult!.AccessToken!]) {
          const { iat, exp } = claimsOf(token) as { iat: number; exp: number };
          expect(exp - iat).toBe(3600);
        }
        const refreshed = await cognito.send(
          new GetTokensFromRefreshTokenCommand({ ClientId: client.clientId, RefreshToken: AuthenticationResult!.RefreshToken }),
        );
        expect(refreshed.AuthenticationResult?.AccessToken).toBeTruthy();
      },
    },
    {
      rule: 'sign-ins of one user at the same time (parallel test workers) each get tokens that work, refresh token included',
      aws: 'Each sign-in issues its own refresh token, which gets new tokens until it is revoked or expires; a sign-in revokes no other',
      source: `${SOURCES.refreshToken}; ${SOURCES.getTokensFromRefreshToken}`,
      client: 'AWS SDK v3',
      async run() {
        const client = await pool();
        const email = await createUser(client);
        const signIns = await Promise.all(Array.from({ length: 6 }, () => tokensFor(client, email)));
        for (const { AccessToken, RefreshToken } of signIns) {
          expect((await cognito.send(new GetUserCommand({ AccessToken }))).Username).toBeTruthy();
          const refreshed = await cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId: client.clientId, RefreshToken }));
          expect(refreshed.AuthenticationResult?.AccessToken).toBeTruthy();
        }
      },
    },
    {
      rule: 'GetUser with an access token revoked by GlobalSignOut: Access Token has been revoked',
      aws: 'GlobalSignOut: "Amazon Cognito returns an Access Token has been revoked error"',
      source: SOURCES.globalSignOut,
      client: 'AWS SDK v3',
      async run() {
        const client = await pool();
        const { AccessToken } = await tokensFor(client, await createUser(client));
        await cognito.send(new GlobalSignOutCommand({ AccessToken }));
        expect(await failure(cognito.send(new GetUserCommand({ AccessToken })))).toEqual({
          name: 'NotAuthorizedException',
          message: 'Access Token has been revoked',
        });
      },
    },
    {
      rule: 'A sign-in in the same second as GlobalSignOut gets tokens that work at once; the signed-out ones stay revoked',
      aws:
        'Cognito revokes tokens by their origin (origin_jti, jti), not by time: GlobalSignOut revokes the tokens issued ' +
        'until then, and a new sign-in is a new origin whose tokens work at once',
      source: `${SOURCES.globalSignOut}; ${SOURCES.revokingTokens}`,
      client: 'AWS SDK v3',
      async run() {
        const client = await pool();
        const email = await createUser(client);
        let old: { AccessToken?: string; RefreshToken?: string } = {};
        let fresh: { AccessToken?: string; RefreshToken?: string } = {};
        const sameSecond = await withinOneSecond(async () => {
          old = await tokensFor(client, email);
          await cognito.send(new GlobalSignOutCommand({ AccessToken: old.AccessToken }));
          fresh = await tokensFor(client, email);
          await cognito.send(new GetUserCommand({ AccessToken: fresh.AccessToken }));
        });
        expect(sameSecond).toBe(true);
        await cognito.send(
          new ChangePasswordCommand({ AccessToken: fresh.AccessToken, PreviousPassword: PASSWORD, ProposedPassword: PASSWORD }),
        );
        const refreshed = await cognito.send(
          new GetTokensFromRefreshTokenCommand({ ClientId: client.clientId, RefreshToken: fresh.RefreshToken }),
        );
        await cognito.send(new GetUserCommand({ AccessToken: refreshed.AuthenticationResult!.AccessToken }));
        expect(await failure(cognito.send(new GetUserCommand({ AccessToken: old.AccessToken })))).toEqual({
          name: 'NotAuthorizedException',
          message: 'Access Token has been revoked',
        });
        expect(
          await failure(cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId: client.clientId, RefreshToken: old.RefreshToken }))),
        ).toEqual({ name: 'NotAuthorizedException', message: 'Refresh Token has been revoked' });
      },
    },
    {
      rule: 'amazon-cognito-identity-js signs in with SRP; a wrong password fails as Cognito does',
      aws: 'USER_SRP_AUTH: tokens for the right password, NotAuthorizedException "Incorrect username or password." for a wrong one',
      source: SOURCES.initiateAuth,
      client: 'amazon-cognito-identity-js',
      async run() {
        const client = await pool();
        const email = await createUser(client);
        expect((await srpSignIn(identityJsUser(client, email), PASSWORD)).step).toBe('tokens');
        expect(await srpSignIn(identityJsUser(client, email), 'Wrong-Passw0rd!')).toEqual({ step: 'error', ...INCORRECT });
      },
    },
    {
      rule: 'Amplify signIn (SRP, its default) is DONE and fetchAuthSession holds the ID token',
      aws: 'Amplify v6 signs in with USER_SRP_AUTH by default',
      source: SOURCES.amplifySignIn,
      client: 'Amplify v6',
      async run() {
        const client = await pool();
        const email = await createUser(client);
        await amplifyFor(client);
        expect((await signIn({ username: email, password: PASSWORD })).nextStep.signInStep).toBe('DONE');
        expect((await fetchAuthSession()).tokens?.idToken?.payload.email).toBe(email);
      },
    },
  ],
};
