import { describe, expect, it } from 'vitest';
import { ctx, fakeCognito, poolUser, rejection } from '../testing/fake-cognito.ts';
import { adminUserAsCognito } from './admin-users.ts';

const ada = poolUser('4f1c2a4e-0000-4000-8000-000000000001', 'ada@example.com', 'CONFIRMED');

describe('adminUserAsCognito', () => {
  const services = () => fakeCognito({ users: [ada], pool: { Id: 'local_Pool1', UsernameAttributes: ['email'] } }).services;

  it.each([
    ['the username', ada.Username],
    ['the email of a pool whose usernames are emails', 'ada@example.com'],
  ])("hands cognito-local's route the user's own username when named by %s", async (_case, Username) => {
    const route = adminUserAsCognito(services())(async (_ctx, req) => req);
    expect(await route(ctx, { UserPoolId: 'local_Pool1', Username, GroupName: 'admins' })).toEqual({
      UserPoolId: 'local_Pool1',
      Username: ada.Username,
      GroupName: 'admins',
    });
  });

  it('answers UserNotFoundException "User does not exist." for a user the pool does not hold', async () => {
    const route = adminUserAsCognito(services())(async () => ({}));
    const error = await rejection(route(ctx, { UserPoolId: 'local_Pool1', Username: 'grace@example.com' }));
    expect([error.code, error.message]).toEqual(['UserNotFoundException', 'User does not exist.']);
  });
});
