// OpenID discovery as a verifier uses it: from the token's iss to the key that verifies it.
import { expect } from '@playwright/test';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { cognitoClient } from '../../testing/cognito-client.ts';
import { e2eStack } from '../stack.ts';
import { claimsOf, createPool, createUser, once, PASSWORD, type TestClient, tokensFor } from './pools.ts';
import { InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { ConformanceTopic } from './rule.ts';
import { SOURCES } from './sources.ts';

const pool = once(() => createPool());
const AWS_DISCOVERY =
  "<iss>/.well-known/openid-configuration names the token's iss as `issuer` and a `jwks_uri` whose keys verify the token";

/**
 * Follows discovery from `base`, the pool at the emulator (its iss is AWS's URL, which only the
 * handlers' process answers locally), and verifies the token with the key it leads to.
 */
async function verifyThroughDiscovery(token: string, base: string): Promise<void> {
  const iss = claimsOf(token).iss as string;
  const configuration = (await (await fetch(`${base}/.well-known/openid-configuration`)).json()) as {
    issuer: string;
    jwks_uri: string;
  };
  expect(configuration.issuer).toBe(iss);
  const jwks = await (await fetch(configuration.jwks_uri)).json();
  const { payload } = await jwtVerify(token, createLocalJWKSet(jwks), { issuer: iss });
  expect(payload.token_use).toBe('id');
}

/** An ID token got through `endpoint` (the same emulator, under another host name). */
async function idTokenThrough(endpoint: string, client: TestClient, email: string): Promise<string> {
  const other = cognitoClient(endpoint);
  try {
    const { AuthenticationResult } = await other.send(
      new InitiateAuthCommand({ ClientId: client.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: email, PASSWORD } }),
    );
    return AuthenticationResult!.IdToken!;
  } finally {
    other.destroy();
  }
}

export const discovery: ConformanceTopic = {
  title: 'OpenID discovery and JWKS',
  rules: [
    {
      rule: "the token's iss is AWS's URL of the pool, whose id is AWS's `<region>_<id>`",
      aws: 'iss is https://cognito-idp.<Region>.amazonaws.com/<userPoolId>: the pool at the endpoint that issued it',
      source: SOURCES.verifyingJwt,
      client: 'AWS SDK v3',
      async run() {
        const client = await pool();
        const { IdToken } = await tokensFor(client, await createUser(client));
        expect(client.poolId).toMatch(/^eu-west-1_[A-Za-z0-9]{9}$/);
        expect(claimsOf(IdToken!).iss).toBe(`https://cognito-idp.eu-west-1.amazonaws.com/${client.poolId}`);
      },
    },
    {
      rule: "discovery at the pool's emulator URL names the token's iss as issuer, and its jwks_uri verifies the token",
      aws: AWS_DISCOVERY,
      source: SOURCES.verifyingJwt,
      client: 'AWS SDK v3',
      async run() {
        const client = await pool();
        const { IdToken } = await tokensFor(client, await createUser(client));
        await verifyThroughDiscovery(IdToken!, `${e2eStack.urls.cognito}/${client.poolId}`);
      },
    },
    {
      rule: "through another host name (localhost) the token's iss is still the pool's one issuer, and discovery there leads to a key that verifies it",
      aws: `${AWS_DISCOVERY}; iss does not depend on how the client reached the service`,
      source: SOURCES.verifyingJwt,
      client: 'AWS SDK v3',
      async run() {
        const client = await pool();
        const email = await createUser(client);
        const endpoint = e2eStack.urls.cognito.replace('127.0.0.1', 'localhost');
        const token = await idTokenThrough(endpoint, client, email);
        expect(claimsOf(token).iss).toBe(`https://cognito-idp.eu-west-1.amazonaws.com/${client.poolId}`);
        await verifyThroughDiscovery(token, `${endpoint}/${client.poolId}`);
      },
    },
  ],
};
