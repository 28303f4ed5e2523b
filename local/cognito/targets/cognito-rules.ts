import { attributesAppend, attributesRemove, type Route, type Services } from '../cognito-local.ts';
import { passwordPolicyViolation } from '../password-policy.ts';
import { accessTokenUser } from './access-tokens.ts';
import { passwordDoesNotConform, signUpNotPermitted, userAlreadyConfirmedAtConfirm } from '../cognito-answers.ts';

type Wrapper = (route: Route) => Route;

/**
 * Refuses a new password that breaks the pool's policy (cognito-local stores it unchecked): the
 * `Password` of SignUp, ConfirmForgotPassword and AdminSetUserPassword, the `TemporaryPassword`
 * of AdminCreateUser, the `ProposedPassword` of ChangePassword (its pool: the access token's).
 */
export const enforcePasswordPolicy =
  ({ cognito }: Pick<Services, 'cognito'>, field: 'Password' | 'TemporaryPassword' | 'ProposedPassword' = 'Password'): Wrapper =>
  (route) =>
  async (ctx, req) => {
    // A temporary password may be left out (Cognito then makes one); the others may not.
    const password: unknown = field === 'TemporaryPassword' ? req.TemporaryPassword : (req[field] ?? '');
    if (typeof password === 'string') {
      const userPool = req.UserPoolId
        ? await cognito.getUserPool(ctx, req.UserPoolId)
        : req.ClientId !== undefined
          ? await cognito.getUserPoolForClientId(ctx, req.ClientId)
          : (await accessTokenUser({ cognito }, ctx, req.AccessToken ?? '')).userPool;
      const violation = passwordPolicyViolation(password, userPool.options.Policies?.PasswordPolicy);
      if (violation) throw passwordDoesNotConform(violation);
    }
    return route(ctx, req);
  };

/**
 * ConfirmSignUp as Cognito answers it: an already confirmed user is told so, and the code
 * verifies the email it was sent to (`email_verified` true).
 */
export const confirmSignUpAsCognito =
  ({ cognito }: Pick<Services, 'cognito'>): Wrapper =>
  (route) =>
  async (ctx, req) => {
    const userPool = await cognito.getUserPoolForClientId(ctx, req.ClientId);
    const user = await userPool.getUserByUsername(ctx, req.Username);
    if (user?.UserStatus === 'CONFIRMED') throw userAlreadyConfirmedAtConfirm();
    const result = await route(ctx, req);
    const confirmed = user && (await userPool.getUserByUsername(ctx, user.Username));
    if (confirmed) {
      const attributes = attributesAppend(attributesRemove(confirmed.Attributes, 'email_verified'), {
        Name: 'email_verified',
        Value: 'true',
      });
      await userPool.saveUser(ctx, { ...confirmed, Attributes: attributes });
    }
    return result;
  };

/**
 * A pool whose AdminCreateUserConfig says AllowAdminCreateUserOnly takes no self sign-up
 * (cognito-local lets it through). The message is the one Cognito's SignUp answers with
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/how-to-create-user-accounts.html).
 */
export const refuseSelfSignUpWhenAdminOnly =
  ({ cognito }: Pick<Services, 'cognito'>): Wrapper =>
  (route) =>
  async (ctx, req) => {
    const userPool = await cognito.getUserPoolForClientId(ctx, req.ClientId);
    if (userPool.options.AdminCreateUserConfig?.AllowAdminCreateUserOnly) throw signUpNotPermitted();
    return route(ctx, req);
  };
