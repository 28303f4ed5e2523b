import { describe, expect, it } from 'vitest';
import type { AppClient } from '../cognito-local.ts';
import { signedAccessToken } from '../testing/access-token.ts';
import { appClient, ctx, fakeCognito, rejection, userWithAttributes } from '../testing/fake-cognito.ts';
import { NOW } from '../testing/operation-testbed.ts';
import { getUser } from './get-user.ts';

const ada = userWithAttributes('ada', { email: 'ada@example.com', email_verified: 'true', 'custom:team': 'blue' });

/** Ada, and client-1 with `client`'s settings. */
function deps(client: Partial<AppClient> = {}) {
  const fake = fakeCognito({ users: [ada], clients: [appClient('client-1', client)] });
  return { ...fake.services, clock: { get: () => NOW, now: () => Date.now() } };
}

describe('getUser', () => {
  // API_UserPoolClientType: without ReadAttributes, a client reads the standard attributes.
  it('shows a client without ReadAttributes the standard attributes only', async () => {
    const answer = await getUser(deps(), ctx, { AccessToken: signedAccessToken('ada', 'client-1') });
    expect(answer.Username).toBe('ada');
    expect(answer.UserAttributes?.map((attribute) => attribute.Name)).toEqual(['sub', 'email', 'email_verified']);
  });

  it('shows a client what its ReadAttributes list, and sub', async () => {
    const answer = await getUser(deps({ ReadAttributes: ['custom:team'] }), ctx, { AccessToken: signedAccessToken('ada', 'client-1') });
    expect(answer.UserAttributes).toEqual([
      { Name: 'sub', Value: 'ada' },
      { Name: 'custom:team', Value: 'blue' },
    ]);
  });

  it('refuses an access token that is not one', async () => {
    const error = await rejection(getUser(deps(), ctx, { AccessToken: 'not-a-token' }));
    expect([error.code, error.message]).toEqual(['NotAuthorizedException', 'Invalid Access Token']);
  });
});
