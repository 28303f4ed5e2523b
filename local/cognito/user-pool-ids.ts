// A user pool's id and its tokens' issuer, as Cognito makes them: pure functions that the
// emulator, the local CloudFormation, API Gateway's authorizers and the handlers' process share.
import { randomInt } from 'node:crypto';

/**
 * An AWS region as a user pool id starts with (aws-jwt-verify's `USER_POOL_ID_REGEX`, which
 * refuses any other id: `eu-west-1`, `us-gov-west-1`, `eusc-de-east-1`).
 */
const REGION = /^(?:eusc-[a-z]{2}|[a-z]{2})-(?:gov-)?[a-z]+-\d$/;
/** `<region>_<9 letters and digits>`, as CreateUserPool answers on AWS (`eu-west-1_AbCdEf123`). */
const USER_POOL_ID = /^((?:eusc-[a-z]{2}|[a-z]{2})-(?:gov-)?[a-z]+-\d)_[a-zA-Z0-9]+$/;
const ID_CHARACTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * The region of a request that names none (unsigned), or names one that is not AWS's (SDK clients
 * of other emulators sign for `local`): Serverless Framework's and the AWS CLI's default.
 */
export const DEFAULT_REGION = 'us-east-1';

export function isAwsRegion(region: string): boolean {
  return REGION.test(region);
}

/** Whether `id` is shaped as Cognito's pool ids are (`<region>_<id>`); the region, when it is. */
export function userPoolRegion(id: string): string | undefined {
  return USER_POOL_ID.exec(id)?.[1];
}

/** A new pool id in `region`: `<region>_` and 9 random letters and digits, as Cognito's. */
export function newUserPoolId(region: string, pick: (size: number) => number = randomInt): string {
  if (!isAwsRegion(region)) throw new Error(`Not an AWS region: ${region}`);
  let id = '';
  for (let i = 0; i < 9; i++) id += ID_CHARACTERS[pick(ID_CHARACTERS.length)];
  return `${region}_${id}`;
}

/**
 * The `iss` of a pool's tokens and the base of its discovery document and keys, as on AWS:
 * `https://cognito-idp.<region>.amazonaws.com/<pool id>`, the region being the pool id's
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-tokens-verifying-a-jwt.html).
 */
export function userPoolIssuer(userPoolId: string): string {
  return `https://${cognitoIdpHost(userPoolRegion(userPoolId) ?? DEFAULT_REGION)}/${userPoolId}`;
}

/** Cognito user pools' endpoint in a region: the host of the API, the issuer and the keys. */
export function cognitoIdpHost(region: string): string {
  return `cognito-idp.${region}.amazonaws.com`;
}

/** The region a SigV4 `Authorization` header's credential scope names (`Credential=<key>/<date>/<region>/<service>/aws4_request`). */
export function signingRegion(authorization: string | undefined): string | undefined {
  return /Credential=[^/,\s]+\/\d{8}\/([^/,\s]+)\//.exec(authorization ?? '')?.[1];
}
