import { describe, expect, it } from 'vitest';
import { secretHash } from '../secrets/secret-hash.ts';
import { appClient, ctx, fakeCognito, poolUser, rejection } from '../testing/fake-cognito.ts';
import { signInRouter } from '../testing/sign-in-router.ts';
import { getTokensFromRefreshToken } from './get-tokens-from-refresh-token.ts';

// The gates InitiateAuth, AdminInitiateAuth, RespondToAuthChallenge and GetTokensFromRefreshToken
// check before a sign-in or a refresh runs, in order: the flow, the client's secret, a disabled
// user's refresh. (operations/sign-in.test.ts and user-srp-auth.test.ts follow the flows themselves.)

const POOL = 'local_Pool1';
const PASSWORD = 'Correct-Horse-1';
const SECRET = 'the-client-secret';
const ROTATION = { Feature: 'ENABLED', RetryGracePeriodSeconds: 0 } as const;
const ada = poolUser('0a1b2c3d-0000-4000-8000-000000000001', 'ada@example.com', 'CONFIRMED', { RefreshTokens: ['refresh-ada'] });
const bob = poolUser('0a1b2c3d-0000-4000-8000-000000000002', 'bob@example.com', 'CONFIRMED', {
  Enabled: false,
  RefreshTokens: ['refresh-bob'],
});

/** An email-as-username pool with Ada, Bob (disabled) and app clients allowing different flows. */
function setUp() {
  const fake = fakeCognito({
    users: [ada, bob],
    pool: { Id: POOL, UsernameAttributes: ['email'] },
    clients: [
      appClient('default'),
      appClient('srp-only', { ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH'] }),
      appClient('password-only', { ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }),
      appClient('legacy', { ExplicitAuthFlows: ['ADMIN_NO_SRP_AUTH', 'USER_PASSWORD_AUTH'] }),
      appClient('rotating-srp-only', { ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH'], RefreshTokenRotation: ROTATION }),
      appClient('secret-client', {
        ClientSecret: SECRET,
        ExplicitAuthFlows: [
          'ALLOW_USER_PASSWORD_AUTH',
          'ALLOW_USER_SRP_AUTH',
          'ALLOW_ADMIN_USER_PASSWORD_AUTH',
          'ALLOW_REFRESH_TOKEN_AUTH',
        ],
      }),
    ],
    tokens: { AccessToken: 'access-token', IdToken: 'id-token', RefreshToken: 'refresh-token' },
  });
  const router = signInRouter(fake.services);
  const initiate = (ClientId: string, AuthFlow: string, AuthParameters: Record<string, string> = {}) =>
    router('InitiateAuth')(ctx, { ClientId, AuthFlow, AuthParameters });
  const adminInitiate = (ClientId: string, AuthFlow: string, AuthParameters: Record<string, string> = {}) =>
    router('AdminInitiateAuth')(ctx, { UserPoolId: POOL, ClientId, AuthFlow, AuthParameters });
  const refresh = (ClientId: string, RefreshToken: string, ClientSecret?: string) =>
    getTokensFromRefreshToken(fake.services, ctx, { ClientId, RefreshToken, ClientSecret });
  return { ...fake, router, initiate, adminInitiate, refresh };
}

const hashOf = (username: string, clientId = 'secret-client') => secretHash(SECRET, username, clientId);
const adaSignIn = { USERNAME: 'ada@example.com', PASSWORD };

describe('the flows the app client allows', () => {
  // https://docs.aws.amazon.com/cognito/latest/developerguide/authentication-implement.html
  it.each([
    ['USER_PASSWORD_AUTH', 'USER_PASSWORD_AUTH flow not enabled for this client'],
    ['USER_AUTH', 'USER_AUTH flow not enabled for this client'],
    ['CUSTOM_AUTH', 'Auth flow not enabled for this client'],
    ['REFRESH_TOKEN_AUTH', 'Auth flow not enabled for this client'],
    ['REFRESH_TOKEN', 'Auth flow not enabled for this client'],
  ])('InitiateAuth %s on a client that does not allow it: InvalidParameterException %j', async (flow, message) => {
    const { initiate, generated } = setUp();
    const error = await rejection(initiate('srp-only', flow, { ...adaSignIn, REFRESH_TOKEN: 'refresh-ada' }));
    expect([error.code, error.message]).toEqual(['InvalidParameterException', message]);
    expect(generated).toEqual([]);
  });

  it('USER_SRP_AUTH on a client without it gets its own message; a client allowing it goes on to the password', async () => {
    const { initiate } = setUp();
    const error = await rejection(initiate('password-only', 'USER_SRP_AUTH', { USERNAME: 'ada@example.com', SRP_A: 'ab' }));
    expect([error.code, error.message]).toEqual(['InvalidParameterException', 'USER_SRP_AUTH is not enabled for the client.']);
    expect((await initiate('password-only', 'USER_PASSWORD_AUTH', adaSignIn)).AuthenticationResult.IdToken).toBe('id-token');
  });

  it('AdminInitiateAuth ADMIN_USER_PASSWORD_AUTH and ADMIN_NO_SRP_AUTH need ALLOW_ADMIN_USER_PASSWORD_AUTH (or legacy ADMIN_NO_SRP_AUTH)', async () => {
    const { adminInitiate } = setUp();
    for (const flow of ['ADMIN_USER_PASSWORD_AUTH', 'ADMIN_NO_SRP_AUTH']) {
      expect((await rejection(adminInitiate('default', flow, adaSignIn))).message).toBe('Auth flow not enabled for this client');
      expect((await adminInitiate('legacy', flow, adaSignIn)).AuthenticationResult.IdToken).toBe('id-token');
    }
  });

  it('GetTokensFromRefreshToken needs the refresh flow, except on a client that rotates (AWS says to leave it out)', async () => {
    // https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-refresh-token.html#using-the-refresh-token-rotation
    const { refresh, initiate } = setUp();
    expect((await rejection(refresh('srp-only', 'refresh-ada'))).message).toBe('Auth flow not enabled for this client');
    expect((await refresh('default', 'refresh-ada')).AuthenticationResult?.IdToken).toBe('id-token');
    expect((await refresh('rotating-srp-only', 'refresh-ada')).AuthenticationResult?.RefreshToken).toBe('refresh-token');
    const error = await rejection(initiate('rotating-srp-only', 'REFRESH_TOKEN_AUTH', { REFRESH_TOKEN: 'refresh-ada' }));
    expect(error.message).toBe('Auth flow not enabled for this client');
  });

  it('an unknown client is ResourceNotFoundException, before any flow is looked at', async () => {
    const { initiate } = setUp();
    const error = await rejection(initiate('nobody', 'USER_PASSWORD_AUTH', adaSignIn));
    // Worded as SignUp and the other client-side operations word it (cognito-local said `App Client nobody not found`).
    expect([error.code, error.message]).toEqual(['ResourceNotFoundException', 'User pool client nobody does not exist.']);
  });
});

describe("the app client's secret", () => {
  // https://docs.aws.amazon.com/cognito/latest/developerguide/signing-up-users-in-your-app.html#cognito-user-pools-computing-secret-hash
  it.each(['USER_PASSWORD_AUTH', 'USER_SRP_AUTH'])('InitiateAuth %s checks AuthParameters.SECRET_HASH over USERNAME', async (flow) => {
    const { initiate } = setUp();
    const parameters = (hash?: string) => ({ ...adaSignIn, SRP_A: 'ab', ...(hash && { SECRET_HASH: hash }) });
    expect((await rejection(initiate('secret-client', flow, parameters()))).message).toBe(
      'Client secret-client is configured with secret but SECRET_HASH was not received',
    );
    expect((await rejection(initiate('secret-client', flow, parameters(hashOf('ada@example.com', 'public'))))).message).toBe(
      'Unable to verify secret hash for client secret-client',
    );
    const passed = await initiate('secret-client', flow, parameters(hashOf('ada@example.com')));
    expect(passed.AuthenticationResult ?? passed.ChallengeName).toBeTruthy();
  });

  it("REFRESH_TOKEN_AUTH hashes over the refresh token's user (its username or sub), on both operations", async () => {
    const { initiate, adminInitiate } = setUp();
    for (const run of [initiate, adminInitiate]) {
      const refresh = (hash: string) => run('secret-client', 'REFRESH_TOKEN_AUTH', { REFRESH_TOKEN: 'refresh-ada', SECRET_HASH: hash });
      expect((await rejection(refresh(hashOf('ada@example.com')))).message).toBe('Unable to verify secret hash for client secret-client');
      expect((await refresh(hashOf(ada.Username))).AuthenticationResult.IdToken).toBe('id-token');
    }
  });

  it('AdminInitiateAuth checks SECRET_HASH as InitiateAuth does', async () => {
    const { adminInitiate } = setUp();
    const signIn = (hash?: string) =>
      adminInitiate('secret-client', 'ADMIN_USER_PASSWORD_AUTH', { ...adaSignIn, ...(hash && { SECRET_HASH: hash }) });
    expect((await rejection(signIn())).message).toBe('Client secret-client is configured with secret but SECRET_HASH was not received');
    expect((await signIn(hashOf('ada@example.com'))).AuthenticationResult.IdToken).toBe('id-token');
  });

  it('(Admin)RespondToAuthChallenge checks ChallengeResponses.SECRET_HASH over its USERNAME before its Session', async () => {
    const { router } = setUp();
    for (const target of ['RespondToAuthChallenge', 'AdminRespondToAuthChallenge']) {
      const respond = (hash?: string) =>
        router(target)(ctx, {
          UserPoolId: POOL,
          ClientId: 'secret-client',
          ChallengeName: 'PASSWORD_VERIFIER',
          Session: 'made-up',
          ChallengeResponses: { USERNAME: ada.Username, ...(hash && { SECRET_HASH: hash }) },
        });
      expect((await rejection(respond())).message).toBe('Client secret-client is configured with secret but SECRET_HASH was not received');
      expect((await rejection(respond(hashOf('bob')))).message).toBe('Unable to verify secret hash for client secret-client');
      expect((await rejection(respond(hashOf(ada.Username)))).message).toBe('Invalid session for the user.');
    }
  });

  it("GetTokensFromRefreshToken needs the client's secret itself ([U] answers: SECRET_HASH's)", async () => {
    const { refresh } = setUp();
    expect((await rejection(refresh('secret-client', 'refresh-ada'))).message).toBe(
      'Client secret-client is configured with secret but SECRET_HASH was not received',
    );
    expect((await rejection(refresh('secret-client', 'refresh-ada', 'not-it'))).message).toBe(
      'Unable to verify secret hash for client secret-client',
    );
    expect((await refresh('secret-client', 'refresh-ada', SECRET)).AuthenticationResult?.IdToken).toBe('id-token');
  });
});

describe('a disabled user cannot refresh', () => {
  // https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminDisableUser.html
  it('refuses the refresh of a disabled user with every operation that refreshes, before anything is issued', async () => {
    const { initiate, adminInitiate, refresh, generated } = setUp();
    const refusals = [
      initiate('default', 'REFRESH_TOKEN_AUTH', { REFRESH_TOKEN: 'refresh-bob' }),
      adminInitiate('default', 'REFRESH_TOKEN', { REFRESH_TOKEN: 'refresh-bob' }),
      refresh('default', 'refresh-bob'),
    ];
    for (const refusal of refusals) expect((await rejection(refusal)).message).toBe('User is disabled.');
    expect(generated).toEqual([]);
    expect((await refresh('default', 'refresh-ada')).AuthenticationResult?.IdToken).toBe('id-token');
  });
});
