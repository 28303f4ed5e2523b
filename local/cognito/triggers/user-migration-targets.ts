import { CognitoError, type Services, type Wrapper } from '../cognito-local.ts';
import type { PoolTriggers } from './pool-triggers.ts';
import { migrateUser } from './user-migration.ts';
import { incorrectUsernameOrPassword, userMigrationFailed } from '../cognito-answers.ts';
import { appClientOf } from '../request-context.ts';

/**
 * The sign-ins that send Cognito the password, which migration needs. Not USER_SRP_AUTH: "An
 * SRP obscures your user's password from your Lambda function", so Cognito does not run the
 * trigger for it and answers as for any unknown user (docs/aws-behaviour.md).
 */
const PASSWORD_SENT: ReadonlySet<unknown> = new Set(['USER_PASSWORD_AUTH', 'ADMIN_USER_PASSWORD_AUTH', 'ADMIN_NO_SRP_AUTH']);

/**
 * UserMigration_Authentication: InitiateAuth and AdminInitiateAuth with a password, for a user
 * the pool does not have, run the pool's UserMigration trigger first; the sign-in then goes on
 * with the migrated user as with any other (PreAuthentication, the password, tokens). A pool
 * without the trigger pays nothing: `enabled` answers, without I/O, whether any pool has it.
 */
export const migrateOnSignIn =
  ({ clock, cognito }: Pick<Services, 'clock' | 'cognito'>, triggers: PoolTriggers): Wrapper =>
  (route) =>
  async (ctx, req) => {
    const { USERNAME: username, PASSWORD: password } = req?.AuthParameters ?? {};
    if (triggers.enabled('UserMigration') && PASSWORD_SENT.has(req?.AuthFlow) && username && password) {
      const userPool = req.UserPoolId
        ? await cognito.getUserPool(ctx, req.UserPoolId)
        : await cognito.getUserPoolForClientId(ctx, req.ClientId);
      if (triggers.has(userPool.options, 'UserMigration') && !(await userPool.getUserByUsername(ctx, username))) {
        try {
          const request = { source: 'UserMigration_Authentication', username, password, validationData: req.ClientMetadata } as const;
          await migrateUser(ctx, userPool, triggers, { ...request, clientId: req.ClientId }, clock.get());
        } catch (error) {
          const client = req.ClientId ? await appClientOf({ cognito }, ctx, req.ClientId) : null;
          throw signInFailure(error, client?.PreventUserExistenceErrors === 'ENABLED');
        }
      }
    }
    return route(ctx, req);
  };

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
