/** A request to Cognito's public endpoint that the local stage answers from the emulator: a pool's discovery document or keys. */
export interface WellKnownRequest {
  readonly kind: 'well-known';
  readonly userPoolId: string;
  readonly document: 'jwks.json' | 'openid-configuration';
  /** Where the pool's keys are, on the same host (`https://cognito-idp.<region>.amazonaws.com/<pool id>/.well-known/jwks.json`). */
  readonly jwksUri: string;
}

/** Any other request to Cognito's endpoint: it would reach AWS, so it fails, saying why. */
export interface RefusedRequest {
  readonly kind: 'refused';
  readonly message: string;
}

/** `cognito-idp.<region>.amazonaws.com`: the user pools' API, issuers and keys (https://docs.aws.amazon.com/general/latest/gr/cognito_identity.html). */
const COGNITO_IDP_HOST = /^cognito-idp\.[a-z0-9-]+\.amazonaws\.com$/i;
/** Where a pool's discovery document and keys are, under its issuer (https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-tokens-verifying-a-jwt.html). */
const WELL_KNOWN = /^\/([^/]+)\/\.well-known\/(jwks\.json|openid-configuration)$/;

/**
 * What the handlers' process does with a request to `url`: answer it from the local Cognito (a
 * pool's keys or discovery document), refuse it (anything else at Cognito's endpoint), or,
 * `undefined`, let it go to its host (not Cognito's endpoint).
 */
export function cognitoEndpointRequest(method: string, url: URL): WellKnownRequest | RefusedRequest | undefined {
  if (!COGNITO_IDP_HOST.test(url.hostname)) return undefined;
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
      `${method} ${url.origin}${url.pathname} would reach AWS's Cognito; the local stage answers only the user pools' ` +
      '`/<pool id>/.well-known/jwks.json` and `openid-configuration` there. Call Cognito through the AWS SDK for JavaScript v3, ' +
      'which the local stage points at the local Cognito (AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER).',
  };
}

function decoded(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
