import type { MessageKind } from '../local/cognito/dev-inbox.ts';
import type { ClockAnswer } from '../local/cognito/dev-clock-route.ts';
import { localStackPath, readLocalStack } from '../local/cloudformation/local-stack.ts';
import type { CreateDevUser, DevPool, DevRequest, DevTriggerInvocation, DevUser, DevUserAction } from '../local/dev-api/dev-api-types.ts';

// The local stack's test API, typed (README "Test API"): what a team's own tests import to make
// users in any state, read the codes Cognito sent, sign in, move the clock and read what the API
// decided, instead of poking the data folder or waiting for time to pass. Every call is one HTTP
// request to the Cognito emulator's `/_dev` routes; nothing here reaches AWS.

/** What the client talks to: the emulator, and the pool and app client calls default to. */
export interface DevApiTarget {
  /** The Cognito emulator, `http://127.0.0.1:9229` under `npm start`. */
  readonly cognitoUrl: string;
  /** The pool users are made in unless a call names another: the web client's. */
  readonly userPoolId?: string;
  /** The app client `signInAs` signs in with unless told another: the web client. */
  readonly clientId?: string;
}

/** The tokens of a sign-in, as Cognito's InitiateAuth answers them. */
export interface DevTokens {
  readonly idToken: string;
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly expiresIn: number;
}

/** A test API call the stack refused: its status and Cognito's (or the test API's) message. */
export class DevApiError extends Error {
  override name = 'DevApiError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The client for the stack whose data folder is `dataDir` (`.local` under `npm start`): the
 * emulator's URL and the web client's pool and client come from the stack file it deployed.
 */
export function devApiFor(dataDir: string, cognitoUrl?: string): DevApi {
  const stack = readLocalStack(localStackPath(dataDir));
  const web = stack.cognito?.web;
  return new DevApi({ cognitoUrl: cognitoUrl ?? stack.cognitoEndpoint, userPoolId: web?.userPoolId, clientId: web?.clientId });
}

export class DevApi {
  constructor(readonly target: DevApiTarget) {}

  /** The local pools and their app clients. */
  pools(): Promise<DevPool[]> {
    return this.#call('GET', '/_dev/api/pools');
  }

  /** The users of a pool (the default one unless named), those whose username, sub or an attribute holds `filter`. */
  users(options: { userPoolId?: string; filter?: string } = {}): Promise<DevUser[]> {
    const query = options.filter === undefined ? '' : `?filter=${encodeURIComponent(options.filter)}`;
    return this.#call('GET', `${this.#usersPath(options.userPoolId)}${query}`);
  }

  /** A user made in `state` through the pool's own rules and triggers (Cognito's admin operations); with `mfa: 'totp'`, its secret. */
  createUser(user: CreateDevUser, options: { userPoolId?: string } = {}): Promise<DevUser> {
    return this.#call('POST', this.#usersPath(options.userPoolId), user);
  }

  /** Disables, enables, signs out everywhere, or resets the password of a user. */
  userAction(username: string, action: DevUserAction, options: { userPoolId?: string } = {}): Promise<DevUser> {
    return this.#call('POST', `${this.#usersPath(options.userPoolId)}/${encodeURIComponent(username)}/${action}`);
  }

  /** Deletes one user. */
  async deleteUser(username: string, options: { userPoolId?: string } = {}): Promise<void> {
    await this.#call('DELETE', `${this.#usersPath(options.userPoolId)}/${encodeURIComponent(username)}`);
  }

  /** Deletes every user of the pool, and says how many there were. */
  deleteUsers(options: { userPoolId?: string } = {}): Promise<{ deleted: number }> {
    return this.#call('DELETE', this.#usersPath(options.userPoolId));
  }

  /** The code of the newest message Cognito sent `to` (of `kind`: SignUp, ForgotPassword, Authentication…, when given). */
  async latestCode(to: string, kind?: MessageKind): Promise<string> {
    const messages =
      (await this.#call<{ code: string; kind: MessageKind }[] | undefined>('GET', `/_dev/inbox?to=${encodeURIComponent(to)}`)) ?? [];
    const code = messages.filter((message) => kind === undefined || message.kind === kind).at(-1)?.code;
    if (!code) throw new DevApiError(404, `The dev inbox has no ${kind === undefined ? '' : `${kind} `}code for ${to}.`);
    return code;
  }

  /** The stack's one clock: tell it, move it forward, set it back to the real time. */
  readonly clock = {
    now: (): Promise<ClockAnswer> => this.#call('GET', '/_dev/clock'),
    advance: (ms: number): Promise<ClockAnswer> => this.#call('POST', '/_dev/clock', { advanceSeconds: ms / 1000 }),
    reset: (): Promise<ClockAnswer> => this.#call('DELETE', '/_dev/clock'),
  };

  /** The API's requests since `since` (epoch ms), oldest first, each with its authorizer's decision in words. */
  async requests(options: { since?: number } = {}): Promise<DevRequest[]> {
    return (await this.#call<{ requests: DevRequest[] }>('GET', `/_dev/api/requests?since=${options.since ?? 0}`)).requests;
  }

  /** The Cognito trigger invocations since `since` (epoch ms), oldest first. */
  async triggers(options: { since?: number } = {}): Promise<DevTriggerInvocation[]> {
    return (await this.#call<{ triggers: DevTriggerInvocation[] }>('GET', `/_dev/api/triggers?since=${options.since ?? 0}`)).triggers;
  }

  /**
   * Signs `user` in as a client app would (InitiateAuth USER_PASSWORD_AUTH on the default app
   * client, which must allow it), through Cognito's own API: its rules, triggers and MFA hold; a
   * user who gets a challenge instead of tokens is an error that names it.
   */
  async signInAs(user: { readonly username: string; readonly password: string }, options: { clientId?: string } = {}): Promise<DevTokens> {
    const clientId = options.clientId ?? this.target.clientId;
    if (!clientId) throw new DevApiError(400, 'signInAs needs an app client: give clientId (the stack has no web client).');
    const response = await fetch(this.target.cognitoUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': 'AWSCognitoIdentityProviderService.InitiateAuth' },
      body: JSON.stringify({
        ClientId: clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: user.username, PASSWORD: user.password },
      }),
    });
    const answer = (await response.json()) as {
      AuthenticationResult?: { IdToken: string; AccessToken: string; RefreshToken: string; ExpiresIn: number };
      ChallengeName?: string;
      __type?: string;
      message?: string;
    };
    if (!response.ok) throw new DevApiError(response.status, `${answer.__type ?? 'Error'}: ${answer.message ?? response.statusText}`);
    const result = answer.AuthenticationResult;
    if (!result) throw new DevApiError(400, `${user.username} got the ${answer.ChallengeName} challenge instead of tokens.`);
    return { idToken: result.IdToken, accessToken: result.AccessToken, refreshToken: result.RefreshToken, expiresIn: result.ExpiresIn };
  }

  #usersPath(userPoolId: string | undefined): string {
    const pool = userPoolId ?? this.target.userPoolId;
    if (!pool) throw new DevApiError(400, 'Name the user pool (userPoolId): the stack has no web client pool to default to.');
    return `/_dev/api/pools/${encodeURIComponent(pool)}/users`;
  }

  async #call<Answer>(method: string, path: string, body?: unknown): Promise<Answer> {
    const response = await fetch(`${this.target.cognitoUrl}${path}`, {
      method,
      ...(body !== undefined && { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
    });
    const text = await response.text();
    const answer = text === '' ? undefined : (JSON.parse(text) as unknown);
    if (!response.ok) {
      throw new DevApiError(
        response.status,
        (answer as { message?: string } | undefined)?.message ?? `${method} ${path}: ${response.status}`,
      );
    }
    return answer as Answer;
  }
}
