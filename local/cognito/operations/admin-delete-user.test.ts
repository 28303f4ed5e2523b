import { describe, expect, it } from 'vitest';
import { signedAccessToken } from '../testing/access-token.ts';
import { ctx, fakeCognito, poolUser, rejection } from '../testing/fake-cognito.ts';
import { accessTokenUser } from '../rules/access-tokens.ts';
import { adminDeleteUser } from './admin-delete-user.ts';

const SUB = '4f1c2a4e-0000-4000-8000-000000000001';
const ada = poolUser(SUB, 'ada@example.com', 'CONFIRMED');
const bob = poolUser('bob', 'bob@example.com', 'CONFIRMED');
const fake = () => fakeCognito({ users: [ada, bob], pool: { UsernameAttributes: ['email'] } });

describe('adminDeleteUser', () => {
  it('deletes the user named by email, and only them; their access token then finds no user', async () => {
    const { services, stored, saved } = fake();
    const token = signedAccessToken(SUB, 'client-1');
    expect(await adminDeleteUser(services, ctx, { UserPoolId: 'local_Pool1', Username: 'ada@example.com' })).toEqual({});
    expect([...stored.keys()]).toEqual(['bob']);
    expect(saved).toEqual([]);
    expect((await rejection(accessTokenUser(services, ctx, token))).code).toBe('NotAuthorizedException');
  });

  it('answers UserNotFoundException "User does not exist." for a user the pool does not hold, and deletes nobody', async () => {
    const { services, stored } = fake();
    const error = await rejection(adminDeleteUser(services, ctx, { UserPoolId: 'local_Pool1', Username: 'grace@example.com' }));
    expect([error.code, error.message]).toEqual(['UserNotFoundException', 'User does not exist.']);
    expect(stored.size).toBe(2);
  });
});
