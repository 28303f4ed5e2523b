import type { GetTokensFromRefreshTokenCommandInput } from '@aws-sdk/client-cognito-identity-provider';
import { CognitoError, ResourceNotFoundError } from 'cognito-local/lib/errors.js';
import type { AppClient } from 'cognito-local/lib/services/appClient.js';
import type { Context } from 'cognito-local/lib/services/context.js';
import type { Services } from 'cognito-local/lib/services/index.js';
import type { User } from 'cognito-local/lib/services/userPoolService.js';
import { describe, expect, it } from 'vitest';
import { GetTokensFromRefreshToken } from './get-tokens-from-refresh-token.ts';

const ctx = { logger: { debug() {}, info() {}, warn() {}, error() {} } } as unknown as Context;

const client: AppClient = {
  ClientId: 'client-1',
  ClientName: 'web',
  UserPoolId: 'local_Pool1',
  CreationDate: new Date(0),
  LastModifiedDate: new Date(0),
};

const ada: User = {
  Username: '4f1c2a4e-0000-4000-8000-000000000001',
  Password: 'Correct-Horse-1',
  UserStatus: 'CONFIRMED',
  Enabled: true,
  Attributes: [{ Name: 'email', Value: 'ada@example.com' }],
  RefreshTokens: ['refresh-ada-1', 'refresh-ada-2'],
  UserCreateDate: new Date(0),
  UserLastModifiedDate: new Date(0),
};

/** cognito-local's services, in memory: one pool, one client, one user in 'admins'. */
function fakeServices() {
  const generated: unknown[][] = [];
  const userPool = {
    options: { Id: 'local_Pool1' },
    getUserByRefreshToken: async (_ctx: Context, token: string) => (ada.RefreshTokens.includes(token) ? ada : null),
    listUserGroupMembership: async (_ctx: Context, user: User) => (user.Username === ada.Username ? ['admins'] : []),
  };
  const cognito = {
    getAppClient: async (_ctx: Context, clientId: string) => (clientId === client.ClientId ? client : null),
    getUserPoolForClientId: async (_ctx: Context, clientId: string) => {
      if (clientId !== client.ClientId) throw new ResourceNotFoundError(`App Client ${clientId} not found`);
      return userPool;
    },
  };
  const tokenGenerator = {
    generate: async (...args: unknown[]) => {
      generated.push(args);
      return { AccessToken: 'new-access-token', IdToken: 'new-id-token', RefreshToken: 'rotated-refresh-token' };
    },
  };
  const services = { cognito, tokenGenerator } as unknown as Pick<Services, 'cognito' | 'tokenGenerator'>;
  return { services, generated };
}

async function rejection(promise: Promise<unknown>): Promise<CognitoError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(CognitoError);
    return error as CognitoError;
  }
  throw new Error('the operation did not fail');
}

describe('GetTokensFromRefreshToken', () => {
  it('issues new ID and access tokens for a refresh token the pool stored', async () => {
    const { services, generated } = fakeServices();
    const result = await GetTokensFromRefreshToken(services)(ctx, {
      ClientId: 'client-1',
      RefreshToken: 'refresh-ada-2',
      ClientMetadata: { origin: 'test' },
    });
    expect(result).toStrictEqual({
      AuthenticationResult: { AccessToken: 'new-access-token', IdToken: 'new-id-token', TokenType: 'Bearer' },
    });
    expect(generated).toEqual([[ctx, ada, ['admins'], client, { origin: 'test' }, 'RefreshTokens']]);
  });

  it('keeps the client\'s refresh token: none is returned', async () => {
    const { services } = fakeServices();
    const result = await GetTokensFromRefreshToken(services)(ctx, { ClientId: 'client-1', RefreshToken: 'refresh-ada-1' });
    expect(result.AuthenticationResult).not.toHaveProperty('RefreshToken');
  });

  it('refuses a refresh token the pool does not hold (revoked or never issued)', async () => {
    const { services, generated } = fakeServices();
    const error = await rejection(GetTokensFromRefreshToken(services)(ctx, { ClientId: 'client-1', RefreshToken: 'refresh-revoked' }));
    expect(error.code).toBe('NotAuthorizedException');
    expect(error.message).toBe('Refresh Token has been revoked');
    expect(generated).toEqual([]);
  });

  it('refuses an unknown app client', async () => {
    const { services, generated } = fakeServices();
    const error = await rejection(GetTokensFromRefreshToken(services)(ctx, { ClientId: 'client-unknown', RefreshToken: 'refresh-ada-1' }));
    expect(error.code).toBe('NotAuthorizedException');
    expect(error.message).toBe('Invalid Refresh Token');
    expect(generated).toEqual([]);
  });

  // Requests arrive as JSON from any client, so a "required" field may well be missing.
  it('refuses a request without a refresh token', async () => {
    const { services, generated } = fakeServices();
    const error = await rejection(GetTokensFromRefreshToken(services)(ctx, { ClientId: 'client-1' } as GetTokensFromRefreshTokenCommandInput));
    expect(error.code).toBe('NotAuthorizedException');
    expect(error.message).toBe('Invalid Refresh Token');
    expect(generated).toEqual([]);
  });

  it('refuses a request without a client id', async () => {
    const { services } = fakeServices();
    const error = await rejection(GetTokensFromRefreshToken(services)(ctx, { RefreshToken: 'refresh-ada-1' } as GetTokensFromRefreshTokenCommandInput));
    expect(error.code).toBe('NotAuthorizedException');
  });
});
