import { signingRegion, userPoolRegion } from './user-pool-ids.ts';

/** A request to Cognito's public endpoint that the local stage answers from the emulator: a pool's discovery document or keys. */
export interface WellKnownRequest {
  readonly kind: 'well-known';
  readonly userPoolId: string;
  readonly document: 'jwks.json' | 'openid-configuration';
  /** Where the pool's keys are, on the same host (`https://cognito-idp.<region>.amazonaws.com/<pool id>/.well-known/jwks.json`). */
  readonly jwksUri: string;
}

/**
 * A call to Cognito's JSON API (`POST /`, the operation in `X-Amz-Target`), which the local stage
 * sends to the emulator as it is: the emulator answers it as Cognito would, bad target or body included.
 */
export interface ApiRequest {
  readonly kind: 'api';
  /** The region of the endpoint it was sent to: `cognito-idp.<region>.amazonaws.com`. */
  readonly region: string;
}

/** Any other request to Cognito's endpoint: it would reach AWS, so it fails, saying why. */
export interface RefusedRequest {
  readonly kind: 'refused';
  readonly message: string;
}

/** `cognito-idp.<region>.amazonaws.com`: the user pools' API, issuers and keys (https://docs.aws.amazon.com/general/latest/gr/cognito_identity.html). */
const COGNITO_IDP_HOST = /^cognito-idp\.([a-z0-9-]+)\.amazonaws\.com$/i;
/** Where a pool's discovery document and keys are, under its issuer (https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-tokens-verifying-a-jwt.html). */
const WELL_KNOWN = /^\/([^/]+)\/\.well-known\/(jwks\.json|openid-configuration)$/;

/**
 * What the handlers' process does with a request to `url`: answer it from the local Cognito (a
 * pool's keys or discovery document), forward it to the local Cognito (a call to its API), refuse
 * it (anything else at Cognito's endpoint), or, `undefined`, let it go to its host (not Cognito's endpoint).
 */
export function cognitoEndpointRequest(method: string, url: URL): WellKnownRequest | ApiRequest | RefusedRequest | undefined {
  const region = COGNITO_IDP_HOST.exec(url.hostname)?.[1]?.toLowerCase();
  if (region === undefined) return undefined;
  // Every operation of the API is a POST to the endpoint's root (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/Welcome.html).
  if (method === 'POST' && url.pathname === '/') return { kind: 'api', region };
  const [, rawPoolId, document] = WELL_KNOWN.exec(url.pathname) ?? [];
  const userPoolId = rawPoolId === undefined ? undefined : decoded(rawPoolId);
  if ((method === 'GET' || method === 'HEAD') && userPoolId !== undefined && document !== undefined) {
    return {
      kind: 'well-known',
      userPoolId,
      document: document as WellKnownRequest['document'],
      jwksUri: `${url.protocol}//${url.host}/${rawPoolId}/.well-known/jwks.json`,
    };
  }
  return {
    kind: 'refused',
    message:
      `${method} ${url.origin}${url.pathname} would reach AWS's Cognito; the local stage answers there only Cognito's API ` +
      "(`POST /` with `X-Amz-Target: AWSCognitoIdentityProviderService.<Operation>`) and the user pools' " +
      '`/<pool id>/.well-known/jwks.json` and `openid-configuration`. Call Cognito through an AWS SDK, or fetch one of those.',
  };
}

/** Cognito's error answer, as its JSON API words it. */
export interface CognitoErrorAnswer {
  readonly status: number;
  readonly __type: string;
  readonly message: string;
}

/**
 * Cognito's answer to an API call sent to `region`'s endpoint that belongs to another region, or
 * undefined when nothing says so (the emulator answers). One emulator holds every region's pools,
 * so this is where the endpoint's region counts:
 * - signed for another region (SigV4's credential scope): `InvalidSignatureException`, `Credential
 *   should be scoped to a valid region, not '<region>'.`, as AWS's JSON APIs answer it;
 * - naming a pool of another region: a pool lives in one region, so that endpoint has no such pool,
 *   `ResourceNotFoundException`, `User pool <id> does not exist.`, as AWS answers a client set to
 *   the wrong region.
 * A call that names only an app client (InitiateAuth, SignUp) is not checked: see README, "Differences from AWS".
 */
export function otherRegionCall(region: string, authorization: string | null | undefined, body: string): CognitoErrorAnswer | undefined {
  const signedFor = signingRegion(authorization ?? undefined);
  if (signedFor !== undefined && signedFor !== region) {
    return {
      status: 400,
      __type: 'InvalidSignatureException',
      message: `Credential should be scoped to a valid region, not '${signedFor}'.`,
    };
  }
  let input: unknown;
  try {
    input = JSON.parse(body);
  } catch {
    return undefined; // the emulator answers a body that is not JSON as Cognito does
  }
  const userPoolId = (input as { UserPoolId?: unknown } | null)?.UserPoolId;
  if (typeof userPoolId !== 'string') return undefined;
  const poolRegion = userPoolRegion(userPoolId);
  if (poolRegion === undefined || poolRegion === region) return undefined;
  return { status: 400, __type: 'ResourceNotFoundException', message: `User pool ${userPoolId} does not exist.` };
}

function decoded(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
