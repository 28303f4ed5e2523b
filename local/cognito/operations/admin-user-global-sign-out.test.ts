import { describe, expect, it } from 'vitest';
import { ctx, fakeCognito, poolUser, rejection } from '../testing/fake-cognito.ts';
import { signedAccessToken } from '../testing/access-token.ts';
import { accessTokenUser } from '../rules/access-tokens.ts';
import { adminUserGlobalSignOut } from './admin-user-global-sign-out.ts';

const ada = poolUser('4f1c2a4e-0000-4000-8000-000000000001', 'ada@example.com', 'CONFIRMED', { RefreshTokens: ['refresh-1'] });
const fake = () => fakeCognito({ users: [ada], pool: { Id: 'local_Pool1', UsernameAttributes: ['email'] } });

describe('AdminUserGlobalSignOut', () => {
  it("revokes the named user's refresh tokens and access tokens, named by email", async () => {
    const { services, stored } = fake();
    const token = signedAccessToken(ada.Username, 'client-1', { iat: Math.floor(Date.now() / 1000) - 5 });
    expect(await adminUserGlobalSignOut(services, ctx, { UserPoolId: 'local_Pool1', Username: 'ada@example.com' })).toEqual({});
    expect(stored.get(ada.Username)!.RefreshTokens).toEqual([]);
    const error = await rejection(accessTokenUser(services, ctx, token));
    expect([error.code, error.message]).toEqual(['NotAuthorizedException', 'Access Token has been revoked']);
  });

  it('answers UserNotFoundException for a user the pool does not hold, and changes nobody', async () => {
    const { services, saved } = fake();
    const error = await rejection(adminUserGlobalSignOut(services, ctx, { UserPoolId: 'local_Pool1', Username: 'grace@example.com' }));
    expect([error.code, error.message]).toEqual(['UserNotFoundException', 'User does not exist.']);
    expect(saved).toEqual([]);
  });
});
