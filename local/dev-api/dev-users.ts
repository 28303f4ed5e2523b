import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import { CognitoError, type Router, type Services, totpSecret, type User, type UserPoolService } from '../cognito/cognito-local.ts';
import type { CognitoOperations } from '../cognito/operation-input.ts';
import { takesTotp } from '../cognito/pool-totp.ts';
import { RequestContext } from '../cognito/request-context.ts';
import { secretHash } from '../cognito/secrets/secret-hash.ts';
import { failuresAt } from '../cognito/sign-in/lockout.ts';
import type { CreateDevUser, DevPool, DevUser, DevUserAction, DevUserState } from './dev-api-types.ts';

/** What the test API's users calls work with: the emulator's services, and its operations as the JSON API runs them. */
export interface DevUsersDeps {
  readonly services: Pick<Services, 'cognito'>;
  /** The router the JSON API's front door runs each operation with (its rules and triggers included). */
  readonly router: Router;
  readonly operations: Promise<CognitoOperations>;
  readonly logger: Logger;
  readonly clock: Clock;
}

/** A refusal of the test API: its status and one line saying what to do. */
export class DevApiError extends Error {
  override name = 'DevApiError';
  constructor(
    readonly status: 400 | 403 | 404 | 409,
    message: string,
  ) {
    super(message);
  }
}

const STATES: readonly DevUserState[] = ['confirmed', 'unconfirmed', 'force-change-password'];
/** Each action, and the Cognito operation that does it. */
const ACTION_OPERATIONS: Readonly<Record<DevUserAction, string>> = {
  disable: 'AdminDisableUser',
  enable: 'AdminEnableUser',
  'sign-out': 'AdminUserGlobalSignOut',
  'reset-password': 'AdminResetUserPassword',
};
export const isDevUserAction = (action: string): action is DevUserAction => Object.hasOwn(ACTION_OPERATIONS, action);

/**
 * Cognito's error as the test API answers it: `<Name>: <message>`, 400; 404 for a user that does
 * not exist, 409 for a taken username. (An unknown pool is found out before any operation runs.)
 */
function devApiErrorOf(error: unknown): unknown {
  if (!(error instanceof CognitoError)) return error;
  const status = error.code === 'UsernameExistsException' ? 409 : error.code === 'UserNotFoundException' ? 404 : 400;
  return new DevApiError(status, `${error.code}: ${error.message}`);
}

/**
 * The users of the local pools, as the test API lists, makes and changes them. Every change is a
 * Cognito operation run as the JSON API runs it (its input read against the SDK's model, then the
 * operation with its rules and triggers), so a test user meets the pool's password policy,
 * attribute schema and triggers as one made through the API would.
 */
export class DevUsers {
  constructor(private readonly deps: DevUsersDeps) {}

  readonly #ctx = () => new RequestContext(this.deps.logger);

  /** One Cognito operation, through the front door's reading of its input and the router. */
  async #call(operation: string, body: Record<string, unknown>): Promise<Record<string, unknown>> {
    try {
      const input = (await this.deps.operations).readInput(operation, body);
      return ((await this.deps.router(operation)(new RequestContext(this.deps.logger, { operation, input }), input)) ?? {}) as Record<
        string,
        unknown
      >;
    } catch (error) {
      throw devApiErrorOf(error);
    }
  }

  async pools(): Promise<DevPool[]> {
    const ctx = this.#ctx();
    const pools = await this.deps.services.cognito.listUserPools(ctx);
    return Promise.all(
      pools.map(async (pool) => ({
        id: pool.Id,
        name: pool.Name ?? '',
        clients: (await this.deps.services.cognito.listAppClients(ctx, pool.Id)).map((client) => ({
          id: client.ClientId,
          name: client.ClientName,
        })),
      })),
    );
  }

  async #pool(userPoolId: string): Promise<UserPoolService> {
    const ctx = this.#ctx();
    const known = (await this.deps.services.cognito.listUserPools(ctx)).some((pool) => pool.Id === userPoolId);
    if (!known)
      throw new DevApiError(
        404,
        `ResourceNotFoundException: User pool ${userPoolId} does not exist. GET /_dev/api/pools lists the local pools.`,
      );
    return this.deps.services.cognito.getUserPool(ctx, userPoolId);
  }

  async #user(userPool: UserPoolService, username: string): Promise<User> {
    const user = await userPool.getUserByUsername(this.#ctx(), username);
    if (!user) throw new DevApiError(404, `UserNotFoundException: User ${username} does not exist in user pool ${userPool.options.Id}.`);
    return user;
  }

  async #view(userPool: UserPoolService, user: User): Promise<DevUser> {
    const attributes = Object.fromEntries((user.Attributes ?? []).map((a) => [a.Name, a.Value ?? '']));
    const methods = user.UserMFASettingList ?? [];
    const now = this.deps.clock.now();
    const failures = failuresAt(user.PasswordFailures, now);
    return {
      username: user.Username,
      sub: attributes.sub ?? '',
      status: user.UserStatus ?? '',
      enabled: user.Enabled,
      groups: [...(await userPool.listUserGroupMembership(this.#ctx(), user))],
      mfa: {
        ...(user.PreferredMfaSetting && { preferred: user.PreferredMfaSetting }),
        totp: methods.includes('SOFTWARE_TOKEN_MFA'),
        sms: methods.includes('SMS_MFA') || (user.MFAOptions ?? []).length > 0,
      },
      attributes,
      created: new Date(user.UserCreateDate).toISOString(),
      updated: new Date(user.UserLastModifiedDate).toISOString(),
      lockout: {
        failures: failures?.count ?? 0,
        ...(failures && failures.lockedUntil > now && { until: new Date(failures.lockedUntil).toISOString() }),
      },
    };
  }

  /** The pool's users whose username, sub or any attribute value holds `filter` (any case), oldest first. */
  async list(userPoolId: string, filter = ''): Promise<DevUser[]> {
    const userPool = await this.#pool(userPoolId);
    const users = await Promise.all((await userPool.listUsers(this.#ctx())).map((user) => this.#view(userPool, user)));
    const wanted = filter.toLowerCase();
    return users
      .filter(
        (user) =>
          wanted === '' || [user.username, user.sub, ...Object.values(user.attributes)].some((text) => text.toLowerCase().includes(wanted)),
      )
      .sort((a, b) => a.created.localeCompare(b.created) || a.username.localeCompare(b.username));
  }

  async get(userPoolId: string, username: string): Promise<DevUser> {
    const userPool = await this.#pool(userPoolId);
    return this.#view(userPool, await this.#user(userPool, username));
  }

  /**
   * Makes a user as an administrator would: AdminCreateUser (no invitation), then the password
   * its state needs. A step the pool refuses deletes what the earlier ones made: no half-made user.
   */
  async create(userPoolId: string, body: unknown): Promise<DevUser> {
    const request = createRequest(body);
    const userPool = await this.#pool(userPoolId);
    const { username, password } = request;
    const state = request.state ?? 'confirmed';
    if (request.mfa === 'totp' && !takesTotp(userPool.options)) {
      throw new DevApiError(
        400,
        `InvalidParameterException: user pool ${userPoolId} does not take TOTP MFA (MfaConfiguration OPTIONAL or ON with software token MFA on); leave "mfa" out or turn it on in serverless.yml.`,
      );
    }
    const attributes = { ...request.attributes };
    // SignUp may not write email_verified (`A client attempted to write unauthorized attribute`):
    // an unconfirmed user's email is unverified until the code confirms it, as on AWS.
    if (state !== 'unconfirmed' && attributes.email !== undefined && attributes.email_verified === undefined)
      attributes.email_verified = 'true';
    const UserAttributes = Object.entries(attributes).map(([Name, Value]) => ({ Name, Value }));
    const UserPoolId = userPoolId;
    if (state === 'unconfirmed') {
      await this.#signUp(userPoolId, username, password, UserAttributes);
    } else {
      await this.#call('AdminCreateUser', {
        UserPoolId,
        Username: username,
        MessageAction: 'SUPPRESS',
        UserAttributes,
        ...(state === 'force-change-password' && { TemporaryPassword: password }),
      });
    }
    let totp: string | undefined;
    try {
      if (state === 'confirmed')
        await this.#call('AdminSetUserPassword', { UserPoolId, Username: username, Password: password, Permanent: true });
      for (const group of request.groups ?? [])
        await this.#call('AdminAddUserToGroup', { UserPoolId, Username: username, GroupName: group });
      if (request.mfa === 'totp') totp = await this.#setUpTotp(userPool, username);
      if (request.enabled === false) await this.#call('AdminDisableUser', { UserPoolId, Username: username });
    } catch (error) {
      await this.#call('AdminDeleteUser', { UserPoolId, Username: username }).catch(() => {});
      throw error;
    }
    const made = await this.get(userPoolId, username);
    return totp === undefined ? made : { ...made, totpSecret: totp };
  }

  /**
   * An unconfirmed user with a password is what SignUp leaves (AdminCreateUser makes
   * FORCE_CHANGE_PASSWORD, and AdminSetUserPassword confirms): SignUp through one of the pool's app
   * clients, so PreSignUp sees `PreSignUp_SignUp` and the confirmation code goes to the dev inbox.
   */
  async #signUp(userPoolId: string, username: string, password: string, UserAttributes: readonly { Name: string; Value: string }[]) {
    const clients = await this.deps.services.cognito.listAppClients(this.#ctx(), userPoolId);
    const client = clients.find((c) => !c.ClientSecret) ?? clients[0];
    if (!client) {
      throw new DevApiError(
        400,
        `InvalidParameterException: an unconfirmed user signs up through an app client, and user pool ${userPoolId} has none. Make it "confirmed", or give the pool a client.`,
      );
    }
    await this.#call('SignUp', {
      ClientId: client.ClientId,
      Username: username,
      Password: password,
      UserAttributes,
      ...(client.ClientSecret && { SecretHash: secretHash(client.ClientSecret, username, client.ClientId) }),
    });
  }

  /**
   * What AssociateSoftwareToken, VerifySoftwareToken (a code of the secret) and SetUserMFAPreference
   * (TOTP on and preferred) leave on the user. Cognito has no admin operation to register a user's
   * authenticator (those take the user's own access token), so the record is written directly.
   * https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa-totp.html
   */
  async #setUpTotp(userPool: UserPoolService, username: string): Promise<string> {
    const secret = totpSecret();
    const now = new Date(this.deps.clock.now());
    const user = await this.#user(userPool, username);
    await userPool.updateUser(this.#ctx(), user.Username, (current) => ({
      ...current,
      SoftwareTokenMfaConfiguration: { Secret: secret, Verified: true },
      PendingSoftwareTokenSecret: undefined,
      UserMFASettingList: [...new Set([...(current.UserMFASettingList ?? []), 'SOFTWARE_TOKEN_MFA'])],
      PreferredMfaSetting: 'SOFTWARE_TOKEN_MFA',
      UserLastModifiedDate: now,
    }));
    return secret;
  }

  /** `disable`, `enable`, `sign-out` or `reset-password`, through its Admin operation; the user after it. */
  async act(userPoolId: string, username: string, action: DevUserAction): Promise<DevUser> {
    const userPool = await this.#pool(userPoolId);
    await this.#user(userPool, username);
    await this.#call(ACTION_OPERATIONS[action], { UserPoolId: userPoolId, Username: username });
    return this.get(userPoolId, username);
  }

  async delete(userPoolId: string, username: string): Promise<void> {
    const userPool = await this.#pool(userPoolId);
    await this.#user(userPool, username);
    await this.#call('AdminDeleteUser', { UserPoolId: userPoolId, Username: username });
  }

  /** Deletes every user of the pool (AdminDeleteUser each, so their groups and tokens go too); how many. */
  async deleteAll(userPoolId: string): Promise<number> {
    const userPool = await this.#pool(userPoolId);
    const users = await userPool.listUsers(this.#ctx());
    for (const user of users) await this.#call('AdminDeleteUser', { UserPoolId: userPoolId, Username: user.Username });
    return users.length;
  }
}

const isStringMap = (value: unknown): value is Record<string, string> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((entry) => typeof entry === 'string');

/** The body of `POST …/users`, checked: a DevApiError (400) naming the field that is not right. */
export function createRequest(body: unknown): CreateDevUser {
  const fail = (what: string): never => {
    throw new DevApiError(
      400,
      `${what}. Send {"username", "password", "state"?, "enabled"?, "groups"?, "attributes"?, "mfa"?} (README, "Test API").`,
    );
  };
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return fail('The body is not a JSON object');
  const user = body as Record<string, unknown>;
  if (typeof user.username !== 'string' || user.username === '') fail('"username" must be a non-empty string');
  if (typeof user.password !== 'string' || user.password === '') fail('"password" must be a non-empty string');
  if (user.state !== undefined && !STATES.includes(user.state as DevUserState)) fail(`"state" must be one of ${STATES.join(', ')}`);
  if (user.enabled !== undefined && typeof user.enabled !== 'boolean') fail('"enabled" must be true or false');
  if (user.groups !== undefined && !(Array.isArray(user.groups) && user.groups.every((g) => typeof g === 'string')))
    fail('"groups" must be a list of group names');
  if (user.attributes !== undefined && !isStringMap(user.attributes)) fail('"attributes" must map attribute names to string values');
  if (user.mfa !== undefined && user.mfa !== 'totp') fail('"mfa" must be "totp" or left out');
  return user as unknown as CreateDevUser;
}
