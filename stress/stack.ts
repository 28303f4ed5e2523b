import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  type CognitoIdentityProviderClient,
  ConfirmSignUpCommand,
  InitiateAuthCommand,
  ListUsersCommand,
  SignUpCommand,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import { AuthenticationDetails, CognitoUser, CognitoUserPool } from 'amazon-cognito-identity-js';
import { localStackPath, readLocalStack, stackOutput } from '../local/cloudformation/local-stack.ts';
import { latestCode } from '../testing/dev-inbox.ts';
import { freeStackPorts, type StackPorts } from '../testing/free-ports.ts';
import { type LaunchedStack, launchStack, type StackUrls, stackUrls } from '../testing/launch-stack.ts';

export const PASSWORD = 'Stress-Passw0rd!';

/**
 * Where a test file's stack lives across its restarts: a data folder that outlives them and
 * ports picked free once, so that the restarted stack keeps its URLs, as a developer's does.
 * `remove()` deletes the folder.
 */
export interface StackHome {
  readonly dataDir: string;
  readonly ports: StackPorts;
  readonly urls: StackUrls;
  remove(): void;
}

export async function stackHome(): Promise<StackHome> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hello-auth-stress-'));
  const ports = await freeStackPorts();
  return { dataDir, ports, urls: stackUrls(ports), remove: () => rmSync(dataDir, { recursive: true, force: true }) };
}

/** The real `npm start` in `home`; rejects with its output if it does not come up. */
export function start(home: StackHome): Promise<LaunchedStack> {
  return launchStack({ dataDir: home.dataDir, ports: home.ports });
}

/** Stops `npm start` with SIGINT, as Ctrl+C does, unless it has already exited. */
export async function stop(stack: LaunchedStack | undefined): Promise<void> {
  await stack?.stop();
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

export async function signUp(cognito: CognitoIdentityProviderClient, clientId: string, email: string): Promise<void> {
  await cognito.send(new SignUpCommand({ ClientId: clientId, Username: email, Password: PASSWORD }));
}

export async function confirm(cognito: CognitoIdentityProviderClient, home: StackHome, clientId: string, email: string): Promise<void> {
  const code = await latestCode(home.urls.cognito, email);
  await cognito.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: email, ConfirmationCode: code }));
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
export function srpSignIn(home: StackHome, poolId: string, clientId: string, email: string): Promise<string> {
  const pool = new CognitoUserPool({ UserPoolId: poolId, ClientId: clientId, endpoint: home.urls.cognito });
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
