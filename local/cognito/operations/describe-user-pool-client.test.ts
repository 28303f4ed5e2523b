import { describe, expect, it } from 'vitest';
import { ctx, rejection } from '../testing/fake-cognito.ts';
import { fakePoolStore } from '../testing/fake-pool-store.ts';
import { appClient } from '../testing/fake-cognito.ts';
import { describeUserPoolClient } from './describe-user-pool-client.ts';

const ENABLED = { Feature: 'ENABLED' as const, RetryGracePeriodSeconds: 10 };
const web = appClient('web', { UserPoolId: 'eu-west-1_Pool1', RefreshTokenRotation: ENABLED, ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH'] });
const store = () => fakePoolStore({ pools: [{ Id: 'eu-west-1_Pool1' }], clients: [web] });

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DescribeUserPoolClient.html
describe('describeUserPoolClient', () => {
  it('answers the client as stored, its RefreshTokenRotation with it', async () => {
    const { deps, writes } = store();
    const { UserPoolClient } = await describeUserPoolClient(deps, ctx, { UserPoolId: 'eu-west-1_Pool1', ClientId: 'web' });
    expect(UserPoolClient).toEqual(web);
    expect(UserPoolClient?.RefreshTokenRotation).toEqual(ENABLED);
    expect(writes).toEqual([]);
  });

  it.each([
    ['a client that does not exist', 'eu-west-1_Pool1', 'nobody'],
    ["another pool's client", 'eu-west-1_Pool2', 'web'],
  ])('answers that %s does not exist', async (_case, UserPoolId, ClientId) => {
    const error = await rejection(describeUserPoolClient(store().deps, ctx, { UserPoolId, ClientId }));
    expect([error.code, error.message]).toEqual(['ResourceNotFoundException', `User pool client ${ClientId} does not exist.`]);
  });
});
