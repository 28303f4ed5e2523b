// TOTP MFA: a pool with MFA OPTIONAL asks a user who set up an authenticator app for its code on
// every sign-in flow; a pool with MFA off refuses the set-up.
import {
  AssociateSoftwareTokenCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SetUserMFAPreferenceCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { expect } from '@playwright/test';
import { confirmSignIn, fetchMFAPreference, setUpTOTP, signIn, updateMFAPreference, verifyTOTPSetup } from 'aws-amplify/auth';
import { totpCode, wrongTotpCode } from '../../testing/totp.ts';
import { failure } from '../stack.ts';
import { amplifyFor } from './amplify.ts';
import { identityJsUser, sendTotpCode, srpSignIn } from './identity-js.ts';
import { cognito, createPool, createUser, enableTotp, once, PASSWORD, passwordAuth, srpAuth, type TestClient, tokensFor } from './pools.ts';
import type { ConformanceTopic } from './rule.ts';
import { SOURCES } from './sources.ts';

const mfaPool = once(() => createPool({ mfa: 'OPTIONAL' }));
const noMfaPool = once(() => createPool({ mfa: 'OFF' }));
const AWS_TOTP =
  'With MFA OPTIONAL, a user with TOTP MFA enabled gets the SOFTWARE_TOKEN_MFA challenge after the first factor, whatever the flow; ' +
  'the right code gives tokens, a wrong one CodeMismatchException';

/** A user of the MFA pool with an authenticator app set up and preferred. */
async function totpUser(): Promise<{ client: TestClient; email: string; secret: string }> {
  const client = await mfaPool();
  const email = await createUser(client);
  const secret = await enableTotp((await tokensFor(client, email)).AccessToken!);
  return { client, email, secret };
}

const answerTotp = (client: TestClient, email: string, Session: string | undefined, code: string) =>
  cognito.send(
    new RespondToAuthChallengeCommand({
      ClientId: client.clientId,
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      Session,
      ChallengeResponses: { USERNAME: email, SOFTWARE_TOKEN_MFA_CODE: code },
    }),
  );

export const mfa: ConformanceTopic = {
  title: 'TOTP multi-factor authentication',
  rules: [
    {
      rule: 'MFA OPTIONAL, TOTP user: USER_PASSWORD_AUTH answers SOFTWARE_TOKEN_MFA, and the right code gives tokens',
      aws: AWS_TOTP,
      source: `${SOURCES.totp}; ${SOURCES.respondToAuthChallenge}`,
      client: 'AWS SDK v3',
      async run() {
        const { client, email, secret } = await totpUser();
        const started = await passwordAuth(client, email);
        expect(started.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
        expect(started.AuthenticationResult).toBeUndefined();
        expect((await answerTotp(client, email, started.Session, totpCode(secret))).AuthenticationResult?.IdToken).toBeTruthy();
      },
    },
    {
      rule: 'MFA OPTIONAL, TOTP user: a wrong code answers CodeMismatchException',
      aws: AWS_TOTP,
      source: `${SOURCES.totp}; ${SOURCES.respondToAuthChallenge}`,
      client: 'AWS SDK v3',
      async run() {
        const { client, email, secret } = await totpUser();
        const started = await passwordAuth(client, email);
        expect(started.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
        expect((await failure(answerTotp(client, email, started.Session, wrongTotpCode(secret)))).name).toBe('CodeMismatchException');
      },
    },
    {
      rule: 'MFA OPTIONAL, TOTP user: USER_SRP_AUTH answers SOFTWARE_TOKEN_MFA after PASSWORD_VERIFIER, and the code gives tokens',
      aws: AWS_TOTP,
      source: `${SOURCES.totp}; ${SOURCES.initiateAuth}`,
      client: 'AWS SDK v3',
      async run() {
        const { client, email, secret } = await totpUser();
        const verified = await srpAuth(client, email);
        expect(verified.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
        expect(verified.AuthenticationResult).toBeUndefined();
        expect((await answerTotp(client, email, verified.Session, totpCode(secret))).AuthenticationResult?.IdToken).toBeTruthy();
      },
    },
    {
      rule: 'amazon-cognito-identity-js: SRP sign-in calls totpRequired; sendMFACode with SOFTWARE_TOKEN_MFA gives tokens',
      aws: AWS_TOTP,
      source: SOURCES.totp,
      client: 'amazon-cognito-identity-js',
      async run() {
        const { client, email, secret } = await totpUser();
        const user = identityJsUser(client, email);
        expect(await srpSignIn(user, PASSWORD)).toEqual({ step: 'totpRequired' });
        expect((await sendTotpCode(user, totpCode(secret))).step).toBe('tokens');
      },
    },
    {
      rule: 'Amplify signIn asks for the TOTP code (CONFIRM_SIGN_IN_WITH_TOTP_CODE); confirmSignIn with it is DONE',
      aws: AWS_TOTP,
      source: `${SOURCES.amplifyMfa}; ${SOURCES.totp}`,
      client: 'Amplify v6',
      async run() {
        const { client, email, secret } = await totpUser();
        await amplifyFor(client);
        const first = await signIn({ username: email, password: PASSWORD });
        expect(first.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_TOTP_CODE');
        expect((await confirmSignIn({ challengeResponse: totpCode(secret) })).nextStep.signInStep).toBe('DONE');
      },
    },
    {
      rule: 'Amplify setUpTOTP, verifyTOTPSetup and updateMFAPreference turn TOTP on; the next signIn asks for the code',
      aws: 'AssociateSoftwareToken, VerifySoftwareToken and SetUserMFAPreference set up TOTP on a pool with MFA OPTIONAL',
      source: `${SOURCES.amplifyMfa}; ${SOURCES.associateSoftwareToken}`,
      client: 'Amplify v6',
      async run() {
        const client = await mfaPool();
        const email = await createUser(client);
        await amplifyFor(client);
        expect((await signIn({ username: email, password: PASSWORD })).nextStep.signInStep).toBe('DONE');
        const { sharedSecret } = await setUpTOTP();
        await verifyTOTPSetup({ code: totpCode(sharedSecret) });
        await updateMFAPreference({ totp: 'PREFERRED' });
        expect(await fetchMFAPreference()).toMatchObject({ enabled: ['TOTP'], preferred: 'TOTP' });
        await amplifyFor(client);
        expect((await signIn({ username: email, password: PASSWORD })).nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_TOTP_CODE');
      },
    },
    {
      rule: 'MFA OFF: AssociateSoftwareToken is refused with SoftwareTokenMFANotFoundException',
      aws: 'SoftwareTokenMFANotFoundException: "thrown when the software token TOTP MFA isn\'t activated for the user pool"',
      source: SOURCES.associateSoftwareToken,
      client: 'AWS SDK v3',
      async run() {
        const client = await noMfaPool();
        const { AccessToken } = await tokensFor(client, await createUser(client));
        expect((await failure(cognito.send(new AssociateSoftwareTokenCommand({ AccessToken })))).name).toBe(
          'SoftwareTokenMFANotFoundException',
        );
      },
    },
    {
      rule: 'MFA OFF: SetUserMFAPreference enabling TOTP is refused with InvalidParameterException',
      aws: 'TOTP can be preferred only once set up, which a pool with MFA off does not allow (community: "User has not set up software token mfa")',
      source: `${SOURCES.setUserMfaPreference}; ${SOURCES.totpNotSetUp}`,
      client: 'AWS SDK v3',
      async run() {
        const client = await noMfaPool();
        const { AccessToken } = await tokensFor(client, await createUser(client));
        const prefer = cognito.send(
          new SetUserMFAPreferenceCommand({ AccessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }),
        );
        expect((await failure(prefer)).name).toBe('InvalidParameterException');
      },
    },
    {
      rule: 'MFA OFF: USER_PASSWORD_AUTH gives tokens with no MFA challenge',
      aws: 'A pool with MFA off never asks for a second factor',
      source: SOURCES.totp,
      client: 'AWS SDK v3',
      async run() {
        const client = await noMfaPool();
        const started = await cognito.send(
          new InitiateAuthCommand({
            ClientId: client.clientId,
            AuthFlow: 'USER_PASSWORD_AUTH',
            AuthParameters: { USERNAME: await createUser(client), PASSWORD },
          }),
        );
        expect(started.ChallengeName).toBeUndefined();
        expect(started.AuthenticationResult?.IdToken).toBeTruthy();
      },
    },
  ],
};
