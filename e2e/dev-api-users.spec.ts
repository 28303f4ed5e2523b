// The test API's users calls (local/dev-api/, README "Test API") against the e2e stack's Cognito
// emulator: a user made in each state is in that state for Cognito's own API (the AWS SDK), and the
// list shows it. TOTP and groups on a team's own pool from serverless.yml (the starter's has neither),
// started from a fresh data folder.
import { InitiateAuthCommand, RespondToAuthChallengeCommand } from '@aws-sdk/client-cognito-identity-provider';
import { expect, test } from '@playwright/test';
import type { DevPool, DevUser } from '../local/dev-api/dev-api-types.ts';
import { cognitoClient } from '../testing/cognito-client.ts';
import { totpCode } from '../testing/totp.ts';
import { uniqueEmail, uniqueName } from '../testing/unique-names.ts';
import { e2eOutput, e2eStack, failure } from './stack.ts';
import { ownPool, type ServiceEdit, startVariantApi, type VariantApi } from './variant-stack.ts';

const PASSWORD = 'Dev-Api-Passw0rd!';
const devApi = `http://127.0.0.1:${e2eStack.ports.COGNITO_PORT}/_dev/api`;

async function devCall<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(`${devApi}${path}`, {
    method,
    ...(body !== undefined && { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}
const createUser = (pool: string, user: Record<string, unknown>) => devCall<DevUser>('POST', `/pools/${pool}/users`, user);

test.describe('test API: users of the starter pool', () => {
  const cognito = cognitoClient(e2eStack.urls.cognito);
  const UserPoolId = () => e2eOutput('UserPoolId');
  const ClientId = () => e2eOutput('UserPoolClientId');
  test.afterAll(() => cognito.destroy());
  const signIn = (USERNAME: string) =>
    cognito.send(new InitiateAuthCommand({ ClientId: ClientId(), AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME, PASSWORD } }));

  test('lists the stack’s pool with its app client', async () => {
    const { status, body } = await devCall<DevPool[]>('GET', '/pools');
    expect(status).toBe(200);
    const pool = body.find((p) => p.id === UserPoolId());
    expect(pool?.clients.map((c) => c.id)).toContain(ClientId());
  });

  test('makes a user in each state, each as Cognito’s API sees it, and lists them', async () => {
    const tag = uniqueName('devapi').toLowerCase();
    const email = (state: string) => `${tag}-${state}@example.com`;
    const make = async (state: string, extra: Record<string, unknown>) => {
      const made = await createUser(UserPoolId(), {
        username: email(state),
        password: PASSWORD,
        attributes: { email: email(state) },
        ...extra,
      });
      expect(made.status, JSON.stringify(made.body)).toBe(201);
      return made.body;
    };
    expect(await make('confirmed', {})).toMatchObject({ status: 'CONFIRMED', enabled: true });
    expect(await make('unconfirmed', { state: 'unconfirmed' })).toMatchObject({ status: 'UNCONFIRMED' });
    expect(await make('force', { state: 'force-change-password' })).toMatchObject({ status: 'FORCE_CHANGE_PASSWORD' });
    expect(await make('disabled', { enabled: false })).toMatchObject({ status: 'CONFIRMED', enabled: false });

    expect((await signIn(email('confirmed'))).AuthenticationResult?.AccessToken).toBeTruthy();
    expect(await failure(signIn(email('unconfirmed')))).toEqual({ name: 'UserNotConfirmedException', message: 'User is not confirmed.' });
    expect((await signIn(email('force'))).ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    expect(await failure(signIn(email('disabled')))).toEqual({ name: 'NotAuthorizedException', message: 'User is disabled.' });

    const { body: listed } = await devCall<DevUser[]>('GET', `/pools/${UserPoolId()}/users?filter=${tag}`);
    expect(Object.fromEntries(listed.map((u) => [u.attributes.email, [u.status, u.enabled]]))).toEqual({
      [email('confirmed')]: ['CONFIRMED', true],
      [email('unconfirmed')]: ['UNCONFIRMED', true],
      [email('force')]: ['FORCE_CHANGE_PASSWORD', true],
      [email('disabled')]: ['CONFIRMED', false],
    });

    for (const user of listed)
      expect((await devCall('DELETE', `/pools/${UserPoolId()}/users/${encodeURIComponent(user.username)}`)).status).toBe(204);
    expect((await devCall<DevUser[]>('GET', `/pools/${UserPoolId()}/users?filter=${tag}`)).body).toEqual([]);
  });

  test('answers the pool’s password policy as a 400 with Cognito’s error, and 404 for an unknown pool', async () => {
    const weak = await createUser(UserPoolId(), { username: uniqueEmail('devapi-weak'), password: 'weak' });
    expect(weak.status).toBe(400);
    expect((weak.body as unknown as { message: string }).message).toMatch(/^InvalidPasswordException: /);
    expect((await createUser('eu-west-1_NoSuchPool', { username: uniqueEmail('devapi'), password: PASSWORD })).status).toBe(404);
  });
});

/** The starter's pool made a team's own, with TOTP MFA (OPTIONAL) and a group. */
const withTotpAndGroup: ServiceEdit = (service) => {
  ownPool(service, 'dev-api');
  Object.assign(service.resources.Resources.CognitoUserPool.Properties, {
    MfaConfiguration: 'OPTIONAL',
    EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
  });
  service.resources.Resources.EditorsGroup = {
    Type: 'AWS::Cognito::UserPoolGroup',
    Properties: { GroupName: 'editors', UserPoolId: { Ref: 'CognitoUserPool' } },
  };
};

test.describe('test API: a TOTP user in a group, on a team’s own pool', () => {
  let variant: VariantApi;
  const cognito = cognitoClient(e2eStack.urls.cognito);
  test.beforeAll(async () => {
    variant = await startVariantApi(withTotpAndGroup);
  });
  test.afterAll(async () => {
    await variant?.stop();
    cognito.destroy();
  });

  test('mfa "totp": sign-in asks for SOFTWARE_TOKEN_MFA and a code of the answered secret completes it; the list shows TOTP and the group', async () => {
    const UserPoolId = variant.stack.outputs.UserPoolId!;
    const ClientId = variant.stack.outputs.UserPoolClientId!;
    const email = uniqueEmail('devapi-totp');
    const made = await createUser(UserPoolId, {
      username: email,
      password: PASSWORD,
      attributes: { email },
      groups: ['editors'],
      mfa: 'totp',
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body).toMatchObject({ groups: ['editors'], mfa: { preferred: 'SOFTWARE_TOKEN_MFA', totp: true } });
    const secret = made.body.totpSecret!;
    expect(secret).toMatch(/^[A-Z2-7]+$/);

    const challenge = await cognito.send(
      new InitiateAuthCommand({ ClientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: email, PASSWORD } }),
    );
    expect(challenge.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    const done = await cognito.send(
      new RespondToAuthChallengeCommand({
        ClientId,
        ChallengeName: 'SOFTWARE_TOKEN_MFA',
        Session: challenge.Session,
        ChallengeResponses: { USERNAME: email, SOFTWARE_TOKEN_MFA_CODE: totpCode(secret) },
      }),
    );
    expect(done.AuthenticationResult?.IdToken).toBeTruthy();

    const { body: listed } = await devCall<DevUser[]>('GET', `/pools/${UserPoolId}/users?filter=${encodeURIComponent(email)}`);
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ groups: ['editors'], mfa: { totp: true } });
    expect(listed[0]!.totpSecret).toBeUndefined();
    // Every user of the pool, seed users included (start seeds the team's pool too).
    const all = (await devCall<DevUser[]>('GET', `/pools/${UserPoolId}/users`)).body.length;
    expect(await devCall('DELETE', `/pools/${UserPoolId}/users`)).toEqual({ status: 200, body: { deleted: all } });
    expect((await devCall<DevUser[]>('GET', `/pools/${UserPoolId}/users`)).body).toEqual([]);
  });
});
