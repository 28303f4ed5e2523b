// The test API's users calls against the emulator started in process (real operations, rules and
// files, a fresh data folder): each state and action is proven through Cognito's own API.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  AdminGetUserCommand,
  CognitoIdentityProviderClient,
  ConfirmForgotPasswordCommand,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SetUserPoolMfaConfigCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePorts } from '../../testing/free-ports.ts';
import { totpCode } from '../cognito/cognito-local.ts';
import { type CognitoServer, startCognitoServer } from '../cognito/cognito-server.ts';
import type { DevPool, DevUser } from './dev-api-types.ts';

const PASSWORD = 'Passw0rd!long';
let server: CognitoServer;
let url: string;
let dataDir: string;
let cognito: CognitoIdentityProviderClient;
let poolId: string;
let clientId: string;

beforeAll(async () => {
  const [port] = (await freePorts(1)) as [number];
  url = `http://127.0.0.1:${port}`;
  dataDir = mkdtempSync(path.join(tmpdir(), 'dev-users-'));
  server = await startCognitoServer({ host: '127.0.0.1', port, publicUrl: url, dataDir, lambdaUrl: 'http://127.0.0.1:9' });
  cognito = new CognitoIdentityProviderClient({
    endpoint: url,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  const { UserPool } = await cognito.send(
    new CreateUserPoolCommand({ PoolName: 'dev-users', UsernameAttributes: ['email'], AutoVerifiedAttributes: ['email'] }),
  );
  poolId = UserPool!.Id!;
  await cognito.send(
    new SetUserPoolMfaConfigCommand({ UserPoolId: poolId, MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } }),
  );
  const { UserPoolClient } = await cognito.send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: 'web',
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    }),
  );
  clientId = UserPoolClient!.ClientId!;
  await cognito.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'admins' }));
});

afterAll(async () => {
  cognito?.destroy();
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

let n = 0;
const email = () => `dev-user-${++n}@example.com`;

async function call(method: string, where: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${url}${where}`, {
    method,
    headers: { ...(body !== undefined && { 'content-type': 'application/json' }), ...headers },
    ...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text ? (JSON.parse(text) as unknown) : undefined,
    cors: response.headers.get('access-control-allow-origin'),
  };
}
const users = () => `/_dev/api/pools/${poolId}/users`;
const create = (body: Record<string, unknown>) => call('POST', users(), body);
const signIn = (USERNAME: string, PASSWORD_ = PASSWORD) =>
  cognito.send(
    new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME, PASSWORD: PASSWORD_ } }),
  );
const refusal = async (promise: Promise<unknown>) => {
  const error = (await promise.then(
    () => undefined,
    (e: unknown) => e,
  )) as Error | undefined;
  return error && `${error.name}: ${error.message}`;
};

describe('GET /_dev/api/pools', () => {
  it('lists the pools with their app clients', async () => {
    const { status, body } = await call('GET', '/_dev/api/pools');
    expect(status).toBe(200);
    expect(body as DevPool[]).toContainEqual({ id: poolId, name: 'dev-users', clients: [{ id: clientId, name: 'web' }] });
  });
});

describe('POST /_dev/api/pools/<pool>/users', () => {
  it('makes a confirmed user with a permanent password and a verified email, who signs in', async () => {
    const address = email();
    const { status, body } = await create({ username: address, password: PASSWORD, attributes: { email: address, given_name: 'Ada' } });
    expect(status).toBe(201);
    expect(body).toMatchObject({
      status: 'CONFIRMED',
      enabled: true,
      groups: [],
      mfa: { totp: false, sms: false },
      attributes: { email: address, email_verified: 'true', given_name: 'Ada' },
      lockout: { failures: 0 },
    });
    const user = body as DevUser;
    expect(user.sub).toMatch(/^[0-9a-f-]{36}$/);
    expect(user.totpSecret).toBeUndefined();
    expect((await signIn(address)).AuthenticationResult?.AccessToken).toBeTruthy();
  });

  it('makes an unconfirmed user as SignUp leaves one: sign-in answers UserNotConfirmedException', async () => {
    const address = email();
    const { status, body } = await create({ username: address, password: PASSWORD, state: 'unconfirmed', attributes: { email: address } });
    expect(status, JSON.stringify(body)).toBe(201);
    expect(body).toMatchObject({ status: 'UNCONFIRMED', enabled: true });
    expect(await refusal(signIn(address))).toBe('UserNotConfirmedException: User is not confirmed.');
    // SignUp sent the confirmation code, as it does to a user who signs up.
    expect(server.inbox.list({ to: address }).length > 0).toBe(true);
  });

  it('makes a FORCE_CHANGE_PASSWORD user with that temporary password: sign-in answers NEW_PASSWORD_REQUIRED', async () => {
    const address = email();
    const { body } = await create({
      username: address,
      password: PASSWORD,
      state: 'force-change-password',
      attributes: { email: address },
    });
    expect(body).toMatchObject({ status: 'FORCE_CHANGE_PASSWORD' });
    expect((await signIn(address)).ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
  });

  it('makes a disabled user: sign-in answers "User is disabled."', async () => {
    const address = email();
    const { body } = await create({ username: address, password: PASSWORD, enabled: false, attributes: { email: address } });
    expect(body).toMatchObject({ status: 'CONFIRMED', enabled: false });
    expect(await refusal(signIn(address))).toBe('NotAuthorizedException: User is disabled.');
  });

  it('puts the user in its groups', async () => {
    const address = email();
    const { body } = await create({ username: address, password: PASSWORD, groups: ['admins'], attributes: { email: address } });
    expect(body).toMatchObject({ groups: ['admins'] });
  });

  it('sets up TOTP, preferred, and answers its secret once: sign-in asks for SOFTWARE_TOKEN_MFA, which the secret answers', async () => {
    const address = email();
    const { body } = await create({ username: address, password: PASSWORD, mfa: 'totp', attributes: { email: address } });
    const user = body as DevUser;
    expect(user.mfa).toEqual({ preferred: 'SOFTWARE_TOKEN_MFA', totp: true, sms: false });
    expect(user.totpSecret).toMatch(/^[A-Z2-7]+=*$/);
    const challenge = await signIn(address);
    expect(challenge.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    const done = await cognito.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: 'SOFTWARE_TOKEN_MFA',
        Session: challenge.Session,
        ChallengeResponses: { USERNAME: address, SOFTWARE_TOKEN_MFA_CODE: totpCode(user.totpSecret!) },
      }),
    );
    expect(done.AuthenticationResult?.AccessToken).toBeTruthy();
    const listed = ((await call('GET', `${users()}?filter=${encodeURIComponent(address)}`)).body as DevUser[])[0];
    expect(listed?.totpSecret).toBeUndefined();
    expect(listed?.mfa.totp).toBe(true);
  });

  it("answers the pool's refusal as 400 `<Name>: <message>` and leaves no half-made user", async () => {
    const address = email();
    const weak = await create({ username: address, password: 'short', attributes: { email: address } });
    expect(weak.status).toBe(400);
    expect((weak.body as { message: string }).message).toMatch(/^InvalidPasswordException: /);
    const noGroup = await create({ username: address, password: PASSWORD, groups: ['nobody'], attributes: { email: address } });
    expect(noGroup.status).toBe(400);
    expect((noGroup.body as { message: string }).message).toMatch(/^ResourceNotFoundException: /);
    expect(await refusal(cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: address })))).toMatch(
      /^UserNotFoundException/,
    );
  });

  it('answers 409 for a username taken', async () => {
    const address = email();
    await create({ username: address, password: PASSWORD, attributes: { email: address } });
    const again = await create({ username: address, password: PASSWORD, attributes: { email: address } });
    expect(again.status).toBe(409);
    expect((again.body as { message: string }).message).toMatch(/^UsernameExistsException: /);
  });

  it('refuses a body that is not a user with a 400 naming the field', async () => {
    for (const [body, field] of [
      ['{', 'JSON'],
      [{ password: PASSWORD }, '"username"'],
      [{ username: 'a@example.com', password: PASSWORD, state: 'frozen' }, '"state"'],
      [{ username: 'a@example.com', password: PASSWORD, groups: 'admins' }, '"groups"'],
      [{ username: 'a@example.com', password: PASSWORD, attributes: { age: 3 } }, '"attributes"'],
      [{ username: 'a@example.com', password: PASSWORD, mfa: 'sms' }, '"mfa"'],
    ] as const) {
      const answer = await call('POST', users(), body);
      expect(answer.status).toBe(400);
      expect((answer.body as { message: string }).message).toContain(field);
    }
  });

  it('refuses a change from a page of another host, and answers changes without CORS headers', async () => {
    const address = email();
    const foreign = await call('POST', users(), { username: address, password: PASSWORD }, { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    const own = await call(
      'POST',
      users(),
      { username: address, password: PASSWORD, attributes: { email: address } },
      { origin: 'http://127.0.0.1:3000' },
    );
    expect(own.status).toBe(201);
    expect(own.cors).toBeNull();
  });
});

describe('GET /_dev/api/pools/<pool>/users', () => {
  it('finds users by text in the username, sub or any attribute value', async () => {
    const address = email();
    const made = (await create({ username: address, password: PASSWORD, attributes: { email: address, family_name: 'Lovelace-Findme' } }))
      .body as DevUser;
    for (const text of ['findme', made.sub, address.toUpperCase()]) {
      const { status, body } = await call('GET', `${users()}?filter=${encodeURIComponent(text)}`);
      expect(status).toBe(200);
      expect((body as DevUser[]).map((u) => u.sub)).toEqual([made.sub]);
    }
    expect(((await call('GET', users())).body as DevUser[]).length).toBeGreaterThan(1);
  });

  it("shows a user's wrong passwords and the lockout they started", async () => {
    const address = email();
    await create({ username: address, password: PASSWORD, attributes: { email: address } });
    for (let i = 0; i < 5; i++) await refusal(signIn(address, 'Wrong-passw0rd!'));
    const [user] = (await call('GET', `${users()}?filter=${encodeURIComponent(address)}`)).body as DevUser[];
    expect(user?.lockout.failures).toBe(5);
    expect(Date.parse(user?.lockout.until ?? '')).toBeGreaterThan(Date.now() - 1000);
  });

  it('answers 404 for a pool the emulator does not have', async () => {
    const { status, body } = await call('GET', '/_dev/api/pools/eu-west-1_Nope12345/users');
    expect(status).toBe(404);
    expect((body as { message: string }).message).toContain('eu-west-1_Nope12345');
  });
});

describe('user actions', () => {
  it('disables and enables a user', async () => {
    const address = email();
    const { username } = (await create({ username: address, password: PASSWORD, attributes: { email: address } })).body as DevUser;
    const disabled = await call('POST', `${users()}/${encodeURIComponent(username)}/disable`);
    expect(disabled).toMatchObject({ status: 200, body: { enabled: false } });
    expect(await refusal(signIn(address))).toBe('NotAuthorizedException: User is disabled.');
    const enabled = await call('POST', `${users()}/${encodeURIComponent(address)}/enable`);
    expect(enabled).toMatchObject({ status: 200, body: { enabled: true } });
    expect((await signIn(address)).AuthenticationResult).toBeTruthy();
  });

  it('signs a user out everywhere: their refresh token no longer works', async () => {
    const address = email();
    await create({ username: address, password: PASSWORD, attributes: { email: address } });
    const { RefreshToken } = (await signIn(address)).AuthenticationResult!;
    expect((await call('POST', `${users()}/${encodeURIComponent(address)}/sign-out`)).status).toBe(200);
    const refresh = cognito.send(
      new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: RefreshToken! } }),
    );
    expect(await refusal(refresh)).toMatch(/^NotAuthorizedException: /);
  });

  it('resets the password (AdminResetUserPassword): sign-in answers PasswordResetRequiredException until the emailed code sets a new one', async () => {
    const address = email();
    await create({ username: address, password: PASSWORD, attributes: { email: address } });
    const reset = await call('POST', `${users()}/${encodeURIComponent(address)}/reset-password`);
    expect(reset).toMatchObject({ status: 200, body: { status: 'RESET_REQUIRED' } });
    expect(await refusal(signIn(address))).toMatch(/^PasswordResetRequiredException: /);
    const code = server.inbox.list({ to: address }).at(-1)?.code;
    expect(code).toMatch(/^\d{6}$/);
    await cognito.send(
      new ConfirmForgotPasswordCommand({ ClientId: clientId, Username: address, ConfirmationCode: code, Password: 'New-passw0rd!' }),
    );
    expect((await signIn(address, 'New-passw0rd!')).AuthenticationResult?.AccessToken).toBeTruthy();
  });

  it('answers 404 for an unknown user or action', async () => {
    expect((await call('POST', `${users()}/nobody%40example.com/disable`)).status).toBe(404);
    const address = email();
    await create({ username: address, password: PASSWORD, attributes: { email: address } });
    expect((await call('POST', `${users()}/${encodeURIComponent(address)}/freeze`)).status).toBe(404);
  });

  it('deletes one user (204), then answers 404 for them', async () => {
    const address = email();
    await create({ username: address, password: PASSWORD, attributes: { email: address } });
    expect((await call('DELETE', `${users()}/${encodeURIComponent(address)}`)).status).toBe(204);
    expect((await call('DELETE', `${users()}/${encodeURIComponent(address)}`)).status).toBe(404);
    expect(await refusal(signIn(address))).toMatch(/^(UserNotFoundException|NotAuthorizedException): /);
  });

  it('deletes every user of the pool and says how many', async () => {
    const before = ((await call('GET', users())).body as DevUser[]).length;
    expect(before).toBeGreaterThan(0);
    expect(await call('DELETE', users())).toMatchObject({ status: 200, body: { deleted: before } });
    expect((await call('GET', users())).body).toEqual([]);
  });
});
