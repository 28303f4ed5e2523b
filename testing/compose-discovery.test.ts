// The api container's check (compose-discovery.ts), its script run as the container runs it
// (`node --input-type=module -e`), against the real emulator on a free loopback port: tokens got
// through `localhost` (the browser's URL), the script reaching the emulator at `127.0.0.1` (as the
// container reaches `http://cognito:9229`). test:compose runs it in the container itself.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { CreateUserPoolClientCommand, CreateUserPoolCommand, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CognitoServer, startCognitoServer } from '../local/cognito/cognito-server.ts';
import { adminConfirmedUser, cognitoClient } from './cognito-client.ts';
import { VERIFY_THROUGH_DISCOVERY } from './compose-discovery.ts';
import { freePorts } from './free-ports.ts';

const run = promisify(execFile);
let server: CognitoServer;
let dataDir: string;
let port: number;

beforeAll(async () => {
  [port] = (await freePorts(1)) as [number];
  dataDir = mkdtempSync(path.join(tmpdir(), 'compose-discovery-'));
  server = await startCognitoServer({
    host: '127.0.0.1',
    port,
    publicUrl: `http://localhost:${port}`,
    dataDir,
    lambdaUrl: 'http://127.0.0.1:9',
  });
});

afterAll(async () => {
  await server?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** An ID token of a new pool's user, got through `endpoint`. */
async function idToken(endpoint: string, email: string) {
  const cognito = cognitoClient(endpoint);
  try {
    const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: 'compose', UsernameAttributes: ['email'] }));
    const { UserPoolClient } = await cognito.send(
      new CreateUserPoolClientCommand({ UserPoolId: UserPool!.Id!, ClientName: 'web', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'] }),
    );
    await adminConfirmedUser(cognito, UserPool!.Id!, email, 'Passw0rd!');
    const { AuthenticationResult } = await cognito.send(
      new InitiateAuthCommand({
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: UserPoolClient!.ClientId!,
        AuthParameters: { USERNAME: email, PASSWORD: 'Passw0rd!' },
      }),
    );
    return { userPoolId: UserPool!.Id!, token: AuthenticationResult!.IdToken! };
  } finally {
    cognito.destroy();
  }
}

const verify = (poolUrl: string, token: string) =>
  run(process.execPath, ['--input-type=module', '-e', VERIFY_THROUGH_DISCOVERY, poolUrl, token], { timeout: 10_000 });

describe("the api container's discovery check", { timeout: 20_000 }, () => {
  it("verifies a token got at the browser's URL, reaching the emulator at another, and prints its email", async () => {
    const { userPoolId, token } = await idToken(`http://localhost:${port}`, 'ada@example.com');
    const { stdout } = await verify(`http://127.0.0.1:${port}/${userPoolId}`, token);
    expect(stdout.trim()).toBe('ada@example.com');
  });

  it("fails for another pool's token (its issuer is not the document's)", async () => {
    const { userPoolId } = await idToken(`http://127.0.0.1:${port}`, 'ada@example.com');
    const { token: other } = await idToken(`http://127.0.0.1:${port}`, 'eve@example.com');
    await expect(verify(`http://127.0.0.1:${port}/${userPoolId}`, other)).rejects.toThrow(/unexpected "iss" claim value/);
  });
});
