import { mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import {
  CognitoIdentityProviderClient,
  ConfirmSignUpCommand,
  InitiateAuthCommand,
  ListUsersCommand,
  SignUpCommand,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import { AuthenticationDetails, CognitoUser, CognitoUserPool } from 'amazon-cognito-identity-js';
import { startStack, type RunningStack } from '../bench/stack-process.ts';
import { localStackPath, readLocalStack, stackOutput } from '../local/cloudformation/local-stack.ts';
import { QUIET_TOOLCHAIN_ENV } from '../local/quiet-toolchain.ts';

/**
 * The real `npm start`, on ports no other suite uses, with a data folder of the test's own that
 * outlives restarts: what a developer's machine does, under load.
 */
// Below 32768, where Linux picks the local ports of outgoing connections: one could take ours.
const PORTS = { COGNITO_PORT: '32229', API_PORT: '32000', LAMBDA_PORT: '32002', WEB_PORT: '32173' };
export const cognitoUrl = `http://127.0.0.1:${PORTS.COGNITO_PORT}`;

export const PASSWORD = 'Stress-Passw0rd!';

/** A data folder that lives as long as the test file; `remove()` deletes it. */
export function dataFolder() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hello-auth-stress-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** `npm start` on `dataDir`; rejects with its output if it exits before its banner. */
export function start(dataDir: string): Promise<RunningStack> {
  return startStack({ ...PORTS, LOCAL_DATA_DIR: dataDir, ...QUIET_TOOLCHAIN_ENV });
}

/** Stops `npm start` with SIGINT, as Ctrl+C does, unless it has already exited. */
export async function stop(stack: RunningStack | undefined): Promise<void> {
  if (stack && stack.process.exitCode === null && stack.process.signalCode === null) await stack.stop();
}

/** The ids and URL the data folder's local stack was deployed with. */
export function deployedIds(dataDir: string) {
  const stack = readLocalStack(localStackPath(dataDir));
  return {
    poolId: stackOutput(stack, 'UserPoolId'),
    clientId: stackOutput(stack, 'UserPoolClientId'),
    apiUrl: stackOutput(stack, 'ApiUrl'),
  };
}

/**
 * The AWS SDK's Cognito client: one attempt, so that a failure is never retried away, and
 * enough sockets (the SDK's default is 50) that parallel calls really are parallel.
 */
export function cognitoClient(): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({
    endpoint: cognitoUrl,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
    requestHandler: { httpAgent: new Agent({ keepAlive: true, maxSockets: 200 }) },
  });
}

/** A fresh address per call, unique across runs. */
export function newEmail(label: string): string {
  return `${label}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
}

/** The latest code the dev inbox holds for `email`. */
export async function latestCode(email: string): Promise<string> {
  const messages = (await (await fetch(`${cognitoUrl}/_dev/inbox?to=${encodeURIComponent(email)}`)).json()) as { code: string }[];
  const code = messages.at(-1)?.code;
  if (!code) throw new Error(`The dev inbox has no code for ${email}`);
  return code;
}

export async function signUp(cognito: CognitoIdentityProviderClient, clientId: string, email: string): Promise<void> {
  await cognito.send(new SignUpCommand({ ClientId: clientId, Username: email, Password: PASSWORD }));
}

export async function confirm(cognito: CognitoIdentityProviderClient, clientId: string, email: string): Promise<void> {
  await cognito.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: email, ConfirmationCode: await latestCode(email) }));
}

/** USER_PASSWORD_AUTH through the AWS SDK; resolves to the ID token. */
export async function passwordSignIn(
  cognito: CognitoIdentityProviderClient,
  clientId: string,
  email: string,
  password = PASSWORD,
): Promise<string> {
  const answer = await cognito.send(
    new InitiateAuthCommand({
      ClientId: clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: email, PASSWORD: password },
    }),
  );
  const idToken = answer.AuthenticationResult?.IdToken;
  if (!idToken) throw new Error(`No ID token for ${email}: ${JSON.stringify(answer)}`);
  return idToken;
}

/** USER_SRP_AUTH through amazon-cognito-identity-js, as Amplify signs in; resolves to the ID token. */
export function srpSignIn(poolId: string, clientId: string, email: string): Promise<string> {
  const pool = new CognitoUserPool({ UserPoolId: poolId, ClientId: clientId, endpoint: cognitoUrl });
  const user = new CognitoUser({ Username: email, Pool: pool });
  return new Promise((resolve, reject) =>
    user.authenticateUser(new AuthenticationDetails({ Username: email, Password: PASSWORD }), {
      onSuccess: (session) => resolve(session.getIdToken().getJwtToken()),
      onFailure: reject,
    }),
  );
}

/** GET /api/helloWorldSecured with `token` as the bearer token. */
export async function callSecured(apiUrl: string, token: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${apiUrl}/api/helloWorldSecured`, { headers: { authorization: `Bearer ${token}` } });
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) as unknown };
  } catch {
    return { status: response.status, body: text };
  }
}

/** Every user of the pool, page by page. */
export async function listAllUsers(cognito: CognitoIdentityProviderClient, poolId: string): Promise<UserType[]> {
  const users: UserType[] = [];
  let PaginationToken: string | undefined;
  do {
    const page = await cognito.send(new ListUsersCommand({ UserPoolId: poolId, PaginationToken, Limit: 60 }));
    users.push(...(page.Users ?? []));
    PaginationToken = page.PaginationToken;
  } while (PaginationToken);
  return users;
}

/** A user's email attribute. */
export const emailOf = (user: UserType) => user.Attributes?.find((attribute) => attribute.Name === 'email')?.Value;

/** Runs `step` for every item at once; fails listing every item whose step failed. */
export async function everyOne<T, R>(items: readonly T[], step: (item: T) => Promise<R>): Promise<R[]> {
  const settled = await Promise.allSettled(items.map(step));
  const failures = settled.flatMap((result, i) => (result.status === 'rejected' ? [`${String(items[i])}: ${String(result.reason)}`] : []));
  if (failures.length > 0) throw new Error(`${failures.length} of ${items.length} failed:\n${failures.slice(0, 10).join('\n')}`);
  return settled.map((result) => (result as PromiseFulfilledResult<R>).value);
}
