// One user the compose test makes through the AWS SDK and signs in again after each restart: the
// proof that the volume kept the pool and that every service answers. Each call has a deadline.
import { ConfirmSignUpCommand, InitiateAuthCommand, SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { cognitoClient } from './cognito-client.ts';
import { ComposeTestError } from './compose-cli.ts';
import { latestCode } from './dev-inbox.ts';
import type { StackUrls } from './launch-stack.ts';

const CALL_TIMEOUT_MS = 15_000;

export interface ComposeUser {
  readonly email: string;
  readonly password: string;
}

/** `promise`, or a ComposeTestError naming `what` once `ms` have passed without an answer. */
export async function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ComposeTestError(`${what}: no answer within ${ms / 1000} s.`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Signs the user up and confirms them with the code the dev inbox (served by the emulator) holds. */
export async function signUpAndConfirm(urls: StackUrls, ClientId: string, { email, password }: ComposeUser): Promise<void> {
  const cognito = cognitoClient(urls.cognito);
  try {
    await within(CALL_TIMEOUT_MS, 'SignUp', cognito.send(new SignUpCommand({ ClientId, Username: email, Password: password })));
    const code = await within(CALL_TIMEOUT_MS, 'The dev inbox', latestCode(urls.cognito, email));
    await within(
      CALL_TIMEOUT_MS,
      'ConfirmSignUp',
      cognito.send(new ConfirmSignUpCommand({ ClientId, Username: email, ConfirmationCode: code })),
    );
  } finally {
    cognito.destroy();
  }
}

/**
 * Signs in with the password (USER_PASSWORD_AUTH) and calls the secured endpoint with the ID
 * token: it must greet the user. Returns the ID token.
 */
export async function signInAndCallSecured(urls: StackUrls, ClientId: string, { email, password }: ComposeUser): Promise<string> {
  const cognito = cognitoClient(urls.cognito);
  let idToken: string | undefined;
  try {
    const { AuthenticationResult } = await within(
      CALL_TIMEOUT_MS,
      `InitiateAuth for ${email}`,
      cognito.send(
        new InitiateAuthCommand({ ClientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: email, PASSWORD: password } }),
      ),
    );
    idToken = AuthenticationResult?.IdToken;
  } finally {
    cognito.destroy();
  }
  if (!idToken) throw new ComposeTestError(`InitiateAuth for ${email} returned no ID token.`);
  const secured = `${urls.api}/api/helloWorldSecured`;
  const response = await fetch(secured, { headers: { Authorization: `Bearer ${idToken}` }, signal: AbortSignal.timeout(CALL_TIMEOUT_MS) });
  const body = await response.text();
  if (response.status !== 200 || !body.includes(email)) {
    throw new ComposeTestError(`GET ${secured} with ${email}'s ID token: HTTP ${response.status} ${body}`);
  }
  return idToken;
}
