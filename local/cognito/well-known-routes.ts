import type { IncomingMessage, RequestListener } from 'node:http';
import { cognitoLocalKeys } from './cognito-local.ts';
import { pathOf, sendJson } from './emulator-http.ts';
import { InternalErrorException } from './emulator-errors.ts';
import { userPoolIssuer } from './user-pool-ids.ts';

export interface WellKnownRoutesOptions {
  /** The emulator as browsers see it: where `jwks_uri` points when the Host header says nothing usable. */
  readonly publicUrl: string;
  /** Whether the emulator has this user pool. */
  readonly poolExists: (userPoolId: string) => Promise<boolean>;
  /** Where an unexpected failure is reported; the client only learns that there was one. */
  readonly log?: (message: string) => void;
  /** The managed login: its origin, and whether a pool has a domain (then its document lists its OAuth 2.0 endpoints). */
  readonly managedLogin?: { readonly origin: string; readonly hasDomain: (userPoolId: string) => Promise<boolean> };
}

const WELL_KNOWN = /^\/([^/]+)\/\.well-known\/(openid-configuration|jwks\.json)$/;
/** A Host header that is a host name or IP literal and a port, nothing else. */
const HOST = /^(?:[\w.-]+|\[[\d.:a-fA-F]+\])(?::\d{1,5})?$/;

/**
 * A user pool's OIDC discovery document and JWKS, at the paths Cognito serves them under its issuer
 * (`https://cognito-idp.<region>.amazonaws.com/<pool id>/.well-known/openid-configuration` and
 * `…/jwks.json`: https://docs.aws.amazon.com/cognito/latest/developerguide/federation-endpoints.html),
 * so that a verifier that starts from discovery trusts the issuer the tokens carry
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-tokens-verifying-a-jwt.html).
 *
 * The issuer is AWS's, the one the tokens carry (`https://cognito-idp.<region>.amazonaws.com/<pool id>`,
 * user-pool-ids.ts), whatever URL asked. `jwks_uri` is the same path at the URL that asked, where the keys
 * can be fetched: `http://127.0.0.1:9229/<pool id>/.well-known/jwks.json` from the host, the same at
 * `http://cognito:9229` from a container; in the handlers' process the issuer's own URL answers too
 * (local/offline/cognito-endpoint-interception.ts). A pool with a domain lists its managed login's
 * OAuth 2.0 endpoints (`end_session_endpoint` is its /logout, listed by Cognito since February
 * 2024), at the managed login's local origin; a pool without one lists none. Another pool is a
 * 404, as on Cognito.
 * cognito-local's own routes named `localhost:9229` for every pool.
 */
export function withWellKnownRoutes(
  { publicUrl, poolExists, log = console.error, managedLogin }: WellKnownRoutesOptions,
  next: RequestListener,
): RequestListener {
  return (request, response) => {
    const [, rawPoolId, document] = ((request.method === 'GET' || request.method === 'HEAD') && WELL_KNOWN.exec(pathOf(request))) || [];
    const userPoolId = rawPoolId === undefined ? undefined : decoded(rawPoolId);
    if (userPoolId === undefined) {
      // Not one of these, or a path express refuses with its 400.
      next(request, response);
      return;
    }
    const fail = (error: unknown) => {
      log(`[cognito] ${request.method} ${pathOf(request)} failed: ${(error as Error)?.stack ?? String(error)}`);
      sendJson(response, 500, new InternalErrorException());
    };
    poolExists(userPoolId)
      .then((exists) => {
        if (!exists) {
          sendJson(response, 404, { __type: 'ResourceNotFoundException', message: `User pool ${userPoolId} does not exist.` });
        } else if (document === 'jwks.json') {
          sendJson(response, 200, { keys: [cognitoLocalKeys().publicJwk] });
        } else {
          const discovery = discoveryDocument(userPoolIssuer(userPoolId), `${baseUrlOf(request, publicUrl)}/${userPoolId}`);
          return (managedLogin?.hasDomain(userPoolId) ?? Promise.resolve(false)).then((hasDomain) =>
            sendJson(response, 200, hasDomain ? { ...discovery, ...oauthEndpoints(managedLogin!.origin) } : discovery),
          );
        }
      })
      .catch(fail);
  };
}

/** The fields of Cognito's discovery document that hold locally (the signing key's algorithm, public subjects). */
function discoveryDocument(issuer: string, reachedAt: string) {
  return {
    issuer,
    jwks_uri: `${reachedAt}/.well-known/jwks.json`,
    id_token_signing_alg_values_supported: ['RS256'],
    subject_types_supported: ['public'],
  };
}

/**
 * The managed login's part of a discovery document, as Cognito's lists it for a pool with a domain.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/federation-endpoints.html
 */
function oauthEndpoints(origin: string) {
  return {
    authorization_endpoint: `${origin}/oauth2/authorize`,
    end_session_endpoint: `${origin}/logout`,
    response_types_supported: ['code', 'token'],
    revocation_endpoint: `${origin}/oauth2/revoke`,
    scopes_supported: ['openid', 'email', 'phone', 'profile'],
    token_endpoint: `${origin}/oauth2/token`,
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    userinfo_endpoint: `${origin}/oauth2/userInfo`,
  };
}

/** The emulator's URL as the client reached it (the emulator speaks plain HTTP). */
function baseUrlOf(request: IncomingMessage, publicUrl: string): string {
  const host = request.headers.host;
  return host !== undefined && HOST.test(host) ? `http://${host}` : publicUrl;
}

function decoded(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
