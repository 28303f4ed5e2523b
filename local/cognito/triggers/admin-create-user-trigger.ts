import type { AdminCreateUserCommandInput } from '@aws-sdk/client-cognito-identity-provider';
import type { UserPool } from '../cognito-local.ts';
import type { PoolTriggers } from './pool-triggers.ts';

type AttributeList = ReadonlyArray<{ Name?: string; Value?: string }> | undefined;

/**
 * PreSignUp_AdminCreateUser before AdminCreateUser creates the user, when `pool` has the trigger:
 * a trigger that throws leaves no user. Its autoConfirmUser / autoVerify flags are not applied:
 * an admin-created user starts in FORCE_CHANGE_PASSWORD (docs/aws-behaviour.md, [U]).
 * https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-sign-up.html
 */
export async function preSignUpForAdminCreateUser(
  triggers: Pick<PoolTriggers, 'has' | 'run'>,
  pool: UserPool,
  input: AdminCreateUserCommandInput,
): Promise<void> {
  if (!triggers.has(pool, 'PreSignUp')) return;
  await triggers.run(
    'PreSignUp',
    'PreSignUp_AdminCreateUser',
    { userPoolId: pool.Id, clientId: null, username: input.Username ?? '' },
    {
      userAttributes: record(input.UserAttributes),
      validationData: input.ValidationData ? record(input.ValidationData) : null,
      clientMetadata: input.ClientMetadata ?? {},
    },
    { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
    '1',
    pool,
  );
}

const record = (attributes: AttributeList) => Object.fromEntries((attributes ?? []).map(({ Name, Value }) => [Name ?? '', Value ?? '']));
