// The local stack's test API (issue 27): what `/_dev/api/*` on the Cognito emulator's port takes
// and answers. The dev console page and testing/dev-api.ts (the typed client a team's tests import)
// speak it; README "Test API" documents each call. Plain data: JSON both ways; errors are
// `{ "message": … }` with 400 (bad input), 404 (no such pool or user) or 409 (already exists).

/** `GET /_dev/api/pools`: the local pools, with their app clients. */
export interface DevPool {
  readonly id: string;
  readonly name: string;
  readonly clients: readonly { readonly id: string; readonly name: string }[];
}

/** The state a test user is made in; `enabled: false` on top of any of them disables it. */
export type DevUserState = 'confirmed' | 'unconfirmed' | 'force-change-password';

/** `POST /_dev/api/pools/<pool>/users`: a user made through the pool's own rules and triggers (Cognito's admin operations). */
export interface CreateDevUser {
  /** The username (with email as username, the email). */
  readonly username: string;
  /** Permanent for `confirmed` and `unconfirmed`, temporary for `force-change-password`. */
  readonly password: string;
  /** Default `confirmed`. */
  readonly state?: DevUserState;
  /** Default true. */
  readonly enabled?: boolean;
  /** Groups the user joins (each must exist in the pool). */
  readonly groups?: readonly string[];
  /** Attributes by name (`email`, `custom:tenant`…), as AdminCreateUser takes them; `email_verified` defaults to "true" when `email` is given (not for `unconfirmed`: SignUp leaves it unverified). */
  readonly attributes?: Readonly<Record<string, string>>;
  /** `totp`: an authenticator app is set up and preferred; the answer carries its secret. */
  readonly mfa?: 'totp';
}

/** A user as `GET /_dev/api/pools/<pool>/users` lists it and `POST` answers it. */
export interface DevUser {
  readonly username: string;
  readonly sub: string;
  /** Cognito's UserStatus: CONFIRMED, UNCONFIRMED, FORCE_CHANGE_PASSWORD, RESET_REQUIRED, EXTERNAL_PROVIDER… */
  readonly status: string;
  readonly enabled: boolean;
  readonly groups: readonly string[];
  readonly mfa: { readonly preferred?: string; readonly totp: boolean; readonly sms: boolean };
  readonly attributes: Readonly<Record<string, string>>;
  /** ISO 8601. */
  readonly created: string;
  readonly updated: string;
  /** Failed password attempts counting toward a lockout, and when the lockout ends, if one runs. */
  readonly lockout: { readonly failures: number; readonly until?: string };
  /** Only in the answer to a create with `mfa: 'totp'`: the authenticator's secret (base32). */
  readonly totpSecret?: string;
}

/**
 * `POST /_dev/api/pools/<pool>/users/<username>/<action>`: `disable`, `enable`, `sign-out`
 * (AdminUserGlobalSignOut), `reset-password` (AdminResetUserPassword); `DELETE …/users/<username>`
 * deletes one user, `DELETE /_dev/api/pools/<pool>/users` every user of the pool.
 */
export type DevUserAction = 'disable' | 'enable' | 'sign-out' | 'reset-password';

/** One request the local API answered, as `GET /_dev/api/requests?since=<epoch ms>` lists it (newest last). */
export interface DevRequest {
  /** Epoch ms when it arrived (the real time, not the moved clock: it orders the list). */
  readonly at: number;
  readonly api: 'rest' | 'http';
  readonly method: string;
  /** As requested: `/local/api/orders/4`. */
  readonly path: string;
  /** The route it matched (`GET /api/orders/{id}`), absent when none did. */
  readonly route?: string;
  /** The authorizer's kind and logical id (`COGNITO_USER_POOLS CognitoUserPoolApiGatewayAuthorizer`, `JWT …`, `Lambda TOKEN …`), absent on a public route. */
  readonly authorizer?: string;
  /** What the authorizer decided, in words: `allowed`, `allowed from the cached policy`, `401: token expired 3 min ago`… */
  readonly decision?: string;
  readonly status: number;
  readonly latencyMs: number;
}

/** One Cognito trigger invocation, as `GET /_dev/api/triggers?since=<epoch ms>` lists it (newest last). */
export interface DevTriggerInvocation {
  readonly at: number;
  readonly userPoolId: string;
  /** `PreSignUp`, `CustomMessage`…, and the event's triggerSource. */
  readonly trigger: string;
  readonly triggerSource: string;
  readonly functionName: string;
  readonly durationMs: number;
  readonly event: unknown;
  /** What the function returned; absent when it failed. */
  readonly answer?: unknown;
  readonly error?: string;
}
