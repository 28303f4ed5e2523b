import type { VerifySoftwareTokenCommandInput, VerifySoftwareTokenCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import {
  accessTokenAndSession,
  accessTokenOrSessionRequired,
  missingParameter,
  softwareTokenCodeMismatch,
  softwareTokenMfaNotEnabled,
  softwareTokenNotAssociated,
} from '../cognito-answers.ts';
import { totpCodeHolds, type User } from '../cognito-local.ts';
import { takesTotp } from '../pool-totp.ts';
import { accessTokenUser } from '../rules/access-tokens.ts';
import type { Operation, OperationDeps } from './operation-deps.ts';

/** The secret AssociateSoftwareToken made and no code has verified yet (one stored before PendingSoftwareTokenSecret included). */
const pendingSecret = (user: User): string | undefined =>
  user.PendingSoftwareTokenSecret ??
  (user.SoftwareTokenMfaConfiguration?.Verified === false ? user.SoftwareTokenMfaConfiguration.Secret : undefined);

/**
 * VerifySoftwareToken with an access token (the Session form, MFA_SETUP at sign-in, is
 * sign-in/software-token-setup.ts's): a code of the secret AssociateSoftwareToken made registers
 * it for the token's user (verified once), in place of any token they had, and turns TOTP MFA on
 * for them (the user's preferred method is theirs to set with SetUserMFAPreference). A wrong code
 * is EnableSoftwareTokenMFAException, as in the Session form, and keeps the secret waiting.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_VerifySoftwareToken.html
 */
export const verifySoftwareToken: Operation<
  VerifySoftwareTokenCommandInput,
  VerifySoftwareTokenCommandOutput,
  Pick<OperationDeps, 'cognito' | 'clock'>
> = async (deps, ctx, input) => {
  if (!input.UserCode) throw missingParameter('UserCode');
  if (input.AccessToken === undefined) throw accessTokenOrSessionRequired();
  if (input.Session !== undefined) throw accessTokenAndSession();
  const { userPool, user } = await accessTokenUser(deps, ctx, input.AccessToken);
  if (!takesTotp(userPool.options)) throw softwareTokenMfaNotEnabled();
  const secret = pendingSecret(user);
  if (!secret) throw softwareTokenNotAssociated();
  if (!totpCodeHolds(secret, input.UserCode)) throw softwareTokenCodeMismatch();
  await userPool.updateUser(ctx, user.Username, (current) => ({
    ...current,
    SoftwareTokenMfaConfiguration: { Secret: secret, Verified: true, FriendlyDeviceName: input.FriendlyDeviceName },
    PendingSoftwareTokenSecret: undefined,
    UserMFASettingList: [...new Set([...(current.UserMFASettingList ?? []), 'SOFTWARE_TOKEN_MFA'])],
    UserLastModifiedDate: deps.clock.get(),
  }));
  return { Status: 'SUCCESS' };
};
