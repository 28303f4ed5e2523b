import type {
  AssociateSoftwareTokenCommandInput,
  AssociateSoftwareTokenCommandOutput,
  VerifySoftwareTokenCommandInput,
  VerifySoftwareTokenCommandOutput,
} from '@aws-sdk/client-cognito-identity-provider';
import { type Context, totpCodeHolds, totpSecret } from '../cognito-local.ts';
import type { SignInServices } from './sign-in-state.ts';
import { invalidSession, missingParameter, softwareTokenCodeMismatch } from '../cognito-answers.ts';

// The MFA_SETUP challenge's own steps: AssociateSoftwareToken and VerifySoftwareToken called with
// the sign-in's Session instead of an access token, each answering with the Session of the next.
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AssociateSoftwareToken.html
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_VerifySoftwareToken.html

type Output<T> = Omit<T, '$metadata'>;

/** A TOTP secret for the user of an MFA_SETUP Session, kept in the next Session until a code of it is verified. */
export function associateSoftwareToken({ sessions }: SignInServices) {
  return async (_ctx: Context, req: AssociateSoftwareTokenCommandInput): Promise<Output<AssociateSoftwareTokenCommandOutput>> => {
    const state = sessions.take(req.Session);
    if (state.challenge.name !== 'MFA_SETUP' || state.challenge.verified) throw invalidSession();
    const secret = totpSecret();
    return { SecretCode: secret, Session: sessions.open({ ...state, challenge: { name: 'MFA_SETUP', secret } }) };
  };
}

/**
 * Checks a code of the associated secret and turns TOTP MFA on for the user (preferred when they
 * prefer no other); the Session it answers with completes MFA_SETUP. A wrong code is Cognito's
 * EnableSoftwareTokenMFAException, and spends the Session (strict side: [U] whether Cognito lets
 * the same Session try again).
 */
export function verifySoftwareToken({ sessions, services }: SignInServices) {
  return async (ctx: Context, req: VerifySoftwareTokenCommandInput): Promise<Output<VerifySoftwareTokenCommandOutput>> => {
    if (!req.UserCode) throw missingParameter('UserCode');
    const state = sessions.take(req.Session);
    const { challenge } = state;
    if (challenge.name !== 'MFA_SETUP' || !challenge.secret || challenge.verified) throw invalidSession();
    if (!totpCodeHolds(challenge.secret, req.UserCode)) {
      throw softwareTokenCodeMismatch();
    }
    const pool = await services.cognito.getUserPool(ctx, state.userPoolId);
    const user = await pool.getUserByUsername(ctx, state.username);
    if (!user) throw invalidSession();
    await pool.saveUser(ctx, {
      ...user,
      SoftwareTokenMfaConfiguration: { Secret: challenge.secret, Verified: true, FriendlyDeviceName: req.FriendlyDeviceName },
      UserMFASettingList: [...new Set([...(user.UserMFASettingList ?? []), 'SOFTWARE_TOKEN_MFA'])],
      PreferredMfaSetting: user.PreferredMfaSetting ?? 'SOFTWARE_TOKEN_MFA',
      UserLastModifiedDate: services.clock.get(),
    });
    return { Status: 'SUCCESS', Session: sessions.open({ ...state, challenge: { ...challenge, verified: true } }) };
  };
}
