import type { Context, User, UserPoolService } from '../cognito-local.ts';
import type { OperationDeps } from './operation-deps.ts';

/** Which confirmation it was, and the app client's call that made it: what PostConfirmation's event carries. */
export interface Confirmation {
  readonly source: 'PostConfirmation_ConfirmSignUp' | 'PostConfirmation_ConfirmForgotPassword';
  /** null for an administrator's confirmation (AdminConfirmSignUp): the event says CLIENT_ID_NOT_APPLICABLE. */
  readonly clientId: string | null;
  readonly clientMetadata: Record<string, string> | undefined;
}

/**
 * Saves a user just confirmed (ConfirmSignUp, AdminConfirmSignUp, ConfirmForgotPassword), once, then runs the pool's
 * PostConfirmation with the user as saved: its event carries what the confirmation changed
 * (`email_verified`, the status).
 * https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-post-confirmation.html
 */
export async function saveConfirmed(
  deps: Pick<OperationDeps, 'triggers'>,
  ctx: Context,
  pool: UserPoolService,
  confirmed: User,
  { source, clientId, clientMetadata }: Confirmation,
): Promise<void> {
  await pool.saveUser(ctx, confirmed);
  if (!deps.triggers.has(pool.options, 'PostConfirmation')) return;
  await deps.triggers.runPostConfirmation(pool.options, {
    source,
    clientId,
    clientMetadata,
    username: confirmed.Username,
    userPoolId: pool.options.Id,
    userAttributes: confirmed.Attributes,
  });
}
