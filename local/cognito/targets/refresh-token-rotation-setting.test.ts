import { describe, expect, it } from 'vitest';
import type { AppClient, Route, Services } from '../cognito-local.ts';
import { appClient, ctx, rejection } from '../testing/fake-cognito.ts';
import { keepRefreshTokenRotation } from './refresh-token-rotation-setting.ts';

/** cognito-local's client store, in memory: the operation under the rule stores what cognito-local would (no rotation). */
function clientStore() {
  const clients = new Map<string, AppClient>();
  const saves: AppClient[] = [];
  const pool = {
    saveAppClient: async (_ctx: unknown, client: AppClient) => {
      saves.push(client);
      clients.set(client.ClientId, client);
    },
  };
  const cognito = {
    getAppClient: async (_ctx: unknown, id: string) => clients.get(id) ?? null,
    getUserPoolForClientId: async () => pool,
  } as unknown as Services['cognito'];
  // cognito-local's Create/UpdateUserPoolClient: keeps what it stored before, knows nothing of rotation.
  const cognitoLocal: Route = async (_ctx, req) => {
    const { RefreshTokenRotation: _dropped, ...known } = req as Record<string, unknown>;
    const client = { ...clients.get('client-1'), ...appClient('client-1'), ...known } as AppClient;
    clients.set('client-1', client);
    return { UserPoolClient: { ClientId: client.ClientId, ClientName: client.ClientName } };
  };
  const run = (target: 'CreateUserPoolClient' | 'UpdateUserPoolClient' | 'DescribeUserPoolClient', req: object) =>
    keepRefreshTokenRotation({ cognito }, target)(cognitoLocal)(ctx, req) as Promise<{ UserPoolClient: Record<string, unknown> }>;
  return { run, saves };
}

const ENABLED = { Feature: 'ENABLED', RetryGracePeriodSeconds: 10 };

describe('keepRefreshTokenRotation', () => {
  it('stores the setting CreateUserPoolClient is given, and answers it there and in DescribeUserPoolClient', async () => {
    const { run } = clientStore();
    expect((await run('CreateUserPoolClient', { RefreshTokenRotation: ENABLED })).UserPoolClient.RefreshTokenRotation).toEqual(ENABLED);
    expect((await run('DescribeUserPoolClient', { ClientId: 'client-1' })).UserPoolClient.RefreshTokenRotation).toEqual(ENABLED);
  });

  it('sets it back to rotation off when UpdateUserPoolClient leaves it out, as Cognito does with every setting', async () => {
    const { run } = clientStore();
    await run('CreateUserPoolClient', { RefreshTokenRotation: ENABLED });
    expect((await run('UpdateUserPoolClient', { ClientName: 'renamed' })).UserPoolClient).not.toHaveProperty('RefreshTokenRotation');
    expect((await run('DescribeUserPoolClient', { ClientId: 'client-1' })).UserPoolClient).not.toHaveProperty('RefreshTokenRotation');
  });

  it('saves nothing more for a client that never had the setting', async () => {
    const { run, saves } = clientStore();
    await run('CreateUserPoolClient', {});
    await run('UpdateUserPoolClient', { ClientName: 'renamed' });
    expect(saves).toEqual([]);
  });

  it('refuses a grace period over 60 seconds before the client is made', async () => {
    const { run, saves } = clientStore();
    const error = await rejection(
      run('CreateUserPoolClient', { RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 90 } }),
    );
    expect(error.code).toBe('InvalidParameterException');
    expect(saves).toEqual([]);
  });
});
