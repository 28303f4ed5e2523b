// aws-jwt-verify's CognitoJwtVerifier as AWS's documentation shows it, unchanged, verifying the
// real emulator's tokens in a process where interceptCognitoEndpoint is installed (as the local
// stage installs it where the handlers run), and Cognito's API called as code on AWS calls it (the
// AWS SDK v2, amazon-cognito-identity-js, a plain fetch), none of it pointed at the emulator. The
// emulator listens on a free loopback port; nothing else is reached: a request that escaped to AWS
// would fail here (no route to the internet) and on a connected machine (AWS has no such pool).
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import https from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  type CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { CognitoUserSession } from 'amazon-cognito-identity-js';
import CognitoIdentityServiceProvider from 'aws-sdk/clients/cognitoidentityserviceprovider.js';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminConfirmedUser, cognitoClient } from '../../testing/cognito-client.ts';
import { freePorts } from '../../testing/free-ports.ts';
import { type CognitoServer, startCognitoServer } from '../cognito/cognito-server.ts';
import { CognitoEndpointError, interceptCognitoEndpoint } from './cognito-endpoint-interception.ts';

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
    new CreateUserPoolClientCommand({
      UserPoolId: userPoolId,
      ClientName: 'web',
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    }),
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

  it("refuses anything there that is neither the API nor a pool's documents, naming what is answered, through node:https and fetch", async () => {
    const { error } = await httpsGet('https://cognito-idp.eu-west-1.amazonaws.com/');
    expect(error).toMatch(
      /^GET https:\/\/cognito-idp\.eu-west-1\.amazonaws\.com\/ would reach AWS's Cognito; .*`POST \/` with `X-Amz-Target/,
    );
    const refused = await fetch(`https://cognito-idp.us-east-1.amazonaws.com/${user.userPoolId}/users`, {
      method: 'POST',
      body: '{}',
    }).catch((e: Error) => e);
    expect(String((refused as Error).cause ?? refused)).toMatch(
      /POST https:\/\/cognito-idp\.us-east-1\.amazonaws\.com\/eu-west-1_\w+\/users would reach AWS's Cognito/,
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

/** A raw call to Cognito's JSON API at AWS's endpoint, as any HTTP client on AWS sends it. */
function apiCall(region: string, operation: string, input: object): Promise<Response> {
  return fetch(`https://cognito-idp.${region}.amazonaws.com/`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': `AWSCognitoIdentityProviderService.${operation}` },
    body: JSON.stringify(input),
  });
}

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/Welcome.html: every
// operation is a POST to https://cognito-idp.<region>.amazonaws.com/ naming it in X-Amz-Target.
describe("Cognito's API at its endpoint in that process: forwarded to the local Cognito", { timeout: 20_000 }, () => {
  it('answers the AWS SDK v2, with no endpoint set (it reads none), from the local pool, through node:https', async () => {
    const v2 = new CognitoIdentityServiceProvider({ region: 'eu-west-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    expect(v2.endpoint.host).toBe('cognito-idp.eu-west-1.amazonaws.com');
    const { Users = [] } = await v2.listUsers({ UserPoolId: user.userPoolId }).promise();
    expect(Users.map((u) => u.Attributes?.find((a) => a.Name === 'email')?.Value)).toEqual(['ada@example.com']);
    const got = await v2.adminGetUser({ UserPoolId: user.userPoolId, Username: 'ada@example.com' }).promise();
    expect(got.UserStatus).toBe('CONFIRMED');
    // The emulator's errors reach the SDK as Cognito's: code and message, from the answer's body and headers.
    const missing = await v2
      .adminGetUser({ UserPoolId: user.userPoolId, Username: 'nobody@example.com' })
      .promise()
      .catch((e: { code: string; statusCode: number }) => e);
    expect(missing).toMatchObject({ code: 'UserNotFoundException', statusCode: 400 });
  });

  it('signs a user in with amazon-cognito-identity-js (USER_SRP_AUTH, its default), which derives the endpoint from the pool id', async () => {
    const identityJs = createRequire(import.meta.url)('amazon-cognito-identity-js') as typeof import('amazon-cognito-identity-js');
    const pool = new identityJs.CognitoUserPool({ UserPoolId: user.userPoolId, ClientId: user.clientId });
    const cognitoUser = new identityJs.CognitoUser({ Username: 'ada@example.com', Pool: pool });
    const session = await new Promise<CognitoUserSession>((resolve, reject) =>
      cognitoUser.authenticateUser(new identityJs.AuthenticationDetails({ Username: 'ada@example.com', Password: 'Passw0rd!' }), {
        onSuccess: resolve,
        onFailure: reject,
      }),
    );
    const idTokens = CognitoJwtVerifier.create({ userPoolId: user.userPoolId, clientId: user.clientId, tokenUse: 'id' });
    expect(await idTokens.verify(session.getIdToken().getJwtToken())).toMatchObject({ email: 'ada@example.com' });
  });

  it('signs a user in with Amplify (v6, in Node: USER_SRP_AUTH through fetch), configured with the pool and client ids only', async () => {
    const { Amplify } = await import('aws-amplify');
    const { signIn, fetchAuthSession, signOut } = await import('aws-amplify/auth');
    Amplify.configure({ Auth: { Cognito: { userPoolId: user.userPoolId, userPoolClientId: user.clientId } } });
    expect(await signIn({ username: 'ada@example.com', password: 'Passw0rd!' })).toMatchObject({ isSignedIn: true });
    const { tokens } = await fetchAuthSession();
    expect(tokens?.idToken?.payload).toMatchObject({
      iss: `https://cognito-idp.eu-west-1.amazonaws.com/${user.userPoolId}`,
      email: 'ada@example.com',
    });
    await signOut();
  });

  it("returns the emulator's answer as it is: status, Cognito's headers and body", async () => {
    const ok = await apiCall('eu-west-1', 'DescribeUserPool', { UserPoolId: user.userPoolId });
    const okDirect = await fetch(`${emulatorUrl}/`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': 'AWSCognitoIdentityProviderService.DescribeUserPool' },
      body: JSON.stringify({ UserPoolId: user.userPoolId }),
    });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toMatch(/^application\/x-amz-json-1\.1/);
    expect(ok.headers.get('content-type')).toBe(okDirect.headers.get('content-type'));
    expect(((await ok.json()) as { UserPool: { Id: string } }).UserPool.Id).toBe(user.userPoolId);

    const unknown = await apiCall('eu-west-1', 'NoSuchOperation', {});
    const direct = await fetch(`${emulatorUrl}/`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': 'AWSCognitoIdentityProviderService.NoSuchOperation' },
      body: '{}',
    });
    expect(unknown.status).toBe(direct.status);
    expect(unknown.status).toBeGreaterThanOrEqual(400);
    expect(await unknown.text()).toBe(await direct.text());
  });

  it("answers a pool of another region than the endpoint's as Cognito does: no such pool there", async () => {
    const v2 = new CognitoIdentityServiceProvider({ region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const wrongRegion = await v2
      .listUsers({ UserPoolId: user.userPoolId })
      .promise()
      .catch((e: { code: string; message: string; statusCode: number }) => e);
    expect(wrongRegion).toMatchObject({
      code: 'ResourceNotFoundException',
      message: `User pool ${user.userPoolId} does not exist.`,
      statusCode: 400,
    });
    // The same pool at its own region's endpoint is found.
    expect((await apiCall('eu-west-1', 'ListUsers', { UserPoolId: user.userPoolId })).status).toBe(200);
  });

  it("answers a call signed for another region than the endpoint's as AWS's JSON APIs do: InvalidSignatureException", async () => {
    // A client whose region and endpoint disagree: it signs for eu-west-1 and sends to us-east-1.
    const v2 = new CognitoIdentityServiceProvider({
      region: 'eu-west-1',
      endpoint: 'https://cognito-idp.us-east-1.amazonaws.com',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const refused = await v2
      .listUsers({ UserPoolId: 'us-east-1_Nope12345' })
      .promise()
      .catch((e: { code: string; message: string; statusCode: number }) => e);
    expect(refused).toMatchObject({
      code: 'InvalidSignatureException',
      message: "Credential should be scoped to a valid region, not 'eu-west-1'.",
      statusCode: 400,
    });
  });
});

describe('with no local Cognito answering', { timeout: 15_000 }, () => {
  it('fails the call at once, saying the local Cognito did not answer, never sending it to AWS', async () => {
    uninstall();
    const [port] = (await freePorts(1)) as [number];
    uninstall = interceptCognitoEndpoint(`http://127.0.0.1:${port}`);
    const failed = await apiCall('eu-west-1', 'ListUsers', { UserPoolId: user.userPoolId }).catch((e: Error) => e);
    expect(failed).toBeInstanceOf(CognitoEndpointError);
    expect((failed as Error).message).toContain(
      `https://cognito-idp.eu-west-1.amazonaws.com/ is answered by the local Cognito, which did not answer at http://127.0.0.1:${port}/: is it running?`,
    );
  });
});
