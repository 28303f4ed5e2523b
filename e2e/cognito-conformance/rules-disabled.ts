// A user an admin disabled can no longer sign in, refresh, or use the tokens they hold.
import {
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  GetTokensFromRefreshTokenCommand,
  GetUserCommand,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { expect } from '@playwright/test';
import { failure } from '../stack.ts';
import { identityJsUser, srpSignIn } from './identity-js.ts';
import {
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

const pool = once(() => createPool());
const DISABLED = { name: 'NotAuthorizedException', message: 'User is disabled.' };
const AWS_SIGN_IN = 'AdminDisableUser: "A deactivated user can\'t sign in"; the answer is NotAuthorizedException "User is disabled."';

/** A user of the pool, with tokens from before an admin disabled them. */
async function disabledUser(): Promise<{ client: TestClient; email: string; AccessToken: string; RefreshToken: string }> {
  const client = await pool();
  const email = await createUser(client);
  const { AccessToken, RefreshToken } = await tokensFor(client, email);
  await cognito.send(new AdminDisableUserCommand({ UserPoolId: client.poolId, Username: email }));
  return { client, email, AccessToken: AccessToken!, RefreshToken: RefreshToken! };
}

export const disabledUsers: ConformanceTopic = {
  title: 'disabled users (AdminDisableUser)',
  rules: [
    {
      rule: 'USER_PASSWORD_AUTH of a disabled user is refused: User is disabled.',
      aws: AWS_SIGN_IN,
      source: `${SOURCES.adminDisableUser}; ${SOURCES.userIsDisabled}`,
      client: 'AWS SDK v3',
      async run() {
        const { client, email } = await disabledUser();
        expect(await failure(passwordAuth(client, email))).toEqual(DISABLED);
      },
    },
    {
      rule: 'USER_SRP_AUTH of a disabled user is refused: User is disabled.',
      aws: AWS_SIGN_IN,
      source: `${SOURCES.adminDisableUser}; ${SOURCES.userIsDisabled}`,
      client: 'AWS SDK v3',
      async run() {
        const { client, email } = await disabledUser();
        expect(await failure(srpAuth(client, email))).toEqual(DISABLED);
      },
    },
    {
      rule: 'amazon-cognito-identity-js SRP sign-in of a disabled user fails: User is disabled.',
      aws: AWS_SIGN_IN,
      source: `${SOURCES.adminDisableUser}; ${SOURCES.userIsDisabled}`,
      client: 'amazon-cognito-identity-js',
      async run() {
        const { client, email } = await disabledUser();
        expect(await srpSignIn(identityJsUser(client, email), PASSWORD)).toEqual({ step: 'error', ...DISABLED });
      },
    },
    {
      rule: 'REFRESH_TOKEN_AUTH with a refresh token from before the user was disabled is refused',
      aws: 'A deactivated user gets no new tokens: NotAuthorizedException "User is disabled."',
      source: `${SOURCES.adminDisableUser}; ${SOURCES.userIsDisabled}`,
      client: 'AWS SDK v3',
      async run() {
        const { client, RefreshToken } = await disabledUser();
        const refresh = cognito.send(
          new InitiateAuthCommand({
            ClientId: client.clientId,
            AuthFlow: 'REFRESH_TOKEN_AUTH',
            AuthParameters: { REFRESH_TOKEN: RefreshToken },
          }),
        );
        expect(await failure(refresh)).toEqual(DISABLED);
      },
    },
    {
      rule: 'GetTokensFromRefreshToken with a refresh token from before the user was disabled is refused',
      aws: 'A deactivated user gets no new tokens: NotAuthorizedException "User is disabled."',
      source: `${SOURCES.adminDisableUser}; ${SOURCES.getTokensFromRefreshToken}; ${SOURCES.userIsDisabled}`,
      client: 'AWS SDK v3',
      async run() {
        const { client, RefreshToken } = await disabledUser();
        expect(await failure(cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId: client.clientId, RefreshToken })))).toEqual(
          DISABLED,
        );
      },
    },
    {
      rule: 'GetUser with an access token issued before the user was disabled is refused',
      aws:
        'AdminDisableUser "revokes all access tokens for the user": NotAuthorizedException, as for any revoked token ' +
        '("Access Token has been revoked") or "User is disabled." — AWS documents the revocation, not which of the two messages',
      source: `${SOURCES.adminDisableUser}; ${SOURCES.globalSignOut}`,
      client: 'AWS SDK v3',
      async run() {
        const { AccessToken } = await disabledUser();
        const refused = await failure(cognito.send(new GetUserCommand({ AccessToken })));
        expect(refused.name).toBe('NotAuthorizedException');
        expect(['Access Token has been revoked', 'User is disabled.']).toContain(refused.message);
      },
    },
    {
      rule: 'A sign-in in the same second as AdminEnableUser after AdminDisableUser gets tokens that work; the earlier ones stay revoked',
      aws:
        'AdminDisableUser revokes the access tokens issued until then; Cognito revokes by origin (origin_jti), not by time, ' +
        'so a sign-in once the user is enabled again gets tokens that work at once',
      source: `${SOURCES.adminDisableUser}; ${SOURCES.revokingTokens}`,
      client: 'AWS SDK v3',
      async run() {
        const client = await pool();
        const email = await createUser(client);
        let old: { AccessToken?: string } = {};
        let fresh: { AccessToken?: string } = {};
        const sameSecond = await withinOneSecond(async () => {
          old = await tokensFor(client, email);
          await cognito.send(new AdminDisableUserCommand({ UserPoolId: client.poolId, Username: email }));
          await cognito.send(new AdminEnableUserCommand({ UserPoolId: client.poolId, Username: email }));
          fresh = await tokensFor(client, email);
          await cognito.send(new GetUserCommand({ AccessToken: fresh.AccessToken }));
        });
        expect(sameSecond).toBe(true);
        const refused = await failure(cognito.send(new GetUserCommand({ AccessToken: old.AccessToken })));
        expect(refused.name).toBe('NotAuthorizedException');
        expect(['Access Token has been revoked', 'User is disabled.']).toContain(refused.message);
      },
    },
  ],
};
