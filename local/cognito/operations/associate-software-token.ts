import type { AssociateSoftwareTokenCommandInput, AssociateSoftwareTokenCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import { accessTokenOrSessionRequired, softwareTokenMfaNotEnabled } from '../cognito-answers.ts';
import { totpSecret } from '../cognito-local.ts';
import { takesTotp } from '../pool-totp.ts';
import { accessTokenUser } from '../rules/access-tokens.ts';
import type { Operation, OperationDeps } from './operation-deps.ts';

/**
 * AssociateSoftwareToken with an access token (the Session form, MFA_SETUP at sign-in, is
 * sign-in/software-token-setup.ts's): a new TOTP secret for the token's user (verified once), in a
 * pool that takes TOTP (else SoftwareTokenMFANotFoundException; cognito-local set it up anyway).
 * The secret waits for VerifySoftwareToken: the token the user has keeps working until then, as
 * Cognito "disassociates an existing software token when you verify the new token".
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AssociateSoftwareToken.html
 * https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa-totp.html
 */
export const associateSoftwareToken: Operation<
  AssociateSoftwareTokenCommandInput,
  AssociateSoftwareTokenCommandOutput,
  Pick<OperationDeps, 'cognito' | 'clock'>
> = async (deps, ctx, input) => {
  if (input.AccessToken === undefined) throw accessTokenOrSessionRequired();
  const { userPool, user } = await accessTokenUser(deps, ctx, input.AccessToken);
  if (!takesTotp(userPool.options)) throw softwareTokenMfaNotEnabled();
  const secret = totpSecret();
  await userPool.updateUser(ctx, user.Username, (current) => ({
    ...current,
    PendingSoftwareTokenSecret: secret,
    UserLastModifiedDate: deps.clock.get(),
  }));
  return { SecretCode: secret };
};
