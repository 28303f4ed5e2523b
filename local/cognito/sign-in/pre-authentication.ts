import type { User } from '../cognito-local.ts';
import type { SignInContext, SignInTriggers } from './sign-in-state.ts';

/**
 * PreAuthentication_Authentication, before a sign-in checks the password (USER_PASSWORD_AUTH,
 * USER_SRP_AUTH, USER_AUTH, ADMIN_USER_PASSWORD_AUTH; never on a refresh): a trigger that throws
 * denies the sign-in. It runs for a user who exists (the event names one).
 * https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-authentication.html
 */
export async function preAuthentication(
  triggers: Pick<SignInTriggers, 'has' | 'preAuthentication'>,
  { pool, client }: SignInContext,
  user: User | undefined,
  clientMetadata: Record<string, string> | undefined,
): Promise<void> {
  if (!user || !triggers.has(pool.options, 'PreAuthentication')) return;
  const subject = { userPoolId: pool.options.Id, clientId: client.ClientId, username: user.Username };
  await triggers.preAuthentication(subject, user.Attributes, user.UserStatus ?? 'CONFIRMED', clientMetadata);
}
