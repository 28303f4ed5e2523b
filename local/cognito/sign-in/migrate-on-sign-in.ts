import { CognitoError, type Context, type User } from '../cognito-local.ts';
import { migrateUser } from '../triggers/user-migration.ts';
import { incorrectUsernameOrPassword, userMigrationFailed } from '../cognito-answers.ts';
import type { SignInContext, SignInServices } from './sign-in-state.ts';

/**
 * UserMigration_Authentication: a sign-in that sends the password (USER_PASSWORD_AUTH,
 * ADMIN_USER_PASSWORD_AUTH, ADMIN_NO_SRP_AUTH; not USER_SRP_AUTH: "An SRP obscures your user's
 * password from your Lambda function", docs/aws-behaviour.md) for a user the pool does not have
 * runs the pool's UserMigration trigger first; the sign-in then goes on with the migrated user as
 * with any other. Answers the user migrated, or undefined when the trigger did not run.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-migrate-user.html
 */
export async function migrateOnSignIn(
  ctx: Context,
  { services, triggers }: Pick<SignInServices, 'services' | 'triggers'>,
  { pool, client }: SignInContext,
  request: { readonly username: string; readonly password: string; readonly clientMetadata?: Record<string, string> },
): Promise<User | undefined> {
  if (!triggers.has(pool.options, 'UserMigration')) return undefined;
  const { username, password, clientMetadata } = request;
  try {
    const migration = { source: 'UserMigration_Authentication', username, password, validationData: clientMetadata } as const;
    return await migrateUser(ctx, pool, triggers, { ...migration, clientId: client.ClientId }, services.clock.get());
  } catch (error) {
    throw signInFailure(error, client.PreventUserExistenceErrors === 'ENABLED');
  }
}

/**
 * A failed migration at sign-in is, to the client, a user not found: `UserNotFoundException`
 * with the trigger's message (re:Post "cognito-migration-lambda-trigger-errors"), or, where the
 * app client hides whether users exist, "Incorrect username or password.".
 */
function signInFailure(error: unknown, hideUsers: boolean): unknown {
  if (!(error instanceof CognitoError)) return error;
  if (error.code !== 'UserLambdaValidationException' && error.code !== 'UserNotFoundException') return error;
  return hideUsers ? incorrectUsernameOrPassword() : userMigrationFailed(error.message);
}
