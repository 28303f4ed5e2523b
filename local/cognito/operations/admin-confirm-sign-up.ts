import type { AdminConfirmSignUpCommandInput, AdminConfirmSignUpCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import { userCannotBeConfirmed } from '../cognito-answers.ts';
import { adminUser } from '../rules/admin-users.ts';
import type { Operation, OperationDeps } from './operation-deps.ts';
import { saveConfirmed } from './save-confirmed.ts';

/**
 * AdminConfirmSignUp: an UNCONFIRMED user, named by username or alias, is CONFIRMED without a
 * code; any other status is refused (NotAuthorizedException, as cognito-local and ConfirmSignUp
 * answer). No attribute is verified: no code went anywhere, unlike ConfirmSignUp. The user is
 * saved once, then PostConfirmation (`PostConfirmation_ConfirmSignUp`, callerContext clientId
 * CLIENT_ID_NOT_APPLICABLE) runs with the attributes as saved and the request's ClientMetadata.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminConfirmSignUp.html
 * https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-post-confirmation.html
 */
export const adminConfirmSignUp: Operation<
  AdminConfirmSignUpCommandInput,
  AdminConfirmSignUpCommandOutput,
  Pick<OperationDeps, 'cognito' | 'clock' | 'triggers'>
> = async (deps, ctx, input) => {
  const { userPool, user } = await adminUser(deps, ctx, input);
  if (user.UserStatus !== 'UNCONFIRMED') throw userCannotBeConfirmed(user.UserStatus ?? 'UNKNOWN');
  const confirmed = { ...user, UserStatus: 'CONFIRMED' as const, UserLastModifiedDate: deps.clock.get() };
  await saveConfirmed(deps, ctx, userPool, confirmed, {
    source: 'PostConfirmation_ConfirmSignUp',
    clientId: null,
    clientMetadata: input.ClientMetadata,
  });
  return {};
};
