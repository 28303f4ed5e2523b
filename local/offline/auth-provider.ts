import { cognitoUrl, localStackFile } from '../config.ts';
import { readLocalStack, type LocalStack } from '../cloudformation/local-stack.ts';
import { emulateApiGateway } from './api-gateway.ts';
import { authorizerContext, tokenAuthenticate, type Authenticate } from './cognito-authorizer.ts';
import { CorsPreflights, type CorsSetting } from './cors-preflight.ts';
import type { HapiServer, HapiServerInternals } from './hapi.ts';
import { answerMalformedRequestsLikeApiGateway } from './malformed-requests.ts';
import { createCognitoTokenVerifier, TokenRejectedError, type VerifyCognitoToken } from './verify-cognito-token.ts';
import type { RouteAuthorization } from '../cloudformation/api-routes.ts';

/** The slice of an http event from serverless.yml that serverless-offline hands over. */
export interface HttpEndpoint {
  cors?: CorsSetting;
}

export interface AuthStrategy {
  name: string;
  scheme: string;
  getAuthenticateFunction: (server: HapiServer) => { authenticate: Authenticate };
}

export class UnsupportedAuthorizerError extends Error {
  override name = 'UnsupportedAuthorizerError';
}

let strategyCount = 0;
let localStack: LocalStack | undefined;
const preflights = new CorsPreflights();
const verifiers = new Map<string, VerifyCognitoToken>();

/** The locally deployed stack, read once: serverless-offline starts after it is written. */
function stack(): LocalStack {
  localStack ??= readLocalStack(localStackFile);
  return localStack;
}

/** Uses `deployed` instead of reading the local stack file (unit tests). */
export function provideLocalStack(deployed: LocalStack): void {
  localStack = deployed;
  verifiers.clear();
}

/**
 * serverless-offline's `customAuthenticationProvider`: called once per endpoint, public ones
 * included, for the hapi auth strategy that guards it. Each route is authorized as the stack
 * deployed locally says API Gateway will authorize it (local/cloudformation/api-routes.ts):
 * a COGNITO_USER_POOLS method gets the token check on its authorizer's pools, others are open.
 * The first strategy also installs the API Gateway emulation on offline's server.
 */
export function createAuthStrategy(endpoint: HttpEndpoint, functionKey: string, method: string, path: string): AuthStrategy {
  preflights.add(path.replace(/^\//, ''), method, endpoint.cors);
  // hapi refuses a scheme or strategy name twice.
  const name = `local-cognito-${++strategyCount}-${functionKey}`;
  const route = `${method.toUpperCase()} /${path.replace(/^\//, '')}`;
  const authorization = stack().routes[route];
  if (!authorization) {
    throw new UnsupportedAuthorizerError(
      `${route} is served by serverless-offline but is not a method of the stack deployed locally (${localStackFile}).`,
    );
  }
  const authenticate = authorization.type === 'COGNITO_USER_POOLS' ? cognitoAuthenticate(authorization) : publicAuthenticate;
  return {
    name,
    scheme: name,
    getAuthenticateFunction: (server) => {
      const { stage, gatewayResponses } = stack();
      emulateApiGateway(server, { stage, gatewayResponses, preflights });
      answerMalformedRequestsLikeApiGateway(server as HapiServerInternals, gatewayResponses);
      return { authenticate };
    },
  };
}

export const publicAuthenticate: Authenticate = async (_request, h) => h.authenticated({ credentials: { context: authorizerContext() } });

function cognitoAuthenticate(authorization: Extract<RouteAuthorization, { type: 'COGNITO_USER_POOLS' }>): Authenticate {
  const verifiers = authorization.userPoolIds.map(verifierFor);
  return tokenAuthenticate({
    header: identitySourceHeader(authorization.identitySource),
    scopes: authorization.scopes,
    resultTtlSeconds: authorization.resultTtlSeconds,
    verify: verifiers.length === 1 ? verifiers[0]! : anyOf(verifiers),
  });
}

/** A token from any of the authorizer's pools passes (its issuer names the pool). */
function anyOf(verifiers: readonly VerifyCognitoToken[]): VerifyCognitoToken {
  return async (token, scopes) => {
    let refusal: unknown;
    for (const verify of verifiers) {
      try {
        return await verify(token, scopes);
      } catch (error) {
        refusal ??= error;
        if (!(error instanceof TokenRejectedError)) throw error;
      }
    }
    throw refusal;
  };
}

/** The verifier for a local pool, built once: its issuer is the emulator's URL as browsers see it. */
function verifierFor(poolId: string): VerifyCognitoToken {
  let verifier = verifiers.get(poolId);
  if (!verifier) {
    const { cognitoEndpoint } = stack();
    // The keys come from where this process reaches the emulator (the same URL, except inside a container network).
    verifier = createCognitoTokenVerifier({
      issuer: `${cognitoEndpoint}/${poolId}`,
      jwksUri: `${cognitoUrl}/${poolId}/.well-known/jwks.json`,
    });
    verifiers.set(poolId, verifier);
  }
  return verifier;
}

/**
 * `method.request.header.Authorization` → "authorization" (hapi lower-cases header names); the
 * local stage refused any other identity source at start (local/cloudformation/api-routes.ts).
 */
function identitySourceHeader(identitySource: string): string {
  return identitySource.slice('method.request.header.'.length).toLowerCase();
}
