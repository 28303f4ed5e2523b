import { describe, expect, it } from 'vitest';
import type { AppClient } from '../cognito-local.ts';
import { ctx, rejection } from '../testing/fake-cognito.ts';
import { fakePoolStore } from '../testing/fake-pool-store.ts';
import { NOW } from '../testing/operation-testbed.ts';
import { updateUserPoolClient } from './update-user-pool-client.ts';

const POOL = { Id: 'eu-west-1_Pool1' };
const ENABLED = { Feature: 'ENABLED' as const, RetryGracePeriodSeconds: 10 };

/** A confidential client with settings of its own, made a day before NOW. */
const web: AppClient = {
  ClientId: 'web0000000000000000000000a',
  ClientSecret: 'secret',
  ClientName: 'web',
  UserPoolId: POOL.Id,
  CreationDate: new Date('2026-12-06T12:00:00Z'),
  LastModifiedDate: new Date('2026-12-06T12:00:00Z'),
  ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'],
  CallbackURLs: ['http://localhost:5173/'],
  AccessTokenValidity: 15,
  TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'hours', RefreshToken: 'days' },
  RefreshTokenRotation: ENABLED,
};
const store = () => fakePoolStore({ pools: [POOL, { Id: 'eu-west-1_Pool2' }], clients: [web] });

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateUserPoolClient.html
// ("If you don't provide a value for an attribute, Amazon Cognito sets it to its default value").
describe('updateUserPoolClient', () => {
  it('sets back to its default each setting the request leaves out (rotation off), keeps id, secret, creation; saves once', async () => {
    const { deps, writes, clients } = store();
    const { UserPoolClient } = await updateUserPoolClient(deps, ctx, {
      UserPoolId: POOL.Id,
      ClientId: web.ClientId,
      ClientName: 'renamed',
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH'],
    });
    expect(UserPoolClient).toEqual({
      ClientId: web.ClientId,
      ClientSecret: 'secret',
      ClientName: 'renamed',
      UserPoolId: POOL.Id,
      CreationDate: web.CreationDate,
      LastModifiedDate: NOW,
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH'],
      TokenValidityUnits: { AccessToken: 'hours', IdToken: 'hours', RefreshToken: 'days' },
    });
    expect(writes).toEqual([['saveAppClient', UserPoolClient]]);
    expect(clients.get(web.ClientId)).toBe(UserPoolClient);
  });

  it('stores the RefreshTokenRotation it is given', async () => {
    const { deps, clients } = store();
    const RefreshTokenRotation = { Feature: 'ENABLED' as const, RetryGracePeriodSeconds: 60 };
    await updateUserPoolClient(deps, ctx, { UserPoolId: POOL.Id, ClientId: web.ClientId, RefreshTokenRotation });
    expect(clients.get(web.ClientId)?.RefreshTokenRotation).toEqual(RefreshTokenRotation);
  });

  it('keeps the name when the request gives none (a name has no default)', async () => {
    const { deps, clients } = store();
    await updateUserPoolClient(deps, ctx, { UserPoolId: POOL.Id, ClientId: web.ClientId });
    expect(clients.get(web.ClientId)).toMatchObject({ ClientName: 'web' });
    expect(clients.get(web.ClientId)).not.toHaveProperty('RefreshTokenRotation');
  });

  it.each([
    ['a client that does not exist', POOL.Id, 'nobody'],
    ["another pool's client", 'eu-west-1_Pool2', web.ClientId],
  ])('answers that %s does not exist, saving nothing', async (_case, UserPoolId, ClientId) => {
    const { deps, writes } = store();
    const error = await rejection(updateUserPoolClient(deps, ctx, { UserPoolId, ClientId, ClientName: 'x' }));
    expect([error.code, error.message]).toEqual(['ResourceNotFoundException', `User pool client ${ClientId} does not exist.`]);
    expect(writes).toEqual([]);
  });

  it('answers ResourceNotFoundException for a pool that does not exist', async () => {
    const { deps } = store();
    const error = await rejection(updateUserPoolClient(deps, ctx, { UserPoolId: 'eu-west-1_Nowhere', ClientId: web.ClientId }));
    expect(error.code).toBe('ResourceNotFoundException');
  });

  it('checks its rules first: ExplicitAuthFlows mixing legacy and ALLOW_ values, a grace period over 60 seconds', async () => {
    const { deps, writes } = store();
    const unknown = { UserPoolId: POOL.Id, ClientId: 'nobody' };
    const mixed = await rejection(
      updateUserPoolClient(deps, ctx, { ...unknown, ExplicitAuthFlows: ['ADMIN_NO_SRP_AUTH', 'ALLOW_USER_SRP_AUTH'] }),
    );
    expect([mixed.code, mixed.message]).toEqual([
      'InvalidParameterException',
      'ExplicitAuthFlows cannot mix legacy values (ADMIN_NO_SRP_AUTH) with ALLOW_ values: use ALLOW_ values only.',
    ]);
    const RefreshTokenRotation = { Feature: 'ENABLED' as const, RetryGracePeriodSeconds: 61 };
    expect((await rejection(updateUserPoolClient(deps, ctx, { ...unknown, RefreshTokenRotation }))).code).toBe('InvalidParameterException');
    expect(writes).toEqual([]);
  });
});
