import { type AppClient, CognitoError, type Context } from '../cognito-local.ts';
import { secretHash } from '../secrets/secret-hash.ts';
import type { ManagedLoginDeps } from './managed-login-deps.ts';

/** What a page got from an operation: its output, or the message of Cognito's error (what the page shows). */
export type OperationOutcome<Output> = { readonly output: Output; readonly error?: undefined } | { readonly error: string };

/**
 * Runs the JSON API's operation `target` as the JSON API runs it (deps.router), so that the
 * pool's rules and triggers hold on the page. Cognito's errors come back as their message, in the
 * hosted UI's words (it shows the service's message); anything else is a fault and is thrown.
 */
export async function runOperation<Output>(
  deps: Pick<ManagedLoginDeps, 'router'>,
  ctx: Context,
  target: string,
  input: Record<string, unknown>,
): Promise<OperationOutcome<Output>> {
  try {
    return { output: (await deps.router(target)(ctx, input)) as Output };
  } catch (error) {
    if (error instanceof CognitoError) return { error: error.message };
    throw error;
  }
}

/**
 * The SECRET_HASH the managed login sends for `username` when the client has a secret: the page is
 * Cognito's own, which knows the secret, so a confidential client's users sign up and reset here.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/signing-up-users-in-your-app.html#cognito-user-pools-computing-secret-hash
 */
export function secretHashFor(client: AppClient, username: string): { readonly SecretHash?: string } {
  return client.ClientSecret ? { SecretHash: secretHash(client.ClientSecret, username, client.ClientId) } : {};
}

/** The Username the pool keeps for `name` (a username, or an alias such as the email of an email-as-username pool). */
export async function storedUsername(
  deps: Pick<ManagedLoginDeps, 'services'>,
  ctx: Context,
  userPoolId: string,
  name: string,
): Promise<string | undefined> {
  const pool = await deps.services.cognito.getUserPool(ctx, userPoolId);
  return (await pool.getUserByUsername(ctx, name))?.Username;
}
