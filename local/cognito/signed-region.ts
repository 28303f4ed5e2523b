import { DEFAULT_REGION, isAwsRegion, signingRegion } from './user-pool-ids.ts';

/** Where the front door leaves the region a request was signed for, on the operation's input. */
const SIGNED_REGION = Symbol('signed region');

/** An operation's input with the region its SigV4 `Authorization` header was signed for (read by CreateUserPool). */
export function withSigningRegion<T extends object>(input: T, authorization: string | undefined): T {
  const region = signingRegion(authorization);
  return region === undefined ? input : Object.assign(input, { [SIGNED_REGION]: region });
}

/**
 * The region Cognito's regional endpoint would answer `input` from: the one it was signed for;
 * DEFAULT_REGION for an unsigned request or one signed for a name that is no AWS region (`local`).
 */
export function regionOf(input: object): string {
  const signed = (input as { [SIGNED_REGION]?: string })[SIGNED_REGION];
  return signed !== undefined && isAwsRegion(signed) ? signed : DEFAULT_REGION;
}
