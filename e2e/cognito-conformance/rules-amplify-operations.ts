// The operations Amplify v6 calls beyond the everyday path: AdminUserGlobalSignOut, the device
// list, choice-based sign-in (USER_AUTH), and the app client's ExplicitAuthFlows on every flow.
import {
  AdminInitiateAuthCommand,
  AdminUserGlobalSignOutCommand,
  GetTokensFromRefreshTokenCommand,
  GetUserCommand,
  InitiateAuthCommand,
  ListDevicesCommand,
  RespondToAuthChallengeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { expect } from '@playwright/test';
import { fetchAuthSession, fetchDevices, signIn } from 'aws-amplify/auth';
import { startSrpClient } from '../../local/cognito/testing/aws-srp-client.ts';
import { srpPoolName } from '../../local/cognito/srp/cognito-srp.ts';
import { failure } from '../stack.ts';
import { amplifyFor } from './amplify.ts';
import {
  addClient,
  answerPasswordVerifier,
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
} from './pools.ts';
import type { ConformanceTopic } from './rule.ts';
import { SOURCES } from './sources.ts';

const pool = once(() => createPool());
const srpOnly = once(async () => addClient((await pool()).poolId, { flows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }));
const withoutUserAuth = once(async () =>
  addClient((await pool()).poolId, { flows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }),
);
const notEnabled = (flow: string) => ({ name: 'InvalidParameterException', message: `${flow} flow not enabled for this client` });

const userAuth = (client: TestClient, parameters: Record<string, string>) =>
  cognito.send(new InitiateAuthCommand({ ClientId: client.clientId, AuthFlow: 'USER_AUTH', AuthParameters: parameters }));

export const amplifyOperations: ConformanceTopic = {
  title: 'operations Amplify v6 calls',
  rules: [
    {
      rule: 'AdminUserGlobalSignOut: the refresh token is then refused (GetTokensFromRefreshToken and REFRESH_TOKEN_AUTH)',
      aws: 'AdminUserGlobalSignOut invalidates the user\'s refresh tokens: NotAuthorizedException "Refresh Token has been revoked"',
      source: SOURCES.adminUserGlobalSignOut,
      client: 'AWS SDK v3',
      async run() {
        const client = await pool();
        const email = await createUser(client);
        const { RefreshToken } = await tokensFor(client, email);
        await cognito.send(new AdminUserGlobalSignOutCommand({ UserPoolId: client.poolId, Username: email }));
        const revoked = { name: 'NotAuthorizedException', message: 'Refresh Token has been revoked' };
        expect(await failure(cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId: client.clientId, RefreshToken })))).toEqual(
          revoked,
        );
        const refresh = cognito.send(
          new InitiateAuthCommand({
            ClientId: client.clientId,
            AuthFlow: 'REFRESH_TOKEN_AUTH',
            AuthParameters: { REFRESH_TOKEN: RefreshToken! },
          }),
        );
        expect(await failure(refresh)).toEqual(revoked);
      },
    },
    {
      rule: 'AdminUserGlobalSignOut: the access token is then refused: Access Token has been revoked',
      aws: 'AdminUserGlobalSignOut: "Amazon Cognito returns an Access Token has been revoked error" for the user\'s access tokens',
      source: SOURCES.adminUserGlobalSignOut,
      client: 'AWS SDK v3',
      async run() {
        const client = await pool();
        const email = await createUser(client);
        const { AccessToken } = await tokensFor(client, email);
        await cognito.send(new AdminUserGlobalSignOutCommand({ UserPoolId: client.poolId, Username: email }));
        expect(await failure(cognito.send(new GetUserCommand({ AccessToken })))).toEqual({
          name: 'NotAuthorizedException',
          message: 'Access Token has been revoked',
        });
      },
    },
    {
      rule: 'ListDevices on a pool without device tracking answers an empty list',
      aws: 'ListDevices lists the devices Cognito registered to the user; without device tracking it registers none',
      source: `${SOURCES.listDevices}; ${SOURCES.devices}`,
      client: 'AWS SDK v3',
      async run() {
        const client = await pool();
        const { AccessToken } = await tokensFor(client, await createUser(client));
        expect((await cognito.send(new ListDevicesCommand({ AccessToken }))).Devices).toEqual([]);
      },
    },
    {
      rule: 'Amplify fetchDevices on a pool without device tracking answers []',
      aws: 'fetchDevices calls ListDevices: no devices without device tracking',
      source: `${SOURCES.amplifyDevices}; ${SOURCES.listDevices}`,
      client: 'Amplify v6',
      async run() {
        const client = await pool();
        const email = await createUser(client);
        await amplifyFor(client);
        await signIn({ username: email, password: PASSWORD });
        expect(await fetchDevices()).toEqual([]);
      },
    },
    {
      rule: 'USER_AUTH with PREFERRED_CHALLENGE PASSWORD and the password gives tokens at once',
      aws: 'Choice-based sign-in: a preferred PASSWORD challenge with PASSWORD in AuthParameters is answered in InitiateAuth itself',
      source: `${SOURCES.choiceBasedSignIn}; ${SOURCES.initiateAuth}`,
      client: 'AWS SDK v3',
      async run() {
        const client = await pool();
        const email = await createUser(client);
        const { AuthenticationResult } = await userAuth(client, { USERNAME: email, PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD });
        expect(claimsOf(AuthenticationResult!.IdToken!).email).toBe(email);
      },
    },
    {
      rule: 'USER_AUTH with PREFERRED_CHALLENGE PASSWORD_SRP answers PASSWORD_VERIFIER, whose answer gives tokens',
      aws: 'Choice-based sign-in: a preferred PASSWORD_SRP challenge with SRP_A goes on to PASSWORD_VERIFIER',
      source: SOURCES.choiceBasedSignIn,
      client: 'AWS SDK v3',
      async run() {
        const client = await pool();
        const email = await createUser(client);
        const srp = await startSrpClient(srpPoolName(client.poolId));
        const started = await userAuth(client, { USERNAME: email, PREFERRED_CHALLENGE: 'PASSWORD_SRP', SRP_A: srp.A.toString(16) });
        expect(started.ChallengeName).toBe('PASSWORD_VERIFIER');
        expect((await answerPasswordVerifier(client, started, srp, PASSWORD)).AuthenticationResult?.IdToken).toBeTruthy();
      },
    },
    {
      rule: 'USER_AUTH without a preference answers SELECT_CHALLENGE; choosing PASSWORD with the password gives tokens',
      aws: 'Choice-based sign-in with USERNAME alone returns SELECT_CHALLENGE with the available challenges; the chosen one is answered in RespondToAuthChallenge',
      source: `${SOURCES.choiceBasedSignIn}; ${SOURCES.respondToAuthChallenge}`,
      client: 'AWS SDK v3',
      async run() {
        const client = await pool();
        const email = await createUser(client);
        const started = await userAuth(client, { USERNAME: email });
        expect(started.ChallengeName).toBe('SELECT_CHALLENGE');
        expect(started.AvailableChallenges).toEqual(expect.arrayContaining(['PASSWORD', 'PASSWORD_SRP']));
        const { AuthenticationResult } = await cognito.send(
          new RespondToAuthChallengeCommand({
            ClientId: client.clientId,
            ChallengeName: 'SELECT_CHALLENGE',
            Session: started.Session,
            ChallengeResponses: { USERNAME: email, ANSWER: 'PASSWORD', PASSWORD },
          }),
        );
        expect(AuthenticationResult?.IdToken).toBeTruthy();
      },
    },
    {
      rule: 'Amplify signIn with authFlowType USER_AUTH and preferredChallenge PASSWORD_SRP is DONE',
      aws: 'Amplify v6 choice-based sign-in runs USER_AUTH with the preferred challenge',
      source: `${SOURCES.amplifySignIn}; ${SOURCES.choiceBasedSignIn}`,
      client: 'Amplify v6',
      async run() {
        const client = await pool();
        const email = await createUser(client);
        await amplifyFor(client);
        const result = await signIn({
          username: email,
          password: PASSWORD,
          options: { authFlowType: 'USER_AUTH', preferredChallenge: 'PASSWORD_SRP' },
        });
        expect(result.nextStep.signInStep).toBe('DONE');
        expect((await fetchAuthSession()).tokens?.idToken?.payload.email).toBe(email);
      },
    },
    {
      rule: 'a client without ALLOW_USER_AUTH refuses USER_AUTH',
      aws: 'USER_AUTH needs ALLOW_USER_AUTH in the client\'s ExplicitAuthFlows; a flow the client does not allow is refused (InvalidParameterException "<FLOW> flow not enabled for this client")',
      source: `${SOURCES.userPoolClient}; ${SOURCES.flowNotEnabled}`,
      client: 'AWS SDK v3',
      async run() {
        const client = await withoutUserAuth();
        const email = await createUser(client);
        expect(await failure(userAuth(client, { USERNAME: email, PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD }))).toEqual(
          notEnabled('USER_AUTH'),
        );
      },
    },
    {
      rule: 'a client with only ALLOW_USER_SRP_AUTH refuses USER_PASSWORD_AUTH',
      aws: 'ExplicitAuthFlows lists the flows a client allows: InvalidParameterException "USER_PASSWORD_AUTH flow not enabled for this client"',
      source: `${SOURCES.userPoolClient}; ${SOURCES.flowNotEnabled}`,
      client: 'AWS SDK v3',
      async run() {
        const client = await srpOnly();
        expect(await failure(passwordAuth(client, await createUser(client)))).toEqual(notEnabled('USER_PASSWORD_AUTH'));
      },
    },
    {
      rule: 'a client with only ALLOW_USER_SRP_AUTH refuses ADMIN_USER_PASSWORD_AUTH',
      aws: 'ALLOW_ADMIN_USER_PASSWORD_AUTH is needed for ADMIN_USER_PASSWORD_AUTH: InvalidParameterException, the flow not enabled for this client',
      source: `${SOURCES.userPoolClient}; ${SOURCES.flowNotEnabled}`,
      client: 'AWS SDK v3',
      async run() {
        const client = await srpOnly();
        const email = await createUser(client);
        const refused = await failure(
          cognito.send(
            new AdminInitiateAuthCommand({
              UserPoolId: client.poolId,
              ClientId: client.clientId,
              AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
              AuthParameters: { USERNAME: email, PASSWORD },
            }),
          ),
        );
        expect(refused.name).toBe('InvalidParameterException');
        expect(refused.message).toMatch(/flow not enabled for this client$/);
      },
    },
    {
      rule: 'a client with only ALLOW_USER_SRP_AUTH signs in with USER_SRP_AUTH',
      aws: 'The flows a client lists work',
      source: SOURCES.userPoolClient,
      client: 'AWS SDK v3',
      async run() {
        const client = await srpOnly();
        expect((await srpAuth(client, await createUser(client))).AuthenticationResult?.IdToken).toBeTruthy();
      },
    },
  ],
};
