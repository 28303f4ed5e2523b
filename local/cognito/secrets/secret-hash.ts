import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Cognito's SECRET_HASH: Base64(HMAC-SHA256(key = client secret, message = username + client id)).
 * https://docs.aws.amazon.com/cognito/latest/developerguide/signing-up-users-in-your-app.html#cognito-user-pools-computing-secret-hash
 */
export function secretHash(clientSecret: string, username: string, clientId: string): string {
  return createHmac('sha256', clientSecret)
    .update(username + clientId)
    .digest('base64');
}

/** Whether `hash` is the SECRET_HASH of any of `usernames`, compared in constant time. */
export function isSecretHashOf(hash: string, clientSecret: string, clientId: string, usernames: readonly string[]): boolean {
  const given = Buffer.from(hash);
  return usernames.some((username) => {
    const expected = Buffer.from(secretHash(clientSecret, username, clientId));
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
}
