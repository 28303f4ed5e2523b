// aws-jwt-verify's CognitoJwtVerifier as AWS's documentation shows it, unchanged, verifying the
// real emulator's tokens in a process where interceptCognitoEndpoint is installed (as the local
// stage installs it where the handlers run). The emulator listens on a free loopback port; nothing
// else is reached: a request that escaped to AWS would fail here (no route to the internet) and on
// a connected machine (AWS has no such pool).
import { mkdtempSync, rmSync } from 'node:fs';
import https from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  type CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminConfirmedUser, cognitoClient } from '../../testing/cognito-client.ts';
import { freePorts } from '../../testing/free-ports.ts';
import { type CognitoServer, startCognitoServer } from '../cognito/cognito-server.ts';
import { interceptCognitoEndpoint } from './cognito-endpoint-interception.ts';

interface SignedIn {
  readonly userPoolId: string;
  readonly clientId: string;
  readonly idToken: string;
  readonly accessToken: string;
}

let server: CognitoServer;
let cognito: CognitoIdentityProviderClient;
let dataDir: string;
let emulatorUrl: string;
let uninstall: () => void;
let user: SignedIn;
let otherPoolUser: SignedIn;

/** A pool (made in eu-west-1: the test client signs for it), a client that allows USER_PASSWORD_AUTH, and a user signed in through it. */
async function signedInUser(poolName: string): Promise<SignedIn> {
  const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: poolName, UsernameAttributes: ['email'] }));
  const userPoolId = UserPool!.Id!;
  const { UserPoolClient } = await cognito.send(
    new CreateUserPoolClientCommand({ UserPoolId: userPoolId, ClientName: 'web', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'] }),
  );
  const clientId = UserPoolClient!.ClientId!;
  const [email, password] = ['ada@example.com', 'Passw0rd!'];
  await adminConfirmedUser(cognito, userPoolId, email, password);
  const { AuthenticationResult } = await cognito.send(
    new InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: clientId,
      AuthParameters: { USERNAME: email, PASSWORD: password },
    }),
  );
  return { userPoolId, clientId, idToken: AuthenticationResult!.IdToken!, accessToken: AuthenticationResult!.AccessToken! };
}

/** GET `url` with node:https, as aws-jwt-verify fetches: the status and the body as text, or the error's message. */
function httpsGet(url: string): Promise<{ status?: number; body?: string; error?: string }> {
  return new Promise((resolve) => {
    https
      .get(url, (response) => {
        let body = '';
        response.on('data', (chunk) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode, body }));
      })
      .on('error', (error) => resolve({ error: error.message }));
  });
}

beforeAll(async () => {
  const [port] = (await freePorts(1)) as [number];
  emulatorUrl = `http://127.0.0.1:${port}`;
  dataDir = mkdtempSync(path.join(tmpdir(), 'cognito-endpoint-'));
  server = await startCognitoServer({ host: '127.0.0.1', port, publicUrl: emulatorUrl, dataDir, lambdaUrl: 'http://127.0.0.1:9' });
  cognito = cognitoClient(emulatorUrl);
  user = await signedInUser('verified');
  otherPoolUser = await signedInUser('other');
  uninstall = interceptCognitoEndpoint(emulatorUrl);
});

afterAll(async () => {
  uninstall?.();
  cognito?.destroy();
  await server?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

// https://github.com/awslabs/aws-jwt-verify#verifying-jwts-from-amazon-cognito and
// https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-tokens-verifying-a-jwt.html
describe("aws-jwt-verify's CognitoJwtVerifier, unchanged, where the local stage answers Cognito's endpoint", { timeout: 15_000 }, () => {
  it("verifies the pool's ID and access tokens, whose issuer is AWS's", async () => {
    const idTokens = CognitoJwtVerifier.create({ userPoolId: user.userPoolId, clientId: user.clientId, tokenUse: 'id' });
    const accessTokens = CognitoJwtVerifier.create({ userPoolId: user.userPoolId, clientId: user.clientId, tokenUse: 'access' });
    const iss = `https://cognito-idp.eu-west-1.amazonaws.com/${user.userPoolId}`;
    expect(user.userPoolId).toMatch(/^eu-west-1_[A-Za-z0-9]{9}$/);
    expect(await idTokens.verify(user.idToken)).toMatchObject({ iss, aud: user.clientId, token_use: 'id', email: 'ada@example.com' });
    expect(await accessTokens.verify(user.accessToken)).toMatchObject({ iss, client_id: user.clientId, token_use: 'access' });
  });

  it('refuses a token of another pool, of another client, of the other use, or tampered with', async () => {
    const idTokens = CognitoJwtVerifier.create({ userPoolId: user.userPoolId, clientId: user.clientId, tokenUse: 'id' });
    await expect(idTokens.verify(otherPoolUser.idToken)).rejects.toThrow(/issuer not configured/);
    await expect(idTokens.verify(user.accessToken)).rejects.toThrow(/Token use not allowed/);
    const otherClient = CognitoJwtVerifier.create({ userPoolId: user.userPoolId, clientId: otherPoolUser.clientId, tokenUse: 'id' });
    await expect(otherClient.verify(user.idToken)).rejects.toThrow(/Client ID \("audience"\) not allowed/);
    const [header, , signature] = user.idToken.split('.');
    const forged = Buffer.from(JSON.stringify({ ...decodeJwt(user.idToken), email: 'eve@example.com' })).toString('base64url');
    await expect(idTokens.verify(`${header}.${forged}.${signature}`)).rejects.toThrow(/Invalid signature/);
    await expect(idTokens.verify(user.idToken)).resolves.toMatchObject({ email: 'ada@example.com' });
  });

  it("refuses the tokens for a pool the local Cognito does not have, whose keys are Cognito's 404", async () => {
    const verifier = CognitoJwtVerifier.create({ userPoolId: 'eu-west-1_Nope12345', clientId: user.clientId, tokenUse: 'id' });
    await expect(verifier.verify(user.idToken)).rejects.toThrow(/issuer not configured/);
    expect(await httpsGet('https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Nope12345/.well-known/jwks.json')).toMatchObject({
      status: 404,
      body: expect.stringContaining('ResourceNotFoundException'),
    });
  });
});

describe("Cognito's endpoint in that process", { timeout: 15_000 }, () => {
  it("answers the discovery document with AWS's issuer and its keys on the same host, through fetch: jose verifies with it", async () => {
    const issuer = `https://cognito-idp.eu-west-1.amazonaws.com/${user.userPoolId}`;
    const discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as { issuer: string; jwks_uri: string };
    expect(discovery).toMatchObject({ issuer, jwks_uri: `${issuer}/.well-known/jwks.json` });
    const { payload } = await jwtVerify(user.idToken, createRemoteJWKSet(new URL(discovery.jwks_uri)), {
      issuer: discovery.issuer,
      algorithms: ['RS256'],
    });
    expect(payload.aud).toBe(user.clientId);
  });

  it("refuses Cognito's API there, naming the fix, through node:https and fetch", async () => {
    const { error } = await httpsGet('https://cognito-idp.eu-west-1.amazonaws.com/');
    expect(error).toMatch(
      /^GET https:\/\/cognito-idp\.eu-west-1\.amazonaws\.com\/ would reach AWS's Cognito; .*AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER/,
    );
    const refused = await fetch('https://cognito-idp.us-east-1.amazonaws.com/', { method: 'POST', body: '{}' }).catch((e: Error) => e);
    expect(String((refused as Error).cause ?? refused)).toMatch(
      /POST https:\/\/cognito-idp\.us-east-1\.amazonaws\.com\/ would reach AWS's Cognito/,
    );
  });

  it('answers HEAD on the documents too', async () => {
    const response = await fetch(`https://cognito-idp.eu-west-1.amazonaws.com/${user.userPoolId}/.well-known/openid-configuration`, {
      method: 'HEAD',
    });
    expect(response.status).toBe(200);
  });

  it('lets requests to other hosts go on: the emulator itself answers', async () => {
    expect((await fetch(`${emulatorUrl}/health`)).status).toBe(200);
  });
});
