import { describe, expect, it } from 'vitest';
import { NotAuthorizedError, type Route } from '../cognito-local.ts';
import { signedAccessToken } from '../testing/access-token.ts';
import { appClient, ctx, fakeCognito, poolUser, rejection } from '../testing/fake-cognito.ts';
import { accessTokenUser } from './access-tokens.ts';
import { refuseDisabledUsers, revokeAccessTokensOnDisable, revokeRefreshTokensOnEnable } from './disabled-users.ts';

const ada = poolUser('ada', 'ada@example.com', 'CONFIRMED', { Enabled: false, RefreshTokens: ['refresh-ada'] });
const bob = poolUser('bob', 'bob@example.com', 'CONFIRMED', { RefreshTokens: ['refresh-bob'] });
const fakePool = () => fakeCognito({ users: [ada, bob], pool: { UsernameAttributes: ['email'] }, clients: [appClient('client-1')] });

const tokens: Route = async () => ({ AuthenticationResult: { AccessToken: 'access', RefreshToken: 'refresh-new' } });
const wrongPassword: Route = async () => {
  throw new NotAuthorizedError('Incorrect username or password.');
};
const signIn = (username: string) => ({ ClientId: 'client-1', AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username } });

describe('refuseDisabledUsers', () => {
  it('refuses a disabled user whose password was right, and withdraws the refresh token the answer carried', async () => {
    const fake = fakePool();
    await fake.userPool.saveUser(ctx, { ...ada, RefreshTokens: ['refresh-ada', 'refresh-new'] });
    const error = await rejection(refuseDisabledUsers(fake.services, 'InitiateAuth')(tokens)(ctx, signIn('ada@example.com')));
    expect([error.code, error.message]).toEqual(['NotAuthorizedException', 'User is disabled.']);
    expect(fake.stored.get('ada')?.RefreshTokens).toEqual(['refresh-ada']);
  });

  it('lets a wrong password answer as such, and an enabled user through', async () => {
    const { services } = fakePool();
    expect((await rejection(refuseDisabledUsers(services, 'InitiateAuth')(wrongPassword)(ctx, signIn('ada')))).message).toBe(
      'Incorrect username or password.',
    );
    await expect(refuseDisabledUsers(services, 'InitiateAuth')(tokens)(ctx, signIn('bob'))).resolves.toHaveProperty('AuthenticationResult');
  });

  it('lets the opening PASSWORD_VERIFIER challenge through and refuses at the answer, found by ChallengeResponses.USERNAME', async () => {
    const { services } = fakePool();
    const verifier: Route = async () => ({ ChallengeName: 'PASSWORD_VERIFIER' });
    await expect(
      refuseDisabledUsers(services, 'InitiateAuth')(verifier)(ctx, { ...signIn('ada'), AuthFlow: 'USER_SRP_AUTH' }),
    ).resolves.toEqual({
      ChallengeName: 'PASSWORD_VERIFIER',
    });
    const answer = { ClientId: 'client-1', ChallengeName: 'PASSWORD_VERIFIER', ChallengeResponses: { USERNAME: 'ada' } };
    expect((await rejection(refuseDisabledUsers(services, 'RespondToAuthChallenge')(tokens)(ctx, answer))).message).toBe(
      'User is disabled.',
    );
  });

  it('refuses a refresh of a disabled user before the operation, both ways, and on AdminInitiateAuth', async () => {
    const { services } = fakePool();
    let ran = false;
    const route: Route = async () => {
      ran = true;
      return {};
    };
    const refreshes: Array<[string, object]> = [
      ['InitiateAuth', { ClientId: 'client-1', AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: 'refresh-ada' } }],
      [
        'AdminInitiateAuth',
        { UserPoolId: 'local_Pool1', ClientId: 'client-1', AuthFlow: 'REFRESH_TOKEN', AuthParameters: { REFRESH_TOKEN: 'refresh-ada' } },
      ],
      ['GetTokensFromRefreshToken', { ClientId: 'client-1', RefreshToken: 'refresh-ada' }],
    ];
    for (const [target, req] of refreshes) {
      expect((await rejection(refuseDisabledUsers(services, target)(route)(ctx, req))).message).toBe('User is disabled.');
    }
    expect(ran).toBe(false);
    await refuseDisabledUsers(services, 'GetTokensFromRefreshToken')(route)(ctx, { ClientId: 'client-1', RefreshToken: 'refresh-bob' });
    expect(ran).toBe(true);
  });
});

describe('AdminDisableUser and AdminEnableUser', () => {
  const disable = (services: ReturnType<typeof fakePool>['services'], Username: string) => {
    const route: Route = async () => ({});
    return revokeAccessTokensOnDisable(services)(route)(ctx, { UserPoolId: 'local_Pool1', Username });
  };

  it("refuses a disabled user's access token, and keeps refusing a token issued before the disable after AdminEnableUser", async () => {
    const fake = fakePool();
    const before = signedAccessToken('bob', 'client-1', { iat: Math.floor(Date.now() / 1000) - 10 });
    await disable(fake.services, 'bob');
    await fake.userPool.saveUser(ctx, { ...fake.stored.get('bob')!, Enabled: false });
    expect((await rejection(accessTokenUser(fake.services, ctx, before))).message).toBe('User is disabled.');

    const enable: Route = async () => {
      await fake.userPool.saveUser(ctx, { ...fake.stored.get('bob')!, Enabled: true });
      return {};
    };
    await revokeRefreshTokensOnEnable(fake.services)(enable)(ctx, { UserPoolId: 'local_Pool1', Username: 'bob' });
    expect((await rejection(accessTokenUser(fake.services, ctx, before))).message).toBe('Access Token has been revoked');
    expect(fake.stored.get('bob')?.RefreshTokens).toEqual([]);
    const after = signedAccessToken('bob', 'client-1', { iat: Math.floor(Date.now() / 1000) + 1 });
    await expect(accessTokenUser(fake.services, ctx, after)).resolves.toHaveProperty('user.Username', 'bob');
  });

  it('leaves the refresh tokens of a user AdminEnableUser finds already enabled', async () => {
    const fake = fakePool();
    await revokeRefreshTokensOnEnable(fake.services)(async () => ({}))(ctx, { UserPoolId: 'local_Pool1', Username: 'bob' });
    expect(fake.stored.get('bob')?.RefreshTokens).toEqual(['refresh-bob']);
  });
});
