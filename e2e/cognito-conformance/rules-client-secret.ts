// An app client with a secret refuses every sign-in step that lacks the right SECRET_HASH.
import { AdminInitiateAuthCommand, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { expect } from '@playwright/test';
import { startSrpClient } from '../../local/cognito/testing/aws-srp-client.ts';
import { srpPoolName } from '../../local/cognito/srp/cognito-srp.ts';
import { failure } from '../stack.ts';
import {
  answerPasswordVerifier,
  cognito,
  createPool,
  createUser,
  once,
  PASSWORD,
  passwordAuth,
  secretHash,
  type TestClient,
} from './pools.ts';
import type { ConformanceRule, ConformanceTopic } from './rule.ts';
import { SOURCES } from './sources.ts';

const pool = once(() => createPool({ generateSecret: true }));
const missing = (client: TestClient) => ({
  name: 'NotAuthorizedException',
  message: `Client ${client.clientId} is configured with secret but SECRET_HASH was not received`,
});
const wrong = (client: TestClient) => ({
  name: 'NotAuthorizedException',
  message: `Unable to verify secret hash for client ${client.clientId}`,
});
const AWS_SECRET =
  'A client with a secret needs SECRET_HASH = Base64(HMAC-SHA256(secret, username + client id)): missing → ' +
  '"Client <id> is configured with secret but SECRET_HASH was not received", wrong → "Unable to verify secret hash for client <id>"';

const adminAuth = (client: TestClient, email: string, extra: Record<string, string>) =>
  cognito.send(
    new AdminInitiateAuthCommand({
      UserPoolId: client.poolId,
      ClientId: client.clientId,
      AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: email, PASSWORD, ...extra },
    }),
  );

/** An SRP sign-in started with the right SECRET_HASH, whose PASSWORD_VERIFIER answer carries `extra`. */
async function srpAnswer(extra: (client: TestClient, email: string) => Record<string, string>) {
  const client = await pool();
  const email = await createUser(client);
  const srp = await startSrpClient(srpPoolName(client.poolId));
  const started = await cognito.send(
    new InitiateAuthCommand({
      ClientId: client.clientId,
      AuthFlow: 'USER_SRP_AUTH',
      AuthParameters: { USERNAME: email, SRP_A: srp.A.toString(16), SECRET_HASH: secretHash(client, email) },
    }),
  );
  // The answer names the user by USER_ID_FOR_SRP (the sub): the hash is over that name.
  const userId = started.ChallengeParameters!.USER_ID_FOR_SRP!;
  return { client, answer: answerPasswordVerifier(client, started, srp, PASSWORD, extra(client, userId)) };
}

const secretRule = (rule: string, source: string, run: ConformanceRule['run']): ConformanceRule => ({
  rule,
  aws: AWS_SECRET,
  source: `${SOURCES.secretHash}; ${source}`,
  client: 'AWS SDK v3',
  run,
});

export const clientSecrets: ConformanceTopic = {
  title: 'app clients with a secret',
  rules: [
    secretRule('InitiateAuth without SECRET_HASH is refused', SOURCES.initiateAuth, async () => {
      const client = await pool();
      expect(await failure(passwordAuth(client, await createUser(client)))).toEqual(missing(client));
    }),
    secretRule('InitiateAuth with a wrong SECRET_HASH is refused', SOURCES.initiateAuth, async () => {
      const client = await pool();
      const email = await createUser(client);
      expect(await failure(passwordAuth(client, email, PASSWORD, { SECRET_HASH: secretHash(client, email, 'not-the-secret') }))).toEqual(
        wrong(client),
      );
    }),
    secretRule('InitiateAuth with the right SECRET_HASH signs in', SOURCES.initiateAuth, async () => {
      const client = await pool();
      const email = await createUser(client);
      expect((await passwordAuth(client, email, PASSWORD, { SECRET_HASH: secretHash(client, email) })).AuthenticationResult).toBeTruthy();
    }),
    secretRule('AdminInitiateAuth without SECRET_HASH is refused', SOURCES.adminInitiateAuth, async () => {
      const client = await pool();
      expect(await failure(adminAuth(client, await createUser(client), {}))).toEqual(missing(client));
    }),
    secretRule('AdminInitiateAuth with a wrong SECRET_HASH is refused', SOURCES.adminInitiateAuth, async () => {
      const client = await pool();
      const email = await createUser(client);
      expect(await failure(adminAuth(client, email, { SECRET_HASH: secretHash(client, email, 'not-the-secret') }))).toEqual(wrong(client));
    }),
    secretRule('RespondToAuthChallenge without SECRET_HASH is refused', SOURCES.respondToAuthChallenge, async () => {
      const { client, answer } = await srpAnswer(() => ({}));
      expect(await failure(answer)).toEqual(missing(client));
    }),
    secretRule('RespondToAuthChallenge with a wrong SECRET_HASH is refused', SOURCES.respondToAuthChallenge, async () => {
      const { client, answer } = await srpAnswer((client, userId) => ({ SECRET_HASH: secretHash(client, userId, 'not-the-secret') }));
      expect(await failure(answer)).toEqual(wrong(client));
    }),
    secretRule('RespondToAuthChallenge with the right SECRET_HASH gives tokens', SOURCES.respondToAuthChallenge, async () => {
      const { answer } = await srpAnswer((client, userId) => ({ SECRET_HASH: secretHash(client, userId) }));
      expect((await answer).AuthenticationResult?.IdToken).toBeTruthy();
    }),
  ],
};
