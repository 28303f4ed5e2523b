import { CognitoError } from 'cognito-local/lib/errors.js';
import type { Context } from 'cognito-local/lib/services/context.js';
import type { Services } from 'cognito-local/lib/services/index.js';
import { attributesIncludeMatch, type User } from 'cognito-local/lib/services/userPoolService.js';
import { describe, expect, it } from 'vitest';
import { ResendConfirmationCode } from './resend-confirmation-code.ts';

const ctx = { logger: { debug() {}, info() {}, warn() {}, error() {} } } as unknown as Context;

function user(username: string, email: string, status: User['UserStatus']): User {
  return {
    Username: username,
    Password: 'Correct-Horse-1',
    UserStatus: status,
    Enabled: true,
    Attributes: [
      { Name: 'sub', Value: username },
      { Name: 'email', Value: email },
    ],
    ConfirmationCode: '111111',
    RefreshTokens: [],
    UserCreateDate: new Date(0),
    UserLastModifiedDate: new Date(0),
  };
}

const pending = user('0a1b2c3d-0000-4000-8000-000000000001', 'pending@example.com', 'UNCONFIRMED');
const confirmed = user('0a1b2c3d-0000-4000-8000-000000000002', 'ada@example.com', 'CONFIRMED');

/** One email-as-username pool (as cognito-local finds users: by username, sub or email) and its client. */
function fakeServices(autoVerifiedAttributes: string[] = ['email']) {
  const saved: User[] = [];
  const delivered: unknown[][] = [];
  const users = [pending, confirmed];
  const userPool = {
    options: { Id: 'local_Pool1', AutoVerifiedAttributes: autoVerifiedAttributes },
    getUserByUsername: async (_ctx: Context, username: string) =>
      users.find(
        (candidate) =>
          candidate.Username === username ||
          attributesIncludeMatch('sub', username, candidate.Attributes) ||
          attributesIncludeMatch('email', username, candidate.Attributes),
      ) ?? null,
    saveUser: async (_ctx: Context, changed: User) => {
      saved.push(changed);
    },
  };
  const services = {
    cognito: { getUserPoolForClientId: async () => userPool },
    messages: {
      deliver: async (...args: unknown[]) => {
        delivered.push(args);
      },
    },
    otp: () => '654321',
  } as unknown as Pick<Services, 'cognito' | 'messages' | 'otp'>;
  return { services, saved, delivered };
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

const emailDelivery = { AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: 'pending@example.com' };

describe('ResendConfirmationCode', () => {
  it('saves a new code on an unconfirmed user and says where it was sent', async () => {
    const { services, saved } = fakeServices();
    const result = await ResendConfirmationCode(services)(ctx, { ClientId: 'client-1', Username: 'pending@example.com' });
    expect(result).toStrictEqual({ CodeDeliveryDetails: emailDelivery });
    expect(saved).toEqual([{ ...pending, ConfirmationCode: '654321' }]);
  });

  it('delivers the new code by email, as a resent code', async () => {
    const { services, delivered } = fakeServices();
    await ResendConfirmationCode(services)(ctx, { ClientId: 'client-1', Username: 'pending@example.com', ClientMetadata: { lang: 'en' } });
    expect(delivered).toEqual([
      [ctx, 'ResendCode', 'client-1', 'local_Pool1', expect.objectContaining({ Username: pending.Username }), '654321', { lang: 'en' }, emailDelivery],
    ]);
  });

  it('refuses a user who is already confirmed, sending nothing', async () => {
    const { services, saved, delivered } = fakeServices();
    const error = await rejection(ResendConfirmationCode(services)(ctx, { ClientId: 'client-1', Username: 'ada@example.com' }));
    expect(error.code).toBe('InvalidParameterException');
    expect(error.message).toBe('User is already confirmed.');
    expect(saved).toEqual([]);
    expect(delivered).toEqual([]);
  });

  it('refuses an unknown user', async () => {
    const { services, saved, delivered } = fakeServices();
    const error = await rejection(ResendConfirmationCode(services)(ctx, { ClientId: 'client-1', Username: 'nobody@example.com' }));
    expect(error.code).toBe('UserNotFoundException');
    expect(error.message).toBe('Username/client id combination not found.');
    expect(saved).toEqual([]);
    expect(delivered).toEqual([]);
  });

  it('refuses when the pool verifies no attribute the user has', async () => {
    const { services, saved, delivered } = fakeServices([]);
    const error = await rejection(ResendConfirmationCode(services)(ctx, { ClientId: 'client-1', Username: 'pending@example.com' }));
    expect(error.code).toBe('InvalidParameterException');
    expect(error.message).toBe('Auto verification not turned on.');
    expect(saved).toEqual([]);
    expect(delivered).toEqual([]);
  });
});
