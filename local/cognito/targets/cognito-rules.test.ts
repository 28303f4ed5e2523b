import {
  type AppClient,
  attributesToRecord,
  CodeMismatchError,
  CognitoError,
  type Route,
  type User,
  type UserPool,
  type UserPoolService,
} from '../cognito-local.ts';
import { describe, expect, it } from 'vitest';
import { appClient, ctx, fakeCognito, poolUser, rejection } from '../testing/fake-cognito.ts';
import { confirmSignUpAsCognito, enforcePasswordPolicy, refuseSelfSignUpWhenAdminOnly } from './cognito-rules.ts';

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

describe('confirmSignUpAsCognito', () => {
  const ada = poolUser('0a1b2c3d-0000-4000-8000-000000000001', 'ada@example.com', 'CONFIRMED');
  const pending = () =>
    poolUser('0a1b2c3d-0000-4000-8000-000000000002', 'pending@example.com', 'UNCONFIRMED', {
      ConfirmationCode: '123456',
      Attributes: [
        { Name: 'sub', Value: '0a1b2c3d-0000-4000-8000-000000000002' },
        { Name: 'email', Value: 'pending@example.com' },
        { Name: 'email_verified', Value: 'false' },
      ],
    });

  /** cognito-local's ConfirmSignUp, reduced to what it does to the stored user. */
  function confirmSignUpRoute(userPool: UserPoolService) {
    const calls: unknown[] = [];
    const route: Route = async (routeCtx, req) => {
      calls.push(req);
      const found = await userPool.getUserByUsername(routeCtx, req.Username);
      if (!found) throw new CognitoError('NotAuthorizedException', 'User not authorized');
      if (found.ConfirmationCode !== req.ConfirmationCode) throw new CodeMismatchError();
      await userPool.saveUser(routeCtx, { ...found, UserStatus: 'CONFIRMED', ConfirmationCode: undefined });
      return {};
    };
    return { route, calls };
  }

  it('tells a confirmed user their status, as Cognito does, without reaching the operation', async () => {
    const { services, userPool, saved } = fakePool([ada]);
    const { route, calls } = confirmSignUpRoute(userPool);
    const error = await rejection(
      confirmSignUpAsCognito(services)(route)(ctx, { ClientId: 'client-1', Username: 'ada@example.com', ConfirmationCode: '123456' }),
    );
    expect(error.code).toBe('NotAuthorizedException');
    expect(error.message).toBe('User cannot be confirmed. Current status is CONFIRMED');
    expect(calls).toEqual([]);
    expect(saved).toEqual([]);
  });

  it('marks the email verified once the code confirms the user', async () => {
    const { services, userPool, stored } = fakePool([pending()]);
    const { route } = confirmSignUpRoute(userPool);
    const result = await confirmSignUpAsCognito(services)(route)(ctx, {
      ClientId: 'client-1',
      Username: 'pending@example.com',
      ConfirmationCode: '123456',
    });
    expect(result).toEqual({});
    const confirmed = stored.get('0a1b2c3d-0000-4000-8000-000000000002');
    expect(confirmed?.UserStatus).toBe('CONFIRMED');
    expect(confirmed?.ConfirmationCode).toBeUndefined();
    expect(confirmed?.Attributes.filter((attribute) => attribute.Name === 'email_verified')).toEqual([
      { Name: 'email_verified', Value: 'true' },
    ]);
    expect(attributesToRecord(confirmed?.Attributes)).toEqual({
      sub: '0a1b2c3d-0000-4000-8000-000000000002',
      email: 'pending@example.com',
      email_verified: 'true',
    });
  });

  it('leaves the email unverified when the code is wrong', async () => {
    const { services, userPool, saved } = fakePool([pending()]);
    const { route } = confirmSignUpRoute(userPool);
    const error = await rejection(
      confirmSignUpAsCognito(services)(route)(ctx, { ClientId: 'client-1', Username: 'pending@example.com', ConfirmationCode: '000000' }),
    );
    expect(error.code).toBe('CodeMismatchException');
    expect(saved).toEqual([]);
  });

  it("leaves an unknown user to the operation's own answer", async () => {
    const { services, userPool, saved } = fakePool([]);
    const { route, calls } = confirmSignUpRoute(userPool);
    const error = await rejection(
      confirmSignUpAsCognito(services)(route)(ctx, { ClientId: 'client-1', Username: 'nobody@example.com', ConfirmationCode: '123456' }),
    );
    expect(error.code).toBe('NotAuthorizedException');
    expect(error.message).toBe('User not authorized');
    expect(calls).toHaveLength(1);
    expect(saved).toEqual([]);
  });
});

describe('refuseSelfSignUpWhenAdminOnly', () => {
  const signUp = { ClientId: 'client-1', Username: 'ada@example.com', Password: 'Passw0rd!' };

  it('refuses SignUp on a pool where only administrators create users, as Cognito does', async () => {
    const { services } = fakeCognito({
      pool: { AdminCreateUserConfig: { AllowAdminCreateUserOnly: true } },
      clients: [appClient('client-1')],
    });
    const { route, calls } = recordingRoute();
    const error = await rejection(refuseSelfSignUpWhenAdminOnly(services)(route)(ctx, signUp));
    expect(error.code).toBe('NotAuthorizedException');
    expect(error.message).toBe('SignUp is not permitted for this user pool');
    expect(calls).toEqual([]);
  });

  it('lets SignUp through on a pool that allows it', async () => {
    const { services } = fakeCognito({
      pool: { AdminCreateUserConfig: { AllowAdminCreateUserOnly: false } },
      clients: [appClient('client-1')],
    });
    const { route, calls } = recordingRoute();
    await refuseSelfSignUpWhenAdminOnly(services)(route)(ctx, signUp);
    expect(calls).toHaveLength(1);
  });
});
