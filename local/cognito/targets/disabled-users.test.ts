import { describe, expect, it } from 'vitest';
import type { Route } from '../cognito-local.ts';
import { appClient, ctx, fakeCognito, poolUser, rejection } from '../testing/fake-cognito.ts';
import { refuseDisabledUsersOnRefresh } from './disabled-users.ts';

const ada = poolUser('ada', 'ada@example.com', 'CONFIRMED', { Enabled: false, RefreshTokens: ['refresh-ada'] });
const bob = poolUser('bob', 'bob@example.com', 'CONFIRMED', { RefreshTokens: ['refresh-bob'] });
const fakePool = () => fakeCognito({ users: [ada, bob], pool: { UsernameAttributes: ['email'] }, clients: [appClient('client-1')] });

describe('refuseDisabledUsersOnRefresh', () => {
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
      expect((await rejection(refuseDisabledUsersOnRefresh(services, target)(route)(ctx, req))).message).toBe('User is disabled.');
    }
    expect(ran).toBe(false);
    await refuseDisabledUsersOnRefresh(services, 'GetTokensFromRefreshToken')(route)(ctx, {
      ClientId: 'client-1',
      RefreshToken: 'refresh-bob',
    });
    expect(ran).toBe(true);
  });
});
