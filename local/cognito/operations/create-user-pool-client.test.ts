import { describe, expect, it } from 'vitest';
import { ctx, rejection } from '../testing/fake-cognito.ts';
import { fakePoolStore } from '../testing/fake-pool-store.ts';
import { NOW } from '../testing/operation-testbed.ts';
import { createUserPoolClient } from './create-user-pool-client.ts';

const POOL = { Id: 'eu-west-1_Pool1' };
const ENABLED = { Feature: 'ENABLED' as const, RetryGracePeriodSeconds: 10 };

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html
describe('createUserPoolClient', () => {
  it('stores the client once, with every setting given (RefreshTokenRotation too), and answers it as stored', async () => {
    const { deps, writes, clients } = fakePoolStore({ pools: [POOL] });
    const { UserPoolClient } = await createUserPoolClient(deps, ctx, {
      UserPoolId: POOL.Id,
      ClientName: 'web',
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      CallbackURLs: ['http://localhost:5173/'],
      RefreshTokenRotation: ENABLED,
      AccessTokenValidity: 15,
      TokenValidityUnits: { AccessToken: 'minutes' },
    });
    expect(UserPoolClient).toEqual({
      ClientId: expect.stringMatching(/^[a-z0-9]{26}$/),
      ClientName: 'web',
      UserPoolId: POOL.Id,
      CreationDate: NOW,
      LastModifiedDate: NOW,
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      CallbackURLs: ['http://localhost:5173/'],
      RefreshTokenRotation: ENABLED,
      AccessTokenValidity: 15,
      // The units left out are AWS's defaults (cognito-local's made the ID token's minutes).
      TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'hours', RefreshToken: 'days' },
    });
    expect(writes).toEqual([['saveAppClient', UserPoolClient]]);
    expect(clients.get(UserPoolClient!.ClientId!)).toBe(UserPoolClient);
  });

  it("makes a secret only when GenerateSecret says, shaped as Cognito's", async () => {
    const { deps } = fakePoolStore({ pools: [POOL] });
    const plain = await createUserPoolClient(deps, ctx, { UserPoolId: POOL.Id, ClientName: 'web' });
    expect(plain.UserPoolClient).not.toHaveProperty('ClientSecret');
    const confidential = await createUserPoolClient(deps, ctx, { UserPoolId: POOL.Id, ClientName: 'server', GenerateSecret: true });
    expect(confidential.UserPoolClient?.ClientSecret).toMatch(/^[a-z0-9]{51}$/);
    expect(confidential.UserPoolClient?.ClientId).not.toBe(plain.UserPoolClient?.ClientId);
  });

  it('answers ResourceNotFoundException for a pool that does not exist, storing nothing', async () => {
    const { deps, writes } = fakePoolStore({ pools: [POOL] });
    const error = await rejection(createUserPoolClient(deps, ctx, { UserPoolId: 'eu-west-1_Nowhere', ClientName: 'web' }));
    expect(error.code).toBe('ResourceNotFoundException');
    expect(writes).toEqual([]);
  });

  // https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html#CognitoUserPools-CreateUserPoolClient-request-ExplicitAuthFlows
  it('refuses legacy ExplicitAuthFlows beside ALLOW_ ones, naming the legacy ones', async () => {
    const { deps, writes } = fakePoolStore({ pools: [POOL] });
    const ExplicitAuthFlows = ['USER_PASSWORD_AUTH' as const, 'ALLOW_REFRESH_TOKEN_AUTH' as const];
    const error = await rejection(createUserPoolClient(deps, ctx, { UserPoolId: POOL.Id, ClientName: 'web', ExplicitAuthFlows }));
    expect([error.code, error.message]).toEqual([
      'InvalidParameterException',
      'ExplicitAuthFlows cannot mix legacy values (USER_PASSWORD_AUTH) with ALLOW_ values: use ALLOW_ values only.',
    ]);
    expect(writes).toEqual([]);
  });

  it('takes legacy ExplicitAuthFlows alone, ALLOW_ values alone, and no list at all', async () => {
    const { deps } = fakePoolStore({ pools: [POOL] });
    const lists = [
      ['ADMIN_NO_SRP_AUTH', 'USER_PASSWORD_AUTH'] as const,
      ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] as const,
      undefined,
    ];
    for (const flows of lists) {
      const ExplicitAuthFlows = flows && [...flows];
      const { UserPoolClient } = await createUserPoolClient(deps, ctx, { UserPoolId: POOL.Id, ClientName: 'web', ExplicitAuthFlows });
      expect(UserPoolClient?.ExplicitAuthFlows).toEqual(ExplicitAuthFlows);
    }
  });

  // https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RefreshTokenRotationType.html
  it('refuses a grace period over 60 seconds before the client is made', async () => {
    const { deps, writes } = fakePoolStore({ pools: [POOL] });
    const RefreshTokenRotation = { Feature: 'ENABLED' as const, RetryGracePeriodSeconds: 90 };
    const error = await rejection(createUserPoolClient(deps, ctx, { UserPoolId: POOL.Id, ClientName: 'web', RefreshTokenRotation }));
    expect(error.code).toBe('InvalidParameterException');
    expect(writes).toEqual([]);
  });

  it('checks its rules before it looks for the pool: ExplicitAuthFlows, then RefreshTokenRotation', async () => {
    const { deps } = fakePoolStore({ pools: [POOL] });
    const RefreshTokenRotation = { Feature: 'ENABLED' as const, RetryGracePeriodSeconds: 90 };
    const both = { UserPoolId: 'eu-west-1_Nowhere', ClientName: 'web', RefreshTokenRotation };
    const mixed = await rejection(
      createUserPoolClient(deps, ctx, { ...both, ExplicitAuthFlows: ['USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH'] }),
    );
    expect(mixed.message).toMatch(/cannot mix legacy values/);
    expect((await rejection(createUserPoolClient(deps, ctx, both))).message).toMatch(/retryGracePeriodSeconds/);
  });
});
