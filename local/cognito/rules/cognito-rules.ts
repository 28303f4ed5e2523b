import type { UserPool } from '../cognito-local.ts';
import { passwordPolicyViolation } from '../password-policy.ts';
import { passwordDoesNotConform, signUpNotPermitted } from '../cognito-answers.ts';

/** Refuses a new password that breaks `pool`'s policy, with Cognito's InvalidPasswordException and message. */
export function refuseWeakPassword(pool: UserPool, password: string): void {
  const violation = passwordPolicyViolation(password, pool.Policies?.PasswordPolicy);
  if (violation) throw passwordDoesNotConform(violation);
}

/**
 * A pool whose AdminCreateUserConfig says AllowAdminCreateUserOnly takes no self sign-up
 * (cognito-local lets it through). The message is the one Cognito's SignUp answers with
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/how-to-create-user-accounts.html).
 */
export function refuseSelfSignUp(pool: UserPool): void {
  if (pool.AdminCreateUserConfig?.AllowAdminCreateUserOnly) throw signUpNotPermitted();
}
