import type { AppClient } from '../cognito-local.ts';
import { isSecretHashOf } from '../secrets/secret-hash.ts';
import { secretHashNotReceived, secretHashUnexpected, secretHashUnverified } from '../cognito-answers.ts';

/**
 * An app client with a secret needs the SECRET_HASH of the user with every client-side call that
 * names one; a client without a secret is refused one it was sent. `usernames` are the names the
 * hash may be computed over (none: the operation answers for a user it cannot name). Messages:
 * docs/aws-behaviour.md.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/signing-up-users-in-your-app.html#cognito-user-pools-computing-secret-hash
 */
export function refuseWrongSecretHash(client: AppClient, hash: unknown, usernames: readonly string[]): void {
  const given = typeof hash === 'string' && hash !== '' ? hash : undefined;
  if (!client.ClientSecret) {
    if (given !== undefined) throw secretHashUnexpected(client.ClientId);
  } else {
    if (given === undefined) throw secretHashNotReceived(client.ClientId);
    if (usernames.length > 0 && !isSecretHashOf(given, client.ClientSecret, client.ClientId, usernames))
      throw secretHashUnverified(client.ClientId);
  }
}

/**
 * GetTokensFromRefreshToken takes the client secret itself (`ClientSecret`), not a hash; Cognito's
 * answers to a missing or wrong one are not documented: the SECRET_HASH ones are used ([U]).
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetTokensFromRefreshToken.html
 */
export function refuseWrongClientSecret(client: AppClient, secret: string | undefined): void {
  const given = secret === '' ? undefined : secret;
  if (!client.ClientSecret) {
    if (given !== undefined) throw secretHashUnexpected(client.ClientId);
  } else {
    if (given === undefined) throw secretHashNotReceived(client.ClientId);
    if (given !== client.ClientSecret) throw secretHashUnverified(client.ClientId);
  }
}
