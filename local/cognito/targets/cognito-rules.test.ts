import { type AppClient, CognitoError, type Route, type User, type UserPool } from '../cognito-local.ts';
import { describe, expect, it } from 'vitest';
import { appClient, ctx, fakeCognito, rejection } from '../testing/fake-cognito.ts';
import { enforcePasswordPolicy, refuseSelfSignUp } from './cognito-rules.ts';

type PasswordPolicy = NonNullable<UserPool['Policies']>['PasswordPolicy'];

const AWS_DEFAULT_POLICY = { MinimumLength: 8, RequireUppercase: true, RequireLowercase: true, RequireNumbers: true, RequireSymbols: true };

/** An email-as-username pool with `users`, `passwordPolicy` (none if null) and one app client, client-1. */
function fakePool(users: User[], passwordPolicy: PasswordPolicy | null = AWS_DEFAULT_POLICY, client: Partial<AppClient> = {}) {
  return fakeCognito({
    users,
    pool: { Id: 'local_Pool1', UsernameAttributes: ['email'], ...(passwordPolicy && { Policies: { PasswordPolicy: passwordPolicy } }) },
    clients: [appClient('client-1', client)],
  });
}

/** A wrapped route that records its calls and answers `answer`. */
function recordingRoute(answer: unknown = { UserSub: 'abc' }) {
  const calls: unknown[][] = [];
  const route: Route = async (...args) => {
    calls.push(args);
    return answer;
  };
  return { route, calls };
}

describe('enforcePasswordPolicy', () => {
  it.each([
    ['Sh0rt!', 'Password did not conform with policy: Password not long enough'],
    ['lower-only-1!', 'Password did not conform with policy: Password must have uppercase characters'],
    ['NoSymbols123', 'Password did not conform with policy: Password must have symbol characters'],
  ])("refuses %s with Cognito's message and never reaches the operation", async (password, message) => {
    const { services } = fakePool([]);
    const { route, calls } = recordingRoute();
    const error = await rejection(
      enforcePasswordPolicy(services)(route)(ctx, { ClientId: 'client-1', Username: 'ada@example.com', Password: password }),
    );
    expect(error.code).toBe('InvalidPasswordException');
    expect(error.message).toBe(message);
    expect(calls).toEqual([]);
  });

  it('refuses a request without a password as too short', async () => {
    const { services } = fakePool([]);
    const { route, calls } = recordingRoute();
    const error = await rejection(enforcePasswordPolicy(services)(route)(ctx, { ClientId: 'client-1', Username: 'ada@example.com' }));
    expect(error.code).toBe('InvalidPasswordException');
    expect(error.message).toBe('Password did not conform with policy: Password not long enough');
    expect(calls).toEqual([]);
  });

  it('passes a password that meets the policy to the operation and returns its answer', async () => {
    const { services } = fakePool([]);
    const { route, calls } = recordingRoute({ UserSub: 'abc' });
    const req = { ClientId: 'client-1', Username: 'ada@example.com', Password: 'Correct-Horse-1' };
    expect(await enforcePasswordPolicy(services)(route)(ctx, req)).toEqual({ UserSub: 'abc' });
    expect(calls).toEqual([[ctx, req]]);
  });

  it('lets any password through a pool without a password policy', async () => {
    const { services } = fakePool([], null);
    const { route, calls } = recordingRoute();
    await enforcePasswordPolicy(services)(route)(ctx, { ClientId: 'client-1', Username: 'ada@example.com', Password: 'abc' });
    expect(calls).toHaveLength(1);
  });
});

describe('refuseSelfSignUp', () => {
  it('refuses SignUp on a pool where only administrators create users, as Cognito does', () => {
    let error: unknown;
    try {
      refuseSelfSignUp({ Id: 'local_Pool1', AdminCreateUserConfig: { AllowAdminCreateUserOnly: true } });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CognitoError);
    expect((error as CognitoError).code).toBe('NotAuthorizedException');
    expect((error as CognitoError).message).toBe('SignUp is not permitted for this user pool');
  });

  it('lets SignUp through on a pool that allows it', () => {
    expect(() => refuseSelfSignUp({ Id: 'local_Pool1', AdminCreateUserConfig: { AllowAdminCreateUserOnly: false } })).not.toThrow();
  });
});
