// The README's "Verifying tokens in your own backend", run as written against the real emulator,
// listening on a free port and issuing tokens as `http://localhost:<port>` (PUBLIC_HOST) while the
// backend reaches it at `http://127.0.0.1:<port>`, as an API container reaches `http://cognito:9229`.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  type CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { decodeJwt } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type CognitoServer, startCognitoServer } from '../../local/cognito/cognito-server.ts';
import { cognitoClient } from '../../testing/cognito-client.ts';
import { freePorts } from '../../testing/free-ports.ts';
import { type CognitoTokenCheck, cognitoTokenVerifier } from './cognito-token-verifier.ts';

interface SignedIn {
  readonly userPoolId: string;
  readonly clientId: string;
  readonly idToken: string;
  readonly accessToken: string;
}

let server: CognitoServer;
let cognito: CognitoIdentityProviderClient;
let dataDir: string;
let publicUrl: string;
let reachedAt: string;
let user: SignedIn;
let otherPoolUser: SignedIn;

/** A pool, a client that allows USER_PASSWORD_AUTH, and a user signed in through it. */
async function signedInUser(poolName: string): Promise<SignedIn> {
  const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: poolName, UsernameAttributes: ['email'] }));
  const userPoolId = UserPool!.Id!;
  const { UserPoolClient } = await cognito.send(
    new CreateUserPoolClientCommand({ UserPoolId: userPoolId, ClientName: 'web', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'] }),
  );
  const clientId = UserPoolClient!.ClientId!;
  const [email, password] = ['ada@example.com', 'Passw0rd!'];
  await cognito.send(new AdminCreateUserCommand({ UserPoolId: userPoolId, Username: email, MessageAction: 'SUPPRESS' }));
  await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: userPoolId, Username: email, Password: password, Permanent: true }));
  const { AuthenticationResult } = await cognito.send(
    new InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: clientId,
      AuthParameters: { USERNAME: email, PASSWORD: password },
    }),
  );
  return { userPoolId, clientId, idToken: AuthenticationResult!.IdToken!, accessToken: AuthenticationResult!.AccessToken! };
}

const check = (signedIn: SignedIn, tokenUse: CognitoTokenCheck['tokenUse']): CognitoTokenCheck => ({
  userPoolId: signedIn.userPoolId,
  clientId: signedIn.clientId,
  tokenUse,
});

beforeAll(async () => {
  const [port] = (await freePorts(1)) as [number];
  publicUrl = `http://localhost:${port}`;
  reachedAt = `http://127.0.0.1:${port}`;
  dataDir = mkdtempSync(path.join(tmpdir(), 'token-verifier-'));
  server = await startCognitoServer({ host: '127.0.0.1', port, publicUrl, dataDir, lambdaUrl: 'http://127.0.0.1:9' });
  cognito = cognitoClient(reachedAt);
  user = await signedInUser('verified');
  otherPoolUser = await signedInUser('other');
});

afterEach(() => {
  vi.unstubAllEnvs();
});

afterAll(async () => {
  cognito?.destroy();
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('cognitoTokenVerifier (the README section)', { timeout: 15_000 }, () => {
  it('is shown in the README word for word', () => {
    expect(readFileSync('README.md', 'utf8')).toContain(readFileSync('src/lib/cognito-token-verifier.ts', 'utf8'));
  });

  it("is aws-jwt-verify's CognitoJwtVerifier when no local endpoint is set, as on AWS", () => {
    expect(cognitoTokenVerifier({ userPoolId: 'eu-west-1_AbC123', clientId: 'c', tokenUse: 'id' }, '')).toBeInstanceOf(CognitoJwtVerifier);
  });

  for (const [label, endpoint] of [
    ['at the URL of the issuer', () => publicUrl],
    ['at another URL (a container reaching `http://cognito:<port>`)', () => reachedAt],
  ] as const) {
    it(`verifies the ID and access tokens, reaching the emulator ${label} through AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER`, async () => {
      // What the local stage sets for every handler.
      vi.stubEnv('AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER', endpoint());
      const idTokens = cognitoTokenVerifier({ userPoolId: user.userPoolId, clientId: user.clientId, tokenUse: 'id' });
      const accessTokens = cognitoTokenVerifier({ userPoolId: user.userPoolId, clientId: user.clientId, tokenUse: 'access' });
      const issuer = `${publicUrl}/${user.userPoolId}`;
      expect(await idTokens.verify(user.idToken)).toMatchObject({
        iss: issuer,
        aud: user.clientId,
        token_use: 'id',
        email: 'ada@example.com',
      });
      expect(await accessTokens.verify(user.accessToken)).toMatchObject({ iss: issuer, client_id: user.clientId, token_use: 'access' });
    });
  }

  it('rejects a token of another pool, of another client, of the other use, or tampered with', async () => {
    const idVerifier = cognitoTokenVerifier(check(user, 'id'), reachedAt);
    await expect(idVerifier.verify(otherPoolUser.idToken)).rejects.toThrow(/Issuer not allowed/);
    await expect(idVerifier.verify(user.accessToken)).rejects.toThrow(/Token use not allowed/);
    await expect(
      cognitoTokenVerifier({ ...check(user, 'id'), clientId: otherPoolUser.clientId }, reachedAt).verify(user.idToken),
    ).rejects.toThrow(/Client ID \("audience"\) not allowed/);
    const [header, , signature] = user.idToken.split('.');
    const forged = Buffer.from(JSON.stringify({ ...decodeJwt(user.idToken), email: 'eve@example.com' })).toString('base64url');
    await expect(idVerifier.verify(`${header}.${forged}.${signature}`)).rejects.toThrow(/Invalid signature/);
    // Still the right token once the others are refused.
    await expect(idVerifier.verify(user.idToken)).resolves.toMatchObject({ email: 'ada@example.com' });
  });

  it("names the discovery document's answer when the pool is not the emulator's, and asks again on the next token", async () => {
    const verifier = cognitoTokenVerifier({ ...check(user, 'id'), userPoolId: 'local_Nope' }, reachedAt);
    await expect(verifier.verify(user.idToken)).rejects.toThrow(`${reachedAt}/local_Nope/.well-known/openid-configuration answered 404`);
    await expect(verifier.verify(user.idToken)).rejects.toThrow(/answered 404/);
  });
});
