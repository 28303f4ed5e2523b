import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CognitoError, NotAuthorizedError, type Route } from '../cognito-local.ts';
import { appClient, ctx, fakeCognito, poolUser, rejection } from '../testing/fake-cognito.ts';
import {
  afterFailure,
  clearPasswordFailures,
  failuresAt,
  type LockableUser,
  lockOutRepeatedFailures,
  lockoutMs,
  passwordUse,
} from './lockout.ts';

const ada = poolUser('ada', 'ada@example.com', 'CONFIRMED');
const fakePool = () => fakeCognito({ users: [ada], pool: { UsernameAttributes: ['email'] }, clients: [appClient('client-1')] });

/** A password check: right for `Correct-Horse-1`, else Cognito's wrong-password answer. */
const checkPassword: Route = async (_ctx, req) => {
  if (req.AuthParameters.PASSWORD !== 'Correct-Horse-1') throw new NotAuthorizedError('Incorrect username or password.');
  return { AuthenticationResult: {} };
};
const signIn = (PASSWORD: string) => ({
  ClientId: 'client-1',
  AuthFlow: 'USER_PASSWORD_AUTH',
  AuthParameters: { USERNAME: 'ada@example.com', PASSWORD },
});

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2024-06-18T15:00:00Z'), toFake: ['Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the lockout arithmetic', () => {
  it('locks from the fifth failure for 2^(n-5) s, at most 15 minutes', () => {
    expect([4, 5, 6, 7, 14, 15, 30].map(lockoutMs)).toEqual([0, 1000, 2000, 4000, 512_000, 900_000, 900_000]);
  });

  it('forgets a run 15 minutes after the last attempt once it reached a lockout, not before', () => {
    const locked = { count: 5, lockedUntil: 1000, lastAttemptAt: 0 };
    expect(failuresAt(locked, 15 * 60_000 - 1)).toBe(locked);
    expect(failuresAt(locked, 15 * 60_000)).toBeUndefined();
    expect(failuresAt({ count: 4, lockedUntil: 0, lastAttemptAt: 0 }, 60 * 60_000)?.count).toBe(4);
    expect(afterFailure(locked, 15 * 60_000)).toEqual({ count: 1, lockedUntil: 15 * 60_000, lastAttemptAt: 15 * 60_000 });
  });

  it('knows which requests check a password and which start an SRP exchange', () => {
    expect(passwordUse('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH' })).toBe('checks');
    expect(passwordUse('AdminInitiateAuth', { AuthFlow: 'ADMIN_NO_SRP_AUTH' })).toBe('checks');
    expect(passwordUse('InitiateAuth', { AuthFlow: 'USER_SRP_AUTH' })).toBe('starts');
    expect(passwordUse('InitiateAuth', { AuthFlow: 'USER_AUTH', AuthParameters: { PREFERRED_CHALLENGE: 'PASSWORD' } })).toBe('checks');
    expect(passwordUse('InitiateAuth', { AuthFlow: 'USER_AUTH', AuthParameters: { PREFERRED_CHALLENGE: 'PASSWORD_SRP' } })).toBe('starts');
    expect(passwordUse('RespondToAuthChallenge', { ChallengeName: 'PASSWORD_VERIFIER' })).toBe('checks');
    expect(
      passwordUse('AdminRespondToAuthChallenge', { ChallengeName: 'SELECT_CHALLENGE', ChallengeResponses: { ANSWER: 'PASSWORD' } }),
    ).toBe('checks');
    expect(
      passwordUse('RespondToAuthChallenge', { ChallengeName: 'SELECT_CHALLENGE', ChallengeResponses: { ANSWER: 'PASSWORD_SRP' } }),
    ).toBe('starts');
    expect(passwordUse('InitiateAuth', { AuthFlow: 'CUSTOM_AUTH' })).toBeUndefined();
    expect(passwordUse('InitiateAuth', { AuthFlow: 'REFRESH_TOKEN_AUTH' })).toBeUndefined();
    expect(passwordUse('RespondToAuthChallenge', { ChallengeName: 'CUSTOM_CHALLENGE' })).toBeUndefined();
  });
});

describe('lockOutRepeatedFailures', () => {
  it('answers `Password attempts exceeded` after five wrong passwords, even to the right one, until the lockout ends', async () => {
    const fake = fakePool();
    const attempt = (password: string) => lockOutRepeatedFailures(fake.services, 'InitiateAuth')(checkPassword)(ctx, signIn(password));
    for (let i = 0; i < 5; i++) expect((await rejection(attempt('wrong'))).message).toBe('Incorrect username or password.');
    const locked = await rejection(attempt('Correct-Horse-1'));
    expect([locked.code, locked.message]).toEqual(['NotAuthorizedException', 'Password attempts exceeded']);
    expect((fake.stored.get('ada') as LockableUser).PasswordFailures?.count).toBe(5);

    vi.setSystemTime(Date.now() + 1000);
    expect((await rejection(attempt('wrong'))).message).toBe('Incorrect username or password.');
    expect((fake.stored.get('ada') as LockableUser).PasswordFailures).toMatchObject({ count: 6, lockedUntil: Date.now() + 2000 });
    vi.setSystemTime(Date.now() + 1999);
    expect((await rejection(attempt('Correct-Horse-1'))).message).toBe('Password attempts exceeded');
    vi.setSystemTime(Date.now() + 1);
    await expect(attempt('Correct-Horse-1')).resolves.toEqual({ AuthenticationResult: {} });
    expect((fake.stored.get('ada') as LockableUser).PasswordFailures).toBeUndefined();
  });

  it('counts cognito-local’s own wrong-password error and no other failure', async () => {
    const fake = fakePool();
    const failing =
      (error: Error): Route =>
      async () => {
        throw error;
      };
    const attempt = (route: Route) => rejection(lockOutRepeatedFailures(fake.services, 'InitiateAuth')(route)(ctx, signIn('x')));
    await attempt(failing(new CognitoError('InvalidPasswordException', 'Invalid password')));
    await attempt(failing(new CognitoError('UserNotConfirmedException', 'User is not confirmed.')));
    await attempt(failing(new NotAuthorizedError('User is disabled.')));
    expect((fake.stored.get('ada') as LockableUser).PasswordFailures?.count).toBe(1);
  });

  it('refuses a locked user the start of an SRP exchange, and leaves refresh and unknown users alone', async () => {
    const fake = fakePool();
    await fake.userPool.saveUser(ctx, {
      ...ada,
      PasswordFailures: { count: 5, lockedUntil: Date.now() + 1000, lastAttemptAt: Date.now() },
    } as LockableUser);
    const passed: Route = async () => ({ passed: true });
    const gate = lockOutRepeatedFailures(fake.services, 'InitiateAuth')(passed);
    expect((await rejection(gate(ctx, { ...signIn(''), AuthFlow: 'USER_SRP_AUTH' }))).message).toBe('Password attempts exceeded');
    await expect(
      gate(ctx, { ClientId: 'client-1', AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: 'r' } }),
    ).resolves.toEqual({
      passed: true,
    });
    await expect(gate(ctx, { ...signIn('x'), AuthParameters: { USERNAME: 'nobody', PASSWORD: 'x' } })).resolves.toEqual({ passed: true });
  });

  it('clearPasswordFailures forgets a lockout; false for an unknown user', async () => {
    const fake = fakePool();
    await fake.userPool.saveUser(ctx, {
      ...ada,
      PasswordFailures: { count: 9, lockedUntil: Date.now() + 60_000, lastAttemptAt: Date.now() },
    } as LockableUser);
    expect(await clearPasswordFailures(fake.services, ctx, 'local_Pool1', 'ada@example.com')).toBe(true);
    expect((fake.stored.get('ada') as LockableUser).PasswordFailures).toBeUndefined();
    expect(await clearPasswordFailures(fake.services, ctx, 'local_Pool1', 'nobody')).toBe(false);
    await expect(clearPasswordFailures(fake.services, ctx, 'local_Other', 'ada')).rejects.toThrow('User Pool local_Other not found');
  });
});
