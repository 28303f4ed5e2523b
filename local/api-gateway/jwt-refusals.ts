/**
 * Why an HTTP API's JWT authorizer refuses a token, as the `error_description` of the
 * `www-authenticate` challenge it answers with. Only the audience's wording is published
 * (http-api-troubleshooting-jwt.html); the others are unconfirmed [U] in docs/aws-behaviour.md.
 */
export const INVALID_TOKEN = {
  missing: 'the token is missing',
  malformed: 'the token is malformed',
  algorithm: (alg: string) => `signing method ${alg} is invalid`,
  kid: 'the token does not have a valid kid',
  signature: 'the token signature is invalid',
  issuer: 'the token does not have a valid issuer',
  audience: 'the token does not have a valid audience',
  noExpiry: 'the token does not have a valid exp',
  expired: 'the token has expired',
  notYetValid: 'the token is not valid yet',
  issuedInFuture: 'the token was used before it was issued',
} as const;

/** The 403 challenge's description when the token holds none of the route's scopes [U]. */
export const INSUFFICIENT_SCOPE = 'the token does not have the required scope';

/** Why a token was refused: `description` goes to the client, the message to the terminal. */
export class JwtRejectedError extends Error {
  override name = 'JwtRejectedError';

  constructor(
    message: string,
    readonly description: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
