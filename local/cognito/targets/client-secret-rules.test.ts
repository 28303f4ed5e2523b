import type { Route } from '../cognito-local.ts';
import { describe, expect, it } from 'vitest';
import { secretHash } from '../secrets/secret-hash.ts';
import { appClient, ctx, fakeCognito, poolUser, rejection } from '../testing/fake-cognito.ts';
import { requireClientSecret, requireSecretHash } from './client-secret-rules.ts';

const SECRET = 'the-client-secret';
const ada = poolUser('0a1b2c3d-0000-4000-8000-000000000001', 'ada@example.com', 'CONFIRMED', { RefreshTokens: ['refresh-ada'] });

/** An email-as-username pool with Ada, a client with a secret (secret-client) and one without (public-client). */
const fakePool = () =>
  fakeCognito({
    users: [ada],
    pool: { Id: 'local_Pool1', UsernameAttributes: ['email'] },
    clients: [appClient('secret-client', { ClientSecret: SECRET }), appClient('public-client')],
  });

function recordingRoute() {
  const calls: unknown[] = [];
  const route: Route = async (_ctx, req) => {
    calls.push(req);
    return {};
  };
  return { route, calls };
}

const hashOf = (username: string, clientId = 'secret-client') => secretHash(SECRET, username, clientId);

describe('requireSecretHash', () => {
  it.each(['SignUp', 'ConfirmSignUp', 'ResendConfirmationCode', 'ForgotPassword', 'ConfirmForgotPassword'])(
    '%s: a client with a secret without SecretHash is told it was not received',
    async (target) => {
      const { services } = fakePool();
      const { route, calls } = recordingRoute();
      const error = await rejection(
        requireSecretHash(services, target)(route)(ctx, { ClientId: 'secret-client', Username: 'ada@example.com' }),
      );
      expect(error.code).toBe('NotAuthorizedException');
      expect(error.message).toBe('Client secret-client is configured with secret but SECRET_HASH was not received');
      expect(calls).toEqual([]);
    },
  );

  it('SignUp: a wrong SecretHash cannot be verified', async () => {
    const { services } = fakePool();
    const { route } = recordingRoute();
    const req = { ClientId: 'secret-client', Username: 'ada@example.com', SecretHash: hashOf('bob@example.com') };
    const error = await rejection(requireSecretHash(services, 'SignUp')(route)(ctx, req));
    expect(error.code).toBe('NotAuthorizedException');
    expect(error.message).toBe('Unable to verify secret hash for client secret-client');
  });

  it('SignUp: the hash of the name the caller sent passes', async () => {
    const { services } = fakePool();
    const { route, calls } = recordingRoute();
    await requireSecretHash(services, 'SignUp')(route)(ctx, {
      ClientId: 'secret-client',
      Username: 'ada@example.com',
      SecretHash: hashOf('ada@example.com'),
    });
    expect(calls).toHaveLength(1);
  });

  it.each(['USER_PASSWORD_AUTH', 'USER_SRP_AUTH'])('InitiateAuth %s checks AuthParameters.SECRET_HASH over USERNAME', async (flow) => {
    const { services } = fakePool();
    const { route, calls } = recordingRoute();
    const initiate = (hash?: string) =>
      requireSecretHash(services, 'InitiateAuth')(route)(ctx, {
        ClientId: 'secret-client',
        AuthFlow: flow,
        AuthParameters: { USERNAME: 'ada@example.com', ...(hash && { SECRET_HASH: hash }) },
      });
    expect((await rejection(initiate())).message).toBe('Client secret-client is configured with secret but SECRET_HASH was not received');
    expect((await rejection(initiate(hashOf('ada@example.com', 'public-client')))).message).toBe(
      'Unable to verify secret hash for client secret-client',
    );
    await initiate(hashOf('ada@example.com'));
    expect(calls).toHaveLength(1);
  });

  it("InitiateAuth REFRESH_TOKEN_AUTH hashes over the refresh token's user (its username, the sub here)", async () => {
    const { services } = fakePool();
    const { route, calls } = recordingRoute();
    const refresh = (hash: string) =>
      requireSecretHash(services, 'InitiateAuth')(route)(ctx, {
        ClientId: 'secret-client',
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        AuthParameters: { REFRESH_TOKEN: 'refresh-ada', SECRET_HASH: hash },
      });
    expect((await rejection(refresh(hashOf('someone-else')))).message).toBe('Unable to verify secret hash for client secret-client');
    await refresh(hashOf(ada.Username));
    expect(calls).toHaveLength(1);
  });

  it('RespondToAuthChallenge checks ChallengeResponses.SECRET_HASH over its USERNAME', async () => {
    const { services } = fakePool();
    const { route, calls } = recordingRoute();
    const respond = (hash?: string) =>
      requireSecretHash(services, 'RespondToAuthChallenge')(route)(ctx, {
        ClientId: 'secret-client',
        ChallengeName: 'PASSWORD_VERIFIER',
        ChallengeResponses: { USERNAME: ada.Username, ...(hash && { SECRET_HASH: hash }) },
      });
    expect((await rejection(respond())).code).toBe('NotAuthorizedException');
    await respond(hashOf(ada.Username));
    expect(calls).toHaveLength(1);
  });

  it('AdminInitiateAuth and AdminRespondToAuthChallenge check SECRET_HASH as the client-side operations do', async () => {
    const { services } = fakePool();
    const { route, calls } = recordingRoute();
    const initiate = (AuthParameters: Record<string, string>) =>
      requireSecretHash(services, 'AdminInitiateAuth')(route)(ctx, {
        UserPoolId: 'local_Pool1',
        ClientId: 'secret-client',
        AuthFlow: AuthParameters.REFRESH_TOKEN ? 'REFRESH_TOKEN_AUTH' : 'ADMIN_USER_PASSWORD_AUTH',
        AuthParameters,
      });
    expect((await rejection(initiate({ USERNAME: 'ada@example.com' }))).message).toBe(
      'Client secret-client is configured with secret but SECRET_HASH was not received',
    );
    expect((await rejection(initiate({ REFRESH_TOKEN: 'refresh-ada', SECRET_HASH: hashOf('bob') }))).code).toBe('NotAuthorizedException');
    await initiate({ USERNAME: 'ada@example.com', SECRET_HASH: hashOf('ada@example.com') });
    await initiate({ REFRESH_TOKEN: 'refresh-ada', SECRET_HASH: hashOf(ada.Username) });
    const respond = (hash?: string) =>
      requireSecretHash(services, 'AdminRespondToAuthChallenge')(route)(ctx, {
        UserPoolId: 'local_Pool1',
        ClientId: 'secret-client',
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        ChallengeResponses: { USERNAME: ada.Username, ...(hash && { SECRET_HASH: hash }) },
      });
    expect((await rejection(respond())).code).toBe('NotAuthorizedException');
    await respond(hashOf(ada.Username));
    expect(calls).toHaveLength(3);
  });

  it('refuses a SECRET_HASH sent for a client without a secret', async () => {
    const { services } = fakePool();
    const { route, calls } = recordingRoute();
    const req = { ClientId: 'public-client', Username: 'ada@example.com', SecretHash: hashOf('ada@example.com', 'public-client') };
    const error = await rejection(requireSecretHash(services, 'SignUp')(route)(ctx, req));
    expect(error.code).toBe('InvalidParameterException');
    expect(error.message).toBe('App client public-client is not configured for secret but secret hash was received');
    expect(calls).toEqual([]);
  });

  it('lets a client without a secret through without a hash', async () => {
    const { services } = fakePool();
    const { route, calls } = recordingRoute();
    await requireSecretHash(services, 'SignUp')(route)(ctx, { ClientId: 'public-client', Username: 'ada@example.com' });
    expect(calls).toHaveLength(1);
  });
});

describe('requireClientSecret', () => {
  it("GetTokensFromRefreshToken needs the client's secret itself", async () => {
    const { services } = fakePool();
    const { route, calls } = recordingRoute();
    const refresh = (ClientSecret?: string) =>
      requireClientSecret(services)(route)(ctx, { ClientId: 'secret-client', RefreshToken: 'refresh-ada', ClientSecret });
    expect((await rejection(refresh())).message).toBe('Client secret-client is configured with secret but SECRET_HASH was not received');
    expect((await rejection(refresh('not-it'))).message).toBe('Unable to verify secret hash for client secret-client');
    await refresh(SECRET);
    expect(calls).toHaveLength(1);
  });
});
