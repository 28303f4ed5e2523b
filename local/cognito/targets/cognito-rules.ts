import type { Services, UserPool, Wrapper } from '../cognito-local.ts';
import { passwordPolicyViolation } from '../password-policy.ts';
import { passwordDoesNotConform, signUpNotPermitted } from '../cognito-answers.ts';

/** Refuses a new password that breaks `pool`'s policy, with Cognito's InvalidPasswordException and message. */
export function refuseWeakPassword(pool: UserPool, password: string): void {
  const violation = passwordPolicyViolation(password, pool.Policies?.PasswordPolicy);
  if (violation) throw passwordDoesNotConform(violation);
}

/**
 * Refuses a new password that breaks the pool's policy (cognito-local stores it unchecked): the
 * `Password` of AdminSetUserPassword, the `TemporaryPassword` of AdminCreateUser. The operations
 * we own (SignUp, ConfirmForgotPassword, ChangePassword) call refuseWeakPassword themselves.
 */
export const enforcePasswordPolicy =
  (services: Pick<Services, 'cognito' | 'clock'>, field: 'Password' | 'TemporaryPassword' = 'Password'): Wrapper =>
  (route) =>
  async (ctx, req) => {
    const { cognito } = services;
    // A temporary password may be left out (Cognito then makes one); the others may not.
    const password: unknown = field === 'TemporaryPassword' ? req.TemporaryPassword : (req[field] ?? '');
    if (typeof password === 'string') {
      const userPool = req.UserPoolId
        ? await cognito.getUserPool(ctx, req.UserPoolId)
        : await cognito.getUserPoolForClientId(ctx, req.ClientId ?? '');
      refuseWeakPassword(userPool.options, password);
    }
    return route(ctx, req);
  };

/**
 * A pool whose AdminCreateUserConfig says AllowAdminCreateUserOnly takes no self sign-up
 * (cognito-local lets it through). The message is the one Cognito's SignUp answers with
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/how-to-create-user-accounts.html).
 */
export function refuseSelfSignUp(pool: UserPool): void {
  if (pool.AdminCreateUserConfig?.AllowAdminCreateUserOnly) throw signUpNotPermitted();
}
