// Sign-in challenges as the local Cognito runs them over HTTP, through the AWS SDK: Sessions that
// hold for one answer, NEW_PASSWORD_REQUIRED for invited users, MFA after every first factor
// (password and SRP alike, TOTP set up through MFA_SETUP), USER_AUTH's choices and refresh-token
// refusals (docs/aws-behaviour.md, "Cognito sign-in challenges").
import { createHmac } from 'node:crypto';
import {
  AdminCreateUserCommand,
  AdminInitiateAuthCommand,
  AdminRespondToAuthChallengeCommand,
  AssociateSoftwareTokenCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SetUserPoolMfaConfigCommand,
  VerifySoftwareTokenCommand,
  type UserPoolMfaType,
} from '@aws-sdk/client-cognito-identity-provider';
import { expect, test } from '@playwright/test';
import { startSrpClient } from '../local/cognito/testing/aws-srp-client.ts';
import { cognitoClient } from '../testing/cognito-client.ts';
import { e2eStack, failure } from './stack.ts';

const TEMPORARY = 'Temporary-Passw0rd!';
const PASSWORD = 'Chosen-Passw0rd!';
const cognito = cognitoClient(e2eStack.urls.cognito);
test.afterAll(() => cognito.destroy());

let pools = 0;
/** A pool of its own with `mfa`, TOTP on, an app client allowing every password flow, and `ada` invited with a temporary password. */
async function poolWith(mfa: UserPoolMfaType) {
  const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: `sign-in-${Date.now()}-${++pools}` }));
  const UserPoolId = UserPool!.Id!;
  await cognito.send(
    new SetUserPoolMfaConfigCommand({ UserPoolId, MfaConfiguration: mfa, SoftwareTokenMfaConfiguration: { Enabled: true } }),
  );
  const { UserPoolClient } = await cognito.send(
    new CreateUserPoolClientCommand({
      UserPoolId,
      ClientName: 'web',
      ExplicitAuthFlows: [
        'ALLOW_USER_PASSWORD_AUTH',
        'ALLOW_USER_SRP_AUTH',
        'ALLOW_ADMIN_USER_PASSWORD_AUTH',
        'ALLOW_USER_AUTH',
        'ALLOW_REFRESH_TOKEN_AUTH',
      ],
    }),
  );
  await cognito.send(
    new AdminCreateUserCommand({
      UserPoolId,
      Username: 'ada',
      TemporaryPassword: TEMPORARY,
      MessageAction: 'SUPPRESS',
      UserAttributes: [{ Name: 'email', Value: 'ada@example.com' }],
    }),
  );
  return { UserPoolId, ClientId: UserPoolClient!.ClientId! };
}

/** The TOTP of now for a base32 secret (RFC 6238: SHA-1, 6 digits, 30 s), as an authenticator app computes it. */
function totp(secret: string): string {
  const bits = [...secret.replace(/=+$/, '')]
    .map((c) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'.indexOf(c).toString(2).padStart(5, '0'))
    .join('');
  const key = Buffer.from(bits.match(/.{8}/g)!.map((byte) => Number.parseInt(byte, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30_000)));
  const hmac = createHmac('sha1', key).update(counter).digest();
  const offset = hmac[hmac.length - 1]! & 0xf;
  return String((hmac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

const passwordSignIn = (ClientId: string, PASSWORD_: string) =>
  cognito.send(
    new InitiateAuthCommand({ ClientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'ada', PASSWORD: PASSWORD_ } }),
  );
const respond = (ClientId: string, ChallengeName: string, Session: string | undefined, responses: Record<string, string>) =>
  cognito.send(
    new RespondToAuthChallengeCommand({
      ClientId,
      ChallengeName: ChallengeName as never,
      Session,
      ChallengeResponses: { USERNAME: 'ada', ...responses },
    }),
  );

test('an invited user sets a password that meets the policy, behind a Session that holds once, and the refresh token they get refreshes', async () => {
  const { ClientId } = await poolWith('OFF');
  const challenge = await passwordSignIn(ClientId, TEMPORARY);
  expect(challenge.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
  expect(await failure(respond(ClientId, 'NEW_PASSWORD_REQUIRED', 'made-up-session', { NEW_PASSWORD: PASSWORD }))).toEqual({
    name: 'NotAuthorizedException',
    message: 'Invalid session for the user.',
  });
  expect(await failure(respond(ClientId, 'NEW_PASSWORD_REQUIRED', challenge.Session, { NEW_PASSWORD: 'weak' }))).toEqual({
    name: 'InvalidPasswordException',
    message: expect.stringContaining('Password did not conform with policy'),
  });
  const again = await passwordSignIn(ClientId, TEMPORARY);
  const { AuthenticationResult } = await respond(ClientId, 'NEW_PASSWORD_REQUIRED', again.Session, { NEW_PASSWORD: PASSWORD });
  expect(await failure(respond(ClientId, 'NEW_PASSWORD_REQUIRED', again.Session, { NEW_PASSWORD: PASSWORD }))).toMatchObject({
    message: 'Invalid session for the user.',
  });
  const refreshed = await cognito.send(
    new InitiateAuthCommand({
      ClientId,
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      AuthParameters: { REFRESH_TOKEN: AuthenticationResult!.RefreshToken! },
    }),
  );
  expect(refreshed.AuthenticationResult).toMatchObject({ TokenType: 'Bearer', IdToken: expect.any(String) });
  expect(refreshed.AuthenticationResult!.RefreshToken).toBeUndefined();

  await cognito.send(new GlobalSignOutCommand({ AccessToken: AuthenticationResult!.AccessToken! }));
  const refresh = (REFRESH_TOKEN: string) =>
    failure(cognito.send(new InitiateAuthCommand({ ClientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN } })));
  expect(await refresh(AuthenticationResult!.RefreshToken!)).toEqual({
    name: 'NotAuthorizedException',
    message: 'Refresh Token has been revoked',
  });
  expect(await refresh('not-a-refresh-token')).toEqual({ name: 'NotAuthorizedException', message: 'Invalid Refresh Token' });
});

test('on an MFA ON pool a user sets TOTP up with the Session (MFA_SETUP), then password and SRP sign-ins both ask for the code', async () => {
  const { UserPoolId, ClientId } = await poolWith('ON');
  const first = await passwordSignIn(ClientId, TEMPORARY);
  const setup = await respond(ClientId, 'NEW_PASSWORD_REQUIRED', first.Session, { NEW_PASSWORD: PASSWORD });
  expect([setup.ChallengeName, setup.ChallengeParameters?.MFAS_CAN_SETUP]).toEqual(['MFA_SETUP', '["SOFTWARE_TOKEN_MFA"]']);
  const { SecretCode, Session } = await cognito.send(new AssociateSoftwareTokenCommand({ Session: setup.Session }));
  const verified = await cognito.send(new VerifySoftwareTokenCommand({ Session, UserCode: totp(SecretCode!) }));
  expect(verified.Status).toBe('SUCCESS');
  const signedIn = await respond(ClientId, 'MFA_SETUP', verified.Session, {});
  expect(signedIn.AuthenticationResult?.IdToken).toEqual(expect.any(String));

  const byPassword = await passwordSignIn(ClientId, PASSWORD);
  expect(byPassword.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
  expect(await failure(respond(ClientId, 'SOFTWARE_TOKEN_MFA', byPassword.Session, { SOFTWARE_TOKEN_MFA_CODE: '000000' }))).toMatchObject({
    name: 'CodeMismatchException',
  });

  const srp = await startSrpClient(UserPoolId.split('_')[1]!);
  const verifier = await cognito.send(
    new InitiateAuthCommand({ ClientId, AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: 'ada', SRP_A: srp.A.toString(16) } }),
  );
  const proof = await srp.passwordVerifierResponses(verifier.ChallengeParameters!, PASSWORD, 'Mon Nov 23 22:26:35 UTC 2026');
  const bySrp = await respond(ClientId, 'PASSWORD_VERIFIER', verifier.Session, proof);
  expect(bySrp.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
  const done = await respond(ClientId, 'SOFTWARE_TOKEN_MFA', bySrp.Session, { SOFTWARE_TOKEN_MFA_CODE: totp(SecretCode!) });
  expect(done.AuthenticationResult?.AccessToken).toEqual(expect.any(String));
});

test('USER_AUTH offers PASSWORD and PASSWORD_SRP, and the admin flow continues only through AdminRespondToAuthChallenge', async () => {
  const { UserPoolId, ClientId } = await poolWith('OPTIONAL');
  const admin = await cognito.send(
    new AdminInitiateAuthCommand({
      UserPoolId,
      ClientId,
      AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: 'ada', PASSWORD: TEMPORARY },
    }),
  );
  expect(await failure(respond(ClientId, 'NEW_PASSWORD_REQUIRED', admin.Session, { NEW_PASSWORD: PASSWORD }))).toMatchObject({
    message: 'Invalid session for the user.',
  });
  const adminAgain = await cognito.send(
    new AdminInitiateAuthCommand({
      UserPoolId,
      ClientId,
      AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: 'ada', PASSWORD: TEMPORARY },
    }),
  );
  const changed = await cognito.send(
    new AdminRespondToAuthChallengeCommand({
      UserPoolId,
      ClientId,
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      Session: adminAgain.Session,
      ChallengeResponses: { USERNAME: 'ada', NEW_PASSWORD: PASSWORD },
    }),
  );
  expect(changed.AuthenticationResult?.RefreshToken).toEqual(expect.any(String));

  const select = await cognito.send(new InitiateAuthCommand({ ClientId, AuthFlow: 'USER_AUTH', AuthParameters: { USERNAME: 'ada' } }));
  expect([select.ChallengeName, select.AvailableChallenges]).toEqual(['SELECT_CHALLENGE', ['PASSWORD', 'PASSWORD_SRP']]);
  const signedIn = await respond(ClientId, 'SELECT_CHALLENGE', select.Session, { ANSWER: 'PASSWORD', PASSWORD });
  expect(signedIn.AuthenticationResult?.IdToken).toEqual(expect.any(String));
  expect(
    await failure(
      cognito.send(
        new InitiateAuthCommand({ ClientId, AuthFlow: 'USER_AUTH', AuthParameters: { USERNAME: 'ada', PREFERRED_CHALLENGE: 'EMAIL_OTP' } }),
      ),
    ),
  ).toMatchObject({ message: expect.stringContaining('EMAIL_OTP') });
});
