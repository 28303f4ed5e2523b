import {
  userAlreadyConfirmedAtConfirm,
  usernameClientIdNotFound,
  verificationCodeExpired,
  verificationCodeMismatch,
} from '../cognito-answers.ts';
import type { ConfirmSignUpCommandInput, ConfirmSignUpCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import { attributesAppend, attributeValue, selectAppropriateDeliveryMethod, type User, type UserPool } from '../cognito-local.ts';
import { refuseWrongSecretHash } from '../rules/client-secret-rules.ts';
import { clientOf } from './client-of.ts';
import { saveConfirmed } from './save-confirmed.ts';
import type { Operation, OperationDeps } from './operation-deps.ts';

/** Cognito's answers to a code that does not confirm (docs/aws-behaviour.md, "Account operations"). */
const codeMismatch = () => verificationCodeMismatch();
const codeExpired = () => verificationCodeExpired();

/**
 * ConfirmSignUp: the code sent at sign-up confirms the user and verifies the attribute it went
 * to ("they confirm ownership of the email address or phone number that they provided"); the
 * user is saved once, then PostConfirmation runs with the attributes as they now are, the
 * verified one included ("The request contains the current attributes for the confirmed user").
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ConfirmSignUp.html
 * https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-post-confirmation.html
 */
export const confirmSignUp: Operation<
  ConfirmSignUpCommandInput,
  ConfirmSignUpCommandOutput,
  Pick<OperationDeps, 'cognito' | 'clock' | 'triggers'>
> = async (deps, ctx, input) => {
  const { ClientId: clientId = '', Username: name = '', ConfirmationCode: code, ClientMetadata: clientMetadata } = input;
  const { pool, client } = await clientOf(deps.cognito, ctx, clientId);
  refuseWrongSecretHash(client, input.SecretHash, [name]);
  const user = await pool.getUserByUsername(ctx, name);
  // No such user: as ResendConfirmationCode answers one ([C]); hidden behind a wrong code's answer ([U]) where the client hides users.
  if (!user) throw client.PreventUserExistenceErrors === 'ENABLED' ? codeMismatch() : usernameClientIdNotFound();
  if (user.UserStatus === 'CONFIRMED') throw userAlreadyConfirmedAtConfirm();
  if (!user.ConfirmationCode) throw codeExpired();
  if (user.ConfirmationCode !== code) throw codeMismatch();

  const confirmed: User = {
    ...user,
    UserStatus: 'CONFIRMED',
    ConfirmationCode: undefined,
    Attributes: verifiedWithCode(pool.options, user),
    UserLastModifiedDate: deps.clock.get(),
  };
  await saveConfirmed(deps, ctx, pool, confirmed, { source: 'PostConfirmation_ConfirmSignUp', clientId, clientMetadata });
  return {};
};

/**
 * The user's attributes, the one the sign-up code went to now verified: the one SignUp chose
 * (the first of the pool's AutoVerifiedAttributes the user has, the phone before the email); in a
 * pool that verifies nothing, the email, else the phone number (no code went anywhere: [U]).
 */
function verifiedWithCode(pool: UserPool, user: User): User['Attributes'] {
  const delivery = selectAppropriateDeliveryMethod(pool.AutoVerifiedAttributes ?? [], user);
  const verified =
    delivery?.AttributeName ?? (['email', 'phone_number'] as const).find((name) => attributeValue(name, user.Attributes) !== undefined);
  return verified ? attributesAppend(user.Attributes, { Name: `${verified}_verified`, Value: 'true' }) : user.Attributes;
}
