// amazon-cognito-identity-js, the SRP client Amplify v5 was built on and many apps still call,
// pointed at the local pool by its `endpoint` option (as e2e/srp-clients.spec.ts does).
import type { CognitoUser, CognitoUserSession, IAuthenticationCallback } from 'amazon-cognito-identity-js';
import { identityJs } from './identity-js-library.ts';
import type { TestClient } from './pools.ts';
import { e2eStack } from '../stack.ts';

/** Where a sign-in stopped: tokens, a challenge callback, or onFailure's error. */
export type IdentityJsOutcome =
  | { readonly step: 'tokens'; readonly session: CognitoUserSession }
  | { readonly step: 'totpRequired' | 'mfaRequired' | 'selectMFAType' | 'mfaSetup' | 'customChallenge' | 'newPasswordRequired' }
  | { readonly step: 'error'; readonly name: string; readonly message: string };

/** A CognitoUser of the client's pool, for `email`. */
export function identityJsUser(client: TestClient, email: string): CognitoUser {
  const pool = new identityJs.CognitoUserPool({ UserPoolId: client.poolId, ClientId: client.clientId, endpoint: e2eStack.urls.cognito });
  return new identityJs.CognitoUser({ Username: email, Pool: pool });
}

/** Callbacks that settle `resolve` with whichever one the library calls. */
function settleWith(resolve: (outcome: IdentityJsOutcome) => void): IAuthenticationCallback {
  return {
    onSuccess: (session) => resolve({ step: 'tokens', session }),
    onFailure: (error: { code?: string; name?: string; message: string }) =>
      resolve({ step: 'error', name: error.code ?? error.name ?? 'Error', message: error.message }),
    totpRequired: () => resolve({ step: 'totpRequired' }),
    mfaRequired: () => resolve({ step: 'mfaRequired' }),
    selectMFAType: () => resolve({ step: 'selectMFAType' }),
    mfaSetup: () => resolve({ step: 'mfaSetup' }),
    customChallenge: () => resolve({ step: 'customChallenge' }),
    newPasswordRequired: () => resolve({ step: 'newPasswordRequired' }),
  };
}

/** `authenticateUser`: USER_SRP_AUTH, the library's default. */
export function srpSignIn(user: CognitoUser, password: string): Promise<IdentityJsOutcome> {
  return new Promise((resolve) =>
    user.authenticateUser(new identityJs.AuthenticationDetails({ Username: user.getUsername(), Password: password }), settleWith(resolve)),
  );
}

/** `sendMFACode` for the TOTP challenge the last sign-in step posed. */
export function sendTotpCode(user: CognitoUser, code: string): Promise<IdentityJsOutcome> {
  return new Promise((resolve) => user.sendMFACode(code, settleWith(resolve), 'SOFTWARE_TOKEN_MFA'));
}

/** `completeNewPasswordChallenge` after `newPasswordRequired`. */
export function completeNewPassword(user: CognitoUser, password: string): Promise<IdentityJsOutcome> {
  return new Promise((resolve) => user.completeNewPasswordChallenge(password, {}, settleWith(resolve)));
}

/** `refreshSession` (REFRESH_TOKEN_AUTH) with the session's refresh token. */
export function refreshSession(user: CognitoUser, session: CognitoUserSession): Promise<CognitoUserSession> {
  return new Promise((resolve, reject) =>
    user.refreshSession(session.getRefreshToken(), (error, refreshed) => (error ? reject(error) : resolve(refreshed))),
  );
}
