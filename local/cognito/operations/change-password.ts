import type { ChangePasswordCommandInput, ChangePasswordCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import { incorrectUsernameOrPassword } from '../cognito-answers.ts';
import { accessTokenUser } from '../rules/access-tokens.ts';
import { refuseWeakPassword } from '../rules/cognito-rules.ts';
import type { Operation, OperationDeps } from './operation-deps.ts';

/**
 * ChangePassword: the access token's user (verified once) sets a new password. The
 * ProposedPassword must meet the pool's policy (InvalidPasswordException), then a wrong
 * PreviousPassword is Cognito's sign-in answer, NotAuthorizedException `Incorrect username or
 * password.` (cognito-local answered InvalidPasswordException).
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ChangePassword.html
 */
export const changePassword: Operation<
  ChangePasswordCommandInput,
  ChangePasswordCommandOutput,
  Pick<OperationDeps, 'cognito' | 'clock'>
> = async (deps, ctx, input) => {
  const { userPool, user } = await accessTokenUser(deps, ctx, input.AccessToken ?? '');
  const proposed = input.ProposedPassword ?? '';
  refuseWeakPassword(userPool.options, proposed);
  if (input.PreviousPassword !== user.Password) throw incorrectUsernameOrPassword();
  await userPool.updateUser(ctx, user.Username, (current) => ({ ...current, Password: proposed, UserLastModifiedDate: deps.clock.get() }));
  return {};
};
