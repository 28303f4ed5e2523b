import { OffsetClock } from '../../clock.ts';
import {
  type AppClient,
  attributesIncludeMatch,
  CognitoError,
  type CognitoService,
  type Context,
  emulatorClock,
  type LogService,
  ResourceNotFoundError,
  type Services,
  type TokenGenerator,
  type Tokens,
  type User,
  type UserPool,
  type UserPoolService,
} from '../cognito-local.ts';
import type { PoolMessages } from '../dev-inbox.ts';

import { signInRefreshToken } from './access-token.ts';

const silent: LogService = { child: () => silent, debug() {}, info() {}, warn() {}, error() {} };

/** The request context cognito-local hands a route, with a logger that says nothing. */
export const ctx: Context = { logger: silent };

/**
 * A user as cognito-local stores one: `sub` is the username; password Correct-Horse-1 unless
 * `extra` says; signed in once (signedAccessToken's tokens are theirs) unless `extra` has RefreshTokens.
 */
export function poolUser(username: string, email: string, status: User['UserStatus'], extra: Partial<User> = {}): User {
  return {
    Username: username,
    Password: 'Correct-Horse-1',
    UserStatus: status,
    Enabled: true,
    Attributes: [
      { Name: 'sub', Value: username },
      { Name: 'email', Value: email },
    ],
    RefreshTokens: [signInRefreshToken()],
    UserCreateDate: new Date(0),
    UserLastModifiedDate: new Date(0),
    ...extra,
  };
}

/**
 * A user as poolUser makes one, CONFIRMED unless `extra` says, whose attributes are `sub` (the
 * username) and `attributes`, by name, in that order.
 */
export function userWithAttributes(username: string, attributes: Readonly<Record<string, string>>, extra: Partial<User> = {}): User {
  return poolUser(username, attributes.email ?? '', 'CONFIRMED', {
    Attributes: Object.entries({ sub: username, ...attributes }).map(([Name, Value]) => ({ Name, Value })),
    ...extra,
  });
}

/** An app client as cognito-local stores one, in pool local_Pool1 unless `extra` says. */
export function appClient(clientId: string, extra: Partial<AppClient> = {}): AppClient {
  return {
    ClientId: clientId,
    ClientName: clientId,
    UserPoolId: 'local_Pool1',
    CreationDate: new Date(0),
    LastModifiedDate: new Date(0),
    ...extra,
  };
}

/** What the fake starts from. Anything left out is absent: no users, no clients, no groups. */
export interface FakeCognitoOptions {
  /** The pool's users. */
  readonly users?: readonly User[];
  /** The pool's settings; `Id` is local_Pool1 unless given. */
  readonly pool?: Partial<UserPool>;
  /** The app clients cognito-local knows; any other client id is not found. */
  readonly clients?: readonly AppClient[];
  /** Each group's members, by username: `{ admins: [ada.Username] }`. */
  readonly groups?: Readonly<Record<string, readonly string[]>>;
  /** What the token generator issues; without it, issuing tokens fails the test. */
  readonly tokens?: Tokens;
  /** The code `otp()` makes; without it, making a code fails the test. */
  readonly otp?: string;
  /** The real time under the fake's clock (epoch ms); the real time itself unless given. */
  readonly realNow?: () => number;
}

/** The fake's services, and what they were asked to do. */
export interface FakeCognito {
  readonly services: Pick<Services, 'clock' | 'cognito' | 'otp' | 'tokenGenerator'> & { readonly messages: PoolMessages };
  /** The services' clock: a test moves it forward instead of waiting. */
  readonly clock: OffsetClock;
  readonly userPool: UserPoolService;
  /** The pool's users as they are now, by username. */
  readonly stored: ReadonlyMap<string, User>;
  /** Every user `saveUser` was given, in order. */
  readonly saved: User[];
  /** Every pool id `getUserPool` was asked for. */
  readonly poolsAsked: string[];
  /** Every call of `tokenGenerator.generate`. */
  readonly generated: Parameters<TokenGenerator['generate']>[];
  /** Every `storeRefreshToken`, as [token, username]; the user itself is left as it was. */
  readonly storedRefreshTokens: Array<[string, string]>;
  /** Every call of `messages.deliver` (the pool last, when the operation named it). */
  readonly delivered: Parameters<PoolMessages['deliver']>[];
}

/** The part of cognito-local's user pool service the local targets use. */
type FakeUserPool = Pick<
  UserPoolService,
  | 'options'
  | 'getUserByUsername'
  | 'getUserByRefreshToken'
  | 'listUsers'
  | 'listUserGroupMembership'
  | 'saveUser'
  | 'deleteUser'
  | 'storeRefreshToken'
  | 'updateUser'
  | 'updateOptions'
>;

/**
 * cognito-local's services in memory: one user pool that finds users as cognito-local does (by
 * username, then `sub`, then `email` when the pool's UsernameAttributes include it), its app
 * clients, a token generator, message delivery and codes, each recording what it was asked.
 */
export function fakeCognito(options: FakeCognitoOptions = {}): FakeCognito {
  const stored = new Map((options.users ?? []).map((user) => [user.Username, user]));
  const clients = options.clients ?? [];
  const groups = options.groups ?? {};
  const recorded: Omit<FakeCognito, 'services' | 'clock' | 'userPool' | 'stored'> = {
    saved: [],
    poolsAsked: [],
    generated: [],
    storedRefreshTokens: [],
    delivered: [],
  };
  const poolOptions: UserPool = { Id: 'local_Pool1', ...options.pool };
  const fakePool: Omit<FakeUserPool, 'options'> & { options: UserPool } = {
    options: poolOptions,
    getUserByUsername: async (_ctx, username) =>
      stored.get(username) ??
      [...stored.values()].find(
        (user) =>
          attributesIncludeMatch('sub', username, user.Attributes) ||
          (poolOptions.UsernameAttributes?.includes('email') === true && attributesIncludeMatch('email', username, user.Attributes)),
      ) ??
      null,
    getUserByRefreshToken: async (_ctx, token) => [...stored.values()].find((user) => user.RefreshTokens.includes(token)) ?? null,
    listUsers: async () => [...stored.values()],
    listUserGroupMembership: async (_ctx, user) =>
      Object.keys(groups)
        .filter((group) => groups[group]!.includes(user.Username))
        .sort(),
    saveUser: async (_ctx, user) => {
      recorded.saved.push(user);
      stored.set(user.Username, user);
    },
    deleteUser: async (_ctx, user) => {
      stored.delete(user.Username);
    },
    storeRefreshToken: async (_ctx, token, user) => {
      recorded.storedRefreshTokens.push([token, user.Username]);
    },
    updateUser: async (ctx, username, change) => {
      const current = await fakePool.getUserByUsername(ctx, username);
      if (!current) return null;
      const changed = change(current);
      await fakePool.saveUser(ctx, changed);
      return changed;
    },
    updateOptions: async (_ctx, updated) => {
      fakePool.options = updated;
    },
  };
  // The code under test calls only FakeUserPool's methods; any other call fails as not a function.
  const userPool = fakePool as UserPoolService;
  const cognito: Pick<CognitoService, 'getAppClient' | 'getUserPool' | 'getUserPoolForClientId'> = {
    getAppClient: async (_ctx, clientId) => clients.find((client) => client.ClientId === clientId) ?? null,
    getUserPool: async (_ctx, id) => {
      recorded.poolsAsked.push(id);
      if (id !== poolOptions.Id) throw new ResourceNotFoundError(`User Pool ${id} not found`);
      return userPool;
    },
    getUserPoolForClientId: async (_ctx, clientId) => {
      if (!clients.some((client) => client.ClientId === clientId)) throw new ResourceNotFoundError(`App Client ${clientId} not found`);
      return userPool;
    },
  };
  const clock = new OffsetClock(options.realNow);
  const services: FakeCognito['services'] = {
    clock: emulatorClock(clock),
    cognito: cognito as CognitoService,
    tokenGenerator: {
      generate: async (...args) => {
        recorded.generated.push(args);
        if (!options.tokens) throw new Error('fakeCognito was given no `tokens` to issue');
        return options.tokens;
      },
    },
    messages: {
      deliver: async (...args) => {
        recorded.delivered.push(args);
      },
    },
    otp: () => {
      if (options.otp === undefined) throw new Error('fakeCognito was given no `otp` code to make');
      return options.otp;
    },
  };
  return { services, clock, userPool, stored, ...recorded };
}

/** The CognitoError `promise` fails with; the test fails if it succeeds or fails otherwise. */
export async function rejection(promise: Promise<unknown>): Promise<CognitoError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof CognitoError) return error;
    throw new Error(`the operation failed with ${String(error)}, not a CognitoError`, { cause: error });
  }
  throw new Error('the operation did not fail');
}
