import type { ChangePasswordCommandInput, ChangePasswordCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Context, Services } from '../cognito-local.ts';
import { accessTokenUser } from './access-tokens.ts';
import { incorrectUsernameOrPassword } from '../cognito-answers.ts';

/**
 * ChangePassword for the access token's user (a revoked token is refused). A wrong
 * PreviousPassword is Cognito's sign-in answer, NotAuthorizedException `Incorrect username or
 * password.` (cognito-local answers InvalidPasswordException); the ProposedPassword's policy is
 * checked before, by enforcePasswordPolicy
 * (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ChangePassword.html).
 */
export const ChangePassword =
  (services: Pick<Services, 'cognito' | 'clock'>) =>
  async (ctx: Context, req: ChangePasswordCommandInput): Promise<Omit<ChangePasswordCommandOutput, '$metadata'>> => {
    const { userPool, user } = await accessTokenUser(services, ctx, req.AccessToken ?? '');
    if (req.PreviousPassword !== user.Password) throw incorrectUsernameOrPassword();
    await userPool.saveUser(ctx, { ...user, Password: req.ProposedPassword ?? '', UserLastModifiedDate: services.clock.get() });
    return {};
  };
