import { CognitoJwtVerifier, JwtVerifier } from 'aws-jwt-verify';
import { validateCognitoJwtFields } from 'aws-jwt-verify/cognito-verifier';
import type { Fetcher } from 'aws-jwt-verify/https';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import type { CognitoJwtPayload } from 'aws-jwt-verify/jwt-model';

/** What a token must be: the ID or access token of one app client of one user pool. */
export interface CognitoTokenCheck {
  readonly userPoolId: string;
  readonly clientId: string;
  readonly tokenUse: 'id' | 'access';
}

export interface CognitoTokenVerifier {
  /** The token's claims, once its signature, issuer, expiry, token_use and client are checked; else it throws. */
  verify(token: string): Promise<CognitoJwtPayload>;
}

export class CognitoDiscoveryError extends Error {
  override name = 'CognitoDiscoveryError';
}

/**
 * Verifies a user pool's tokens with aws-jwt-verify, the verifier AWS recommends: on AWS, its
 * CognitoJwtVerifier; where `AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER` sends the AWS SDK to a
 * local Cognito (the local stage sets it for every handler), the same checks against that pool's
 * issuer and keys, read from its discovery document on first use.
 */
export function cognitoTokenVerifier(
  check: CognitoTokenCheck,
  endpoint = process.env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER,
): CognitoTokenVerifier {
  if (!endpoint) return CognitoJwtVerifier.create(check);
  let local: Promise<CognitoTokenVerifier> | undefined;
  return {
    async verify(token) {
      local ??= localVerifier(`${endpoint}/${check.userPoolId}`, check).catch((error: unknown) => {
        local = undefined; // asked again on the next token
        throw error;
      });
      return (await local).verify(token);
    },
  };
}

async function localVerifier(poolUrl: string, check: CognitoTokenCheck): Promise<CognitoTokenVerifier> {
  const { issuer, jwks_uri } = JSON.parse(new TextDecoder().decode(await httpFetcher.fetch(`${poolUrl}/.well-known/openid-configuration`)));
  const verifier = JwtVerifier.create(
    // CognitoJwtVerifier's own checks, with the local issuer: it takes only an AWS pool id.
    { issuer, jwksUri: jwks_uri, audience: null, customJwtCheck: ({ payload }) => validateCognitoJwtFields(payload, check) },
    { jwksCache: new SimpleJwksCache({ fetcher: httpFetcher }) },
  );
  return { verify: async (token) => (await verifier.verify(token)) as CognitoJwtPayload };
}

/** aws-jwt-verify's own fetcher speaks HTTPS only; the local Cognito speaks HTTP. */
const httpFetcher: Fetcher = {
  async fetch(uri) {
    const response = await fetch(uri, { signal: AbortSignal.timeout(3000) });
    if (!response.ok) throw new CognitoDiscoveryError(`${uri} answered ${response.status}: is the user pool id right?`);
    return response.arrayBuffer();
  },
};
