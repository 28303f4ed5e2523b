// Refresh-token rotation (the app client's RefreshTokenRotation, GetTokensFromRefreshToken) and
// RevokeToken: what a refresh returns, how long a replaced refresh token lasts, what revoking one
// revokes, through the AWS SDK and Amplify v6.
import {
  DescribeUserPoolClientCommand,
  type ExplicitAuthFlowsType,
  GetTokensFromRefreshTokenCommand,
  GetUserCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  RevokeTokenCommand,
  UpdateUserPoolClientCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { expect } from '@playwright/test';
import { fetchAuthSession, signIn } from 'aws-amplify/auth';
import { failure } from '../stack.ts';
import { amplifyFor } from './amplify.ts';
import { addClient, claimsOf, cognito, createPool, createUser, once, PASSWORD, type TestClient, tokensFor } from './pools.ts';
import type { ConformanceTopic } from './rule.ts';
import { SOURCES } from './sources.ts';

// AWS says to leave REFRESH_TOKEN_AUTH out of a rotating client; GetTokensFromRefreshToken works without it.
const ROTATING_FLOWS: ExplicitAuthFlowsType[] = ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH'];

const pool = once(() => createPool());
const rotating = async (RetryGracePeriodSeconds: number, flows: ExplicitAuthFlowsType[] = ROTATING_FLOWS) =>
  addClient((await pool()).poolId, { flows, refreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds } });
const noGrace = once(() => rotating(0));
const oneSecondGrace = once(() => rotating(1));

const refresh = (client: TestClient, RefreshToken: string | undefined) =>
  cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId: client.clientId, RefreshToken }));
const reused = { name: 'RefreshTokenReuseException' };
const revoked = { name: 'NotAuthorizedException', message: 'Refresh Token has been revoked' };

export const rotation: ConformanceTopic = {
  title: 'refresh-token rotation and RevokeToken',
  rules: [
    {
      rule: 'the app client keeps its RefreshTokenRotation; UpdateUserPoolClient without it turns rotation off',
      aws: 'RefreshTokenRotation is a request parameter of Create/UpdateUserPoolClient and a response parameter of DescribeUserPoolClient; an update sets what it leaves out to its default',
      source: `${SOURCES.refreshTokenRotationType}; ${SOURCES.updateUserPoolClient}`,
      client: 'AWS SDK v3',
      async run() {
        const client = await rotating(7);
        const describeClient = () =>
          cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: client.poolId, ClientId: client.clientId }));
        expect((await describeClient()).UserPoolClient?.RefreshTokenRotation).toEqual({ Feature: 'ENABLED', RetryGracePeriodSeconds: 7 });
        await cognito.send(new UpdateUserPoolClientCommand({ UserPoolId: client.poolId, ClientId: client.clientId }));
        expect((await describeClient()).UserPoolClient?.RefreshTokenRotation).toBeUndefined();
      },
    },
    {
      rule: 'a grace period over 60 seconds is refused: InvalidParameterException',
      aws: 'RetryGracePeriodSeconds: valid range 0 to 60',
      source: SOURCES.refreshTokenRotationType,
      client: 'AWS SDK v3',
      async run() {
        const { poolId } = await pool();
        const error = await failure(addClient(poolId, { refreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 61 } }));
        expect(error.name).toBe('InvalidParameterException');
        expect(error.message).toContain("'refreshTokenRotation.retryGracePeriodSeconds'");
      },
    },
    {
      rule: 'with rotation, GetTokensFromRefreshToken returns a new refresh token; the access tokens issued before stay live',
      aws: 'When enabled, your app client issues new ID, access, and refresh tokens when users renew their sessions with refresh tokens; the new tokens keep the origin_jti',
      source: `${SOURCES.refreshTokenRotationType}; ${SOURCES.getTokensFromRefreshToken}`,
      client: 'AWS SDK v3',
      async run() {
        const client = await noGrace();
        const first = await tokensFor(client, await createUser(client));
        const { AuthenticationResult: second } = await refresh(client, first.RefreshToken);
        expect(second?.RefreshToken).toBeTruthy();
        expect(second?.RefreshToken).not.toBe(first.RefreshToken);
        expect(claimsOf(second!.AccessToken!).origin_jti).toBe(claimsOf(first.AccessToken!).origin_jti);
        await cognito.send(new GetUserCommand({ AccessToken: first.AccessToken }));
        const { AuthenticationResult: third } = await refresh(client, second?.RefreshToken);
        expect(third?.RefreshToken).not.toBe(second?.RefreshToken);
      },
    },
    {
      rule: 'with no grace period, the replaced refresh token is refused at once: RefreshTokenReuseException',
      aws: 'When RetryGracePeriodSeconds is 0, a successful request immediately invalidates the submitted refresh token; RefreshTokenReuseException is thrown for a refresh token invalidated by rotation',
      source: `${SOURCES.refreshTokenRotationType}; ${SOURCES.getTokensFromRefreshToken}`,
      client: 'AWS SDK v3',
      async run() {
        const client = await noGrace();
        const { RefreshToken } = await tokensFor(client, await createUser(client));
        await refresh(client, RefreshToken);
        expect(await failure(refresh(client, RefreshToken))).toMatchObject(reused);
      },
    },
    {
      rule: 'with a grace period, the replaced refresh token works again (a retry) until it is over, then is refused',
      aws: "The original refresh token that you're rotating out can remain valid for up to 60 seconds, for client-side retries",
      source: SOURCES.refreshTokenRotationType,
      client: 'AWS SDK v3',
      async run() {
        const client = await oneSecondGrace();
        const { RefreshToken } = await tokensFor(client, await createUser(client));
        const started = Date.now();
        await refresh(client, RefreshToken);
        const retry = await refresh(client, RefreshToken);
        expect(retry.AuthenticationResult?.RefreshToken).toBeTruthy();
        expect(Date.now() - started).toBeLessThan(1000);
        await new Promise((resolve) => setTimeout(resolve, 1100 - (Date.now() - started)));
        expect(await failure(refresh(client, RefreshToken))).toMatchObject(reused);
      },
    },
    {
      rule: 'REFRESH_TOKEN_AUTH on a client that rotates refresh tokens is refused',
      aws: "You can't authenticate with REFRESH_TOKEN_AUTH in app clients with refresh token rotation enabled",
      source: `${SOURCES.refreshTokenRotation}; ${SOURCES.refreshTokenRotationType}`,
      client: 'AWS SDK v3',
      async run() {
        const client = await rotating(0, [...ROTATING_FLOWS, 'ALLOW_REFRESH_TOKEN_AUTH']);
        const { RefreshToken } = await tokensFor(client, await createUser(client));
        const auth = cognito.send(
          new InitiateAuthCommand({
            ClientId: client.clientId,
            AuthFlow: 'REFRESH_TOKEN_AUTH',
            AuthParameters: { REFRESH_TOKEN: RefreshToken! },
          }),
        );
        expect((await failure(auth)).name).toBe('InvalidParameterException');
      },
    },
    {
      rule: 'without rotation, GetTokensFromRefreshToken returns no refresh token and the one used keeps working',
      aws: 'When disabled, token refresh issues only ID and access tokens',
      source: SOURCES.refreshTokenRotationType,
      client: 'AWS SDK v3',
      async run() {
        const client = await pool();
        const { RefreshToken } = await tokensFor(client, await createUser(client));
        expect((await refresh(client, RefreshToken)).AuthenticationResult?.RefreshToken).toBeUndefined();
        expect((await refresh(client, RefreshToken)).AuthenticationResult?.AccessToken).toBeTruthy();
      },
    },
    {
      rule: 'GlobalSignOut revokes the rotated refresh tokens too: the replaced one is then revoked, not reused',
      aws: "GlobalSignOut revokes all of the requesting user's refresh, ID, and access tokens",
      source: `${SOURCES.globalSignOut}; ${SOURCES.revokingTokens}`,
      client: 'AWS SDK v3',
      async run() {
        const client = await oneSecondGrace();
        const first = await tokensFor(client, await createUser(client));
        const { AuthenticationResult: second } = await refresh(client, first.RefreshToken);
        await cognito.send(new GlobalSignOutCommand({ AccessToken: second!.AccessToken }));
        expect(await failure(refresh(client, second!.RefreshToken))).toEqual(revoked);
        expect(await failure(refresh(client, first.RefreshToken))).toEqual(revoked);
      },
    },
    {
      rule: 'RevokeToken revokes the access tokens of its refresh token, and leaves the user’s other sessions',
      aws: 'RevokeToken revokes all of the access tokens generated by the refresh token; the other refresh tokens issued to the user are not affected',
      source: `${SOURCES.revokeToken}; ${SOURCES.revokingTokens}`,
      client: 'AWS SDK v3',
      async run() {
        const client = await pool();
        const email = await createUser(client);
        const phone = await tokensFor(client, email);
        const laptop = await tokensFor(client, email);
        await cognito.send(new RevokeTokenCommand({ ClientId: client.clientId, Token: phone.RefreshToken }));
        expect(await failure(cognito.send(new GetUserCommand({ AccessToken: phone.AccessToken })))).toEqual({
          name: 'NotAuthorizedException',
          message: 'Access Token has been revoked',
        });
        expect(await failure(refresh(client, phone.RefreshToken))).toEqual(revoked);
        await cognito.send(new GetUserCommand({ AccessToken: laptop.AccessToken }));
        expect((await refresh(client, laptop.RefreshToken)).AuthenticationResult?.AccessToken).toBeTruthy();
      },
    },
    {
      rule: 'RevokeToken of a rotated refresh token revokes the access tokens issued before the rotation',
      aws: 'The revoke endpoint revokes a given refresh token and all ID and access tokens that the refresh token generated, the initial access token included',
      source: `${SOURCES.revokingTokens}; ${SOURCES.revokeToken}`,
      client: 'AWS SDK v3',
      async run() {
        const client = await noGrace();
        const first = await tokensFor(client, await createUser(client));
        const { AuthenticationResult: second } = await refresh(client, first.RefreshToken);
        await cognito.send(new RevokeTokenCommand({ ClientId: client.clientId, Token: second!.RefreshToken }));
        for (const AccessToken of [first.AccessToken, second!.AccessToken]) {
          expect((await failure(cognito.send(new GetUserCommand({ AccessToken })))).message).toBe('Access Token has been revoked');
        }
      },
    },
    {
      rule: 'RevokeToken: a client with a secret must send it, token revocation must be on, and only a refresh token is revoked',
      aws: 'ClientSecret is required if the client has one; UnauthorizedException, UnsupportedOperationException (not enabled for the client), UnsupportedTokenTypeException',
      source: SOURCES.revokeToken,
      client: 'AWS SDK v3',
      async run() {
        const { poolId } = await pool();
        const secret = await addClient(poolId, { generateSecret: true });
        const withoutRevocation = await addClient(poolId, { enableTokenRevocation: false });
        const plain = await pool();
        const { RefreshToken, AccessToken } = await tokensFor(plain, await createUser(plain));
        const revoke = (client: TestClient, Token: string | undefined) =>
          failure(cognito.send(new RevokeTokenCommand({ ClientId: client.clientId, Token })));
        expect((await revoke(secret, RefreshToken)).name).toBe('UnauthorizedException');
        expect((await revoke(withoutRevocation, RefreshToken)).name).toBe('UnsupportedOperationException');
        expect((await revoke(plain, AccessToken)).name).toBe('UnsupportedTokenTypeException');
      },
    },
    {
      rule: 'Amplify fetchAuthSession({ forceRefresh: true }) on a rotating client stores each new refresh token and keeps refreshing',
      aws: 'Amplify v6 refreshes through GetTokensFromRefreshToken and keeps the RefreshToken it returns; with no grace period the replaced token would be refused',
      source: `${SOURCES.refreshTokenRotationType}; ${SOURCES.amplifySignIn}`,
      client: 'Amplify v6',
      async run() {
        const client = await noGrace();
        const email = await createUser(client);
        await amplifyFor(client);
        await signIn({ username: email, password: PASSWORD });
        const seen = new Set<string>();
        for (let refreshes = 0; refreshes < 3; refreshes += 1) {
          const { tokens } = await fetchAuthSession({ forceRefresh: true });
          seen.add(tokens!.accessToken.toString());
          expect(tokens?.accessToken.payload.username).toBeTruthy();
        }
        expect(seen.size).toBe(3);
      },
    },
  ],
};
