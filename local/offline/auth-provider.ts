import { cognitoUrl, localStackFile } from '../config.ts';
import { readLocalStack, type LocalStack } from '../local-stack.ts';
import { emulateApiGateway } from './api-gateway.ts';
import { authorizerContext, tokenAuthenticate, type Authenticate } from './cognito-authorizer.ts';
import { CorsPreflights, type CorsSetting } from './cors-preflight.ts';
import type { HapiServer, HapiServerInternals } from './hapi.ts';
import { answerMalformedRequestsLikeApiGateway } from './malformed-requests.ts';
import { createCognitoTokenVerifier, type VerifyCognitoToken } from './verify-cognito-token.ts';

/** The slice of an http event from serverless.yml that decides how a route is authorized. */
export interface HttpEndpoint {
  cors?: CorsSetting;
  authorizer?: {
    name?: string;
    type?: string;
    arn?: unknown;
    identitySource?: string;
    scopes?: string[];
    resultTtlInSeconds?: number | string;
  };
}

export interface AuthStrategy {
  name: string;
  scheme: string;
  getAuthenticateFunction: (server: HapiServer) => { authenticate: Authenticate };
}

export class UnsupportedAuthorizerError extends Error {
  override name = 'UnsupportedAuthorizerError';
}

const DEFAULT_IDENTITY_SOURCE = 'method.request.header.Authorization';
/** API Gateway's default authorizer result TTL. */
const DEFAULT_RESULT_TTL_SECONDS = 300;

// serverless-offline would take a whole authorizer object from this variable.
delete process.env.AUTHORIZER;

let strategyCount = 0;
let localStack: LocalStack | undefined;
const preflights = new CorsPreflights();
const verifiers = new Map<string, VerifyCognitoToken>();

/** The locally deployed stack, read once: serverless-offline starts after it is written. */
function stack(): LocalStack {
  localStack ??= readLocalStack(localStackFile);
  return localStack;
}

/**
 * serverless-offline's `customAuthenticationProvider`: called once per endpoint, public ones
 * included, for the hapi auth strategy that guards it. Routes with a COGNITO_USER_POOLS
 * authorizer get the local pool's token check; other routes are open. The first strategy also
 * installs the API Gateway emulation on offline's server.
 */
export function createAuthStrategy(endpoint: HttpEndpoint, functionKey: string, method: string, path: string): AuthStrategy {
  preflights.add(path.replace(/^\//, ''), method, endpoint.cors);
  // hapi refuses a scheme or strategy name twice.
  const name = `local-cognito-${++strategyCount}-${functionKey}`;
  const authenticate = endpoint.authorizer ? cognitoAuthenticate(endpoint.authorizer, `${method} ${path}`) : publicAuthenticate;
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

function cognitoAuthenticate(authorizer: NonNullable<HttpEndpoint['authorizer']>, route: string): Authenticate {
  const poolLogicalId = userPoolLogicalId(authorizer.arn);
  if (authorizer.type?.toUpperCase() !== 'COGNITO_USER_POOLS' || poolLogicalId === undefined) {
    throw new UnsupportedAuthorizerError(
      `${route}: the local stack emulates COGNITO_USER_POOLS authorizers on a user pool of this stack ` +
        `(arn: { Fn::GetAtt: [<UserPool>, Arn] }); got ${JSON.stringify(authorizer)}.`,
    );
  }
  return tokenAuthenticate({
    header: identitySourceHeader(authorizer.identitySource ?? DEFAULT_IDENTITY_SOURCE),
    scopes: authorizer.scopes ?? [],
    resultTtlSeconds: Number(authorizer.resultTtlInSeconds ?? DEFAULT_RESULT_TTL_SECONDS),
    verify: (token, scopes) => verifierFor(poolLogicalId)(token, scopes),
  });
}

/** The verifier for a pool of this stack, built once: its issuer comes from the local deploy. */
function verifierFor(poolLogicalId: string): VerifyCognitoToken {
  let verifier = verifiers.get(poolLogicalId);
  if (!verifier) {
    const { physicalIds, cognitoEndpoint } = stack();
    const poolId = physicalIds[poolLogicalId];
    if (!poolId) throw new UnsupportedAuthorizerError(`${poolLogicalId} is not a user pool deployed locally (${localStackFile}).`);
    // The issuer is the URL browsers use; the keys come from where this process reaches the
    // emulator (the same URL, except inside a container network).
    verifier = createCognitoTokenVerifier({ issuer: `${cognitoEndpoint}/${poolId}`, jwksUri: `${cognitoUrl}/${poolId}/.well-known/jwks.json` });
    verifiers.set(poolLogicalId, verifier);
  }
  return verifier;
}

/** `{ "Fn::GetAtt": ["CognitoUserPool", "Arn"] }` → "CognitoUserPool". */
function userPoolLogicalId(arn: unknown): string | undefined {
  const getAtt = (arn as { 'Fn::GetAtt'?: unknown } | undefined)?.['Fn::GetAtt'];
  return Array.isArray(getAtt) && getAtt[1] === 'Arn' && typeof getAtt[0] === 'string' ? getAtt[0] : undefined;
}

/** `method.request.header.Authorization` → "authorization" (hapi lower-cases header names). */
function identitySourceHeader(identitySource: string): string {
  const prefix = 'method.request.header.';
  if (!identitySource.startsWith(prefix)) {
    throw new UnsupportedAuthorizerError(`identitySource ${identitySource}: Cognito authorizers read a header (${prefix}<Name>).`);
  }
  return identitySource.slice(prefix.length).toLowerCase();
}
