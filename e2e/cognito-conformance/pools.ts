// The pools, app clients and users each topic makes for itself on the running emulator, through
// the AWS SDK as a team's setup script would, and the SDK sign-ins the rules start from.
import { createHmac } from 'node:crypto';
import {
  AdminCreateUserCommand,
  AssociateSoftwareTokenCommand,
  type AuthenticationResultType,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  type ExplicitAuthFlowsType,
  InitiateAuthCommand,
  type InitiateAuthCommandOutput,
  type RefreshTokenRotationType,
  RespondToAuthChallengeCommand,
  SetUserMFAPreferenceCommand,
  SetUserPoolMfaConfigCommand,
  type UserPoolMfaType,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { identityJsTimestamp } from './identity-js-library.ts';
import { startSrpClient } from '../../local/cognito/testing/aws-srp-client.ts';
import { srpPoolName } from '../../local/cognito/srp/cognito-srp.ts';
import { adminConfirmedUser, cognitoClient } from '../../testing/cognito-client.ts';
import { totpCode } from '../../testing/totp.ts';
import { uniqueEmail, uniqueName } from '../../testing/unique-names.ts';
import { e2eStack } from '../stack.ts';

/** The suite's one SDK client; the spec destroys it. */
export const cognito = cognitoClient(e2eStack.urls.cognito);

/** Passes the default policy (8 characters, upper, lower, number, symbol). */
export const PASSWORD = 'Conform-Passw0rd!';

/** Every flow but custom auth: each rule narrows its own client where the flows matter. */
export const ALL_FLOWS: ExplicitAuthFlowsType[] = [
  'ALLOW_USER_PASSWORD_AUTH',
  'ALLOW_USER_SRP_AUTH',
  'ALLOW_REFRESH_TOKEN_AUTH',
  'ALLOW_ADMIN_USER_PASSWORD_AUTH',
  'ALLOW_USER_AUTH',
];

export interface TestClient {
  readonly poolId: string;
  readonly clientId: string;
  readonly clientSecret?: string;
}

export interface ClientOptions {
  readonly flows?: ExplicitAuthFlowsType[];
  readonly generateSecret?: boolean;
  readonly preventUserExistenceErrors?: 'ENABLED' | 'LEGACY';
  readonly refreshTokenRotation?: RefreshTokenRotationType;
  readonly enableTokenRevocation?: boolean;
}

export interface PoolOptions extends ClientOptions {
  /** OPTIONAL and ON also turn TOTP on (SetUserPoolMfaConfig), as a pool needs it for authenticator apps. */
  readonly mfa?: UserPoolMfaType;
}

/** A fresh pool, email as username and auto-verified, with one app client. */
export async function createPool(options: PoolOptions = {}): Promise<TestClient> {
  const { UserPool } = await cognito.send(
    new CreateUserPoolCommand({
      PoolName: uniqueName('conformance'),
      UsernameAttributes: ['email'],
      AutoVerifiedAttributes: ['email'],
    }),
  );
  const poolId = UserPool!.Id!;
  if (options.mfa && options.mfa !== 'OFF') {
    await cognito.send(
      new SetUserPoolMfaConfigCommand({
        UserPoolId: poolId,
        MfaConfiguration: options.mfa,
        SoftwareTokenMfaConfiguration: { Enabled: true },
      }),
    );
  }
  return addClient(poolId, options);
}

/** Another app client of `poolId`. */
export async function addClient(poolId: string, options: ClientOptions = {}): Promise<TestClient> {
  const { UserPoolClient } = await cognito.send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: uniqueName('client'),
      ExplicitAuthFlows: options.flows ?? ALL_FLOWS,
      GenerateSecret: options.generateSecret,
      PreventUserExistenceErrors: options.preventUserExistenceErrors,
      RefreshTokenRotation: options.refreshTokenRotation,
      EnableTokenRevocation: options.enableTokenRevocation,
    }),
  );
  return { poolId, clientId: UserPoolClient!.ClientId!, clientSecret: UserPoolClient!.ClientSecret };
}

/** Lazily, once: a topic's pool is made by the first rule that needs it. */
export function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => (made ??= make());
}

/**
 * A user the admin created (no message sent): CONFIRMED with `PASSWORD`, or, given a temporary
 * password, FORCE_CHANGE_PASSWORD with it.
 */
export async function createUser(client: TestClient, temporaryPassword?: string): Promise<string> {
  const email = uniqueEmail('conformance');
  if (!temporaryPassword) return adminConfirmedUser(cognito, client.poolId, email, PASSWORD);
  await cognito.send(
    new AdminCreateUserCommand({
      UserPoolId: client.poolId,
      Username: email,
      MessageAction: 'SUPPRESS',
      TemporaryPassword: temporaryPassword,
      UserAttributes: [
        { Name: 'email', Value: email },
        { Name: 'email_verified', Value: 'true' },
      ],
    }),
  );
  return email;
}

/** Cognito's SECRET_HASH: Base64(HMAC-SHA256(client secret, username + client id)). */
export function secretHash(client: TestClient, username: string, secret = client.clientSecret!): string {
  return createHmac('sha256', secret)
    .update(username + client.clientId)
    .digest('base64');
}

/** InitiateAuth with USER_PASSWORD_AUTH. */
export function passwordAuth(client: TestClient, email: string, password = PASSWORD, extra: Record<string, string> = {}) {
  return cognito.send(
    new InitiateAuthCommand({
      ClientId: client.clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: email, PASSWORD: password, ...extra },
    }),
  );
}

/** Tokens from USER_PASSWORD_AUTH (the sign-in must need no challenge). */
export async function tokensFor(client: TestClient, email: string): Promise<AuthenticationResultType> {
  const { AuthenticationResult } = await passwordAuth(client, email);
  if (!AuthenticationResult) throw new Error(`no tokens for ${email}`);
  return AuthenticationResult;
}

/**
 * USER_SRP_AUTH through the SDK, the client side computed by amazon-cognito-identity-js's own SRP
 * helper: InitiateAuth, then the PASSWORD_VERIFIER answer. Returns what that answer got.
 */
export async function srpAuth(client: TestClient, email: string, password = PASSWORD, extra: Record<string, string> = {}) {
  const srp = await startSrpClient(srpPoolName(client.poolId));
  const started = await cognito.send(
    new InitiateAuthCommand({
      ClientId: client.clientId,
      AuthFlow: 'USER_SRP_AUTH',
      AuthParameters: { USERNAME: email, SRP_A: srp.A.toString(16), ...extra },
    }),
  );
  return answerPasswordVerifier(client, started, srp, password, extra);
}

/** The PASSWORD_VERIFIER answer of an SRP sign-in started with `srp`. */
export async function answerPasswordVerifier(
  client: TestClient,
  started: InitiateAuthCommandOutput,
  srp: Awaited<ReturnType<typeof startSrpClient>>,
  password: string,
  extra: Record<string, string> = {},
) {
  if (started.ChallengeName !== 'PASSWORD_VERIFIER') throw new Error(`expected PASSWORD_VERIFIER, got ${started.ChallengeName}`);
  const responses = await srp.passwordVerifierResponses(started.ChallengeParameters!, password, identityJsTimestamp());
  return cognito.send(
    new RespondToAuthChallengeCommand({
      ClientId: client.clientId,
      ChallengeName: 'PASSWORD_VERIFIER',
      Session: started.Session,
      ChallengeResponses: { ...responses, ...extra },
    }),
  );
}

/**
 * Turns TOTP MFA on for a signed-in user as an app does: AssociateSoftwareToken, the first code to
 * VerifySoftwareToken, then SetUserMFAPreference. Returns the shared secret.
 */
export async function enableTotp(AccessToken: string): Promise<string> {
  const { SecretCode } = await cognito.send(new AssociateSoftwareTokenCommand({ AccessToken }));
  await cognito.send(new VerifySoftwareTokenCommand({ AccessToken, UserCode: totpCode(SecretCode!), FriendlyDeviceName: 'conformance' }));
  await cognito.send(new SetUserMFAPreferenceCommand({ AccessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }));
  return SecretCode!;
}

/** The claims of a JWT, unverified. */
export const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;

/**
 * Runs `steps` from the start of a wall-clock second, up to three times, until they all ran
 * within that one second: for rules about what happens "in the same second" (token `iat`s and
 * revocation times are whole seconds). True when one attempt did.
 */
export async function withinOneSecond(steps: () => Promise<void>): Promise<boolean> {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000)));
    const second = Math.floor(Date.now() / 1000);
    await steps();
    if (Math.floor(Date.now() / 1000) === second) return true;
  }
  return false;
}
