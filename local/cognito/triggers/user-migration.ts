import { randomBytes, randomUUID } from 'node:crypto';
import { type Context, USER_POOL_AWS_DEFAULTS, type User, type UserPool, type UserPoolService } from '../cognito-local.ts';
import { creationViolation } from '../attributes/schema-violations.ts';
import type { PoolTriggers } from './pool-triggers.ts';
import { invalidLambdaResponse, userMigrationFailed, userMigrationRefused } from '../cognito-answers.ts';

/** Where a UserMigration trigger runs: a password sign-in, or ForgotPassword (no password then). */
export type UserMigrationSource = 'UserMigration_Authentication' | 'UserMigration_ForgotPassword';

/** A sign-in or password reset naming a user the pool does not have. */
export interface MigrationRequest {
  readonly source: UserMigrationSource;
  /** The username as the user typed it (the event's `userName`). */
  readonly username: string;
  readonly clientId: string;
  /** The password typed at sign-in; none in ForgotPassword. */
  readonly password?: string;
  /** InitiateAuth's and AdminInitiateAuth's ClientMetadata. */
  readonly validationData?: Record<string, string>;
  /** ForgotPassword's ClientMetadata. */
  readonly clientMetadata?: Record<string, string>;
}

const FINAL_STATUSES: ReadonlySet<unknown> = new Set(['CONFIRMED', 'RESET_REQUIRED']);
const DELIVERY_MEDIUMS: ReadonlySet<unknown> = new Set(['EMAIL', 'SMS']);
/** Attributes Cognito makes itself; a trigger's value for one is not kept. */
const COGNITO_MADE = new Set(['sub']);

/**
 * Runs the pool's UserMigration trigger for a user it does not have and creates the user it
 * answers with: its `userAttributes` (checked against the pool's schema), status
 * `finalUserStatus` (CONFIRMED unless RESET_REQUIRED; always RESET_REQUIRED from ForgotPassword,
 * which has no password to keep) and, at sign-in, the password typed. A throw or a refused
 * answer creates no user.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-migrate-user.html
 */
export async function migrateUser(
  ctx: Context,
  userPool: UserPoolService,
  triggers: Pick<PoolTriggers, 'run'>,
  request: MigrationRequest,
  /** The local clock's now (the user's UserCreateDate). */
  now: Date,
): Promise<User> {
  const user = await migratedUser(userPool.options, triggers, request, now);
  await userPool.saveUser(ctx, user);
  return user;
}

/** The user `pool`'s UserMigration trigger answers with, as migrateUser creates it, not yet saved. */
export async function migratedUser(
  pool: UserPool,
  triggers: Pick<PoolTriggers, 'run'>,
  request: MigrationRequest,
  /** The local clock's now (the user's UserCreateDate). */
  now: Date,
): Promise<User> {
  const { source, username, clientId, password } = request;
  const event =
    source === 'UserMigration_Authentication'
      ? { password, validationData: request.validationData ?? null, clientMetadata: {} }
      : { validationData: null, clientMetadata: request.clientMetadata ?? {} };
  const answer = await triggers.run(
    'UserMigration',
    source,
    { userPoolId: pool.Id, clientId, username },
    event,
    {
      userAttributes: null,
      finalUserStatus: null,
      messageAction: null,
      desiredDeliveryMediums: null,
      forceAliasCreation: null,
      enableSMSMFA: null,
    },
    '1',
    pool,
  );
  checkAnswer(answer);

  const sub = randomUUID();
  const given = Object.entries(answer.userAttributes as Record<string, string>)
    .filter(([name]) => !COGNITO_MADE.has(name))
    .map(([Name, Value]) => ({ Name, Value }));
  // An email-as-username pool takes the email from what the user typed, as SignUp does.
  const signsInWithEmail = pool.UsernameAttributes?.includes('email') ?? false;
  if (signsInWithEmail && !given.some((attribute) => attribute.Name === 'email')) given.push({ Name: 'email', Value: username });
  const violation = creationViolation(given, pool.SchemaAttributes ?? USER_POOL_AWS_DEFAULTS.SchemaAttributes ?? []);
  if (violation) throw userMigrationFailed(violation);

  const user: User = {
    Username: pool.UsernameAttributes?.length ? sub : username,
    // ForgotPassword migrates without a password: one nobody knows, until the user sets theirs.
    Password: password ?? randomBytes(32).toString('base64url'),
    UserStatus: source === 'UserMigration_ForgotPassword' || answer.finalUserStatus === 'RESET_REQUIRED' ? 'RESET_REQUIRED' : 'CONFIRMED',
    Enabled: true,
    Attributes: [{ Name: 'sub', Value: sub }, ...given],
    RefreshTokens: [],
    UserCreateDate: now,
    UserLastModifiedDate: now,
  };
  return user;
}

/** The answer's fields as the trigger page lists them; a value of the wrong type is not Cognito's answer. */
function checkAnswer(answer: Record<string, unknown>): void {
  const { userAttributes, finalUserStatus, messageAction, desiredDeliveryMediums, forceAliasCreation, enableSMSMFA } = answer;
  if (typeof userAttributes !== 'object' || userAttributes === null || Array.isArray(userAttributes)) throw invalidLambdaResponse();
  if (Object.values(userAttributes).some((value) => typeof value !== 'string')) throw invalidLambdaResponse();
  for (const flag of [forceAliasCreation, enableSMSMFA]) if (flag != null && typeof flag !== 'boolean') throw invalidLambdaResponse();
  if (finalUserStatus != null && !FINAL_STATUSES.has(finalUserStatus)) throw userMigrationRefused('finalUserStatus is invalid');
  if (messageAction != null && messageAction !== 'SUPPRESS') throw userMigrationRefused('messageAction is invalid');
  if (desiredDeliveryMediums != null) {
    if (!Array.isArray(desiredDeliveryMediums) || !desiredDeliveryMediums.every((medium) => DELIVERY_MEDIUMS.has(medium)))
      throw userMigrationRefused('desiredDeliveryMediums is invalid');
  }
}
