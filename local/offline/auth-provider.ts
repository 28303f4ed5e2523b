import { localStackFile } from '../config.ts';
import { readLocalStack, type LocalStack } from '../local-stack.ts';
import { emulateApiGateway, refuse } from './api-gateway.ts';
import { awsClaims } from './aws-claims.ts';
import { CorsPreflights, type CorsSetting } from './cors-preflight.ts';
import type { HapiRequest, HapiServer, HapiToolkit } from './hapi.ts';
import { TokenCache } from './token-cache.ts';
import { createCognitoTokenVerifier, TokenExpiredError, TokenRejectedError, type VerifyCognitoToken } from './verify-cognito-token.ts';

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

type Authenticate = (request: HapiRequest, h: HapiToolkit) => Promise<unknown>;

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

export interface TokenAuthenticateOptions {
  /** The identity source header, lower-cased as hapi keeps it. */
  readonly header: string;
  /** The method's `authorizationScopes`; none means ID tokens only. */
  readonly scopes: readonly string[];
  /** How long a verified token's result is reused (0: verify every request). */
  readonly resultTtlSeconds: number;
  readonly verify: VerifyCognitoToken;
}

/**
 * An auth scheme's `authenticate` for a COGNITO_USER_POOLS method: a request with a valid token
 * goes on with the token's claims, in AWS's string formats; any other is refused exactly as API
 * Gateway refuses it, while the terminal gets the real reason.
 */
export function tokenAuthenticate(options: TokenAuthenticateOptions): Authenticate {
  const cache = new TokenCache<Record<string, string>>(options.resultTtlSeconds);
  return async (request, h) => {
    const refusal = (reason: string) => console.warn(`[authorizer] ${request.method.toUpperCase()} ${request.path} refused: ${reason}`);
    // Node keeps only the first of two Authorization headers; which one API Gateway would read
    // is undocumented, so refuse both (the strict side).
    if (headerCount(request, options.header) > 1) {
      refusal(`more than one ${options.header} header`);
      return refuse(request, h, 'UNAUTHORIZED');
    }
    const token = bearerToken(request.headers[options.header]);
    if (!token) {
      refusal(`no ${options.header} header`);
      return refuse(request, h, 'UNAUTHORIZED');
    }
    try {
      let claims = cache.get(token);
      if (!claims) {
        const payload = await options.verify(token, options.scopes);
        claims = awsClaims(payload);
        cache.set(token, claims, payload.exp!);
      }
      return h.authenticated({ credentials: { context: authorizerContext(claims) } });
    } catch (error) {
      if (error instanceof TokenRejectedError) {
        refusal((error as Error).message);
        return refuse(request, h, 'UNAUTHORIZED', error instanceof TokenExpiredError ? 'The incoming token has expired' : undefined);
      }
      console.error(`[authorizer] ${request.method.toUpperCase()} ${request.path} failed:`, error);
      return refuse(request, h, 'AUTHORIZER_FAILURE');
    }
  };
}

/**
 * What becomes `requestContext.authorizer`. serverless-offline assigns onto it an unverified
 * decode of any Authorization header, its own principalId and scopes: setters that ignore them
 * keep AWS's shape — `{ claims }` on a Cognito route, `{}` on a public one.
 */
export function authorizerContext(claims?: Record<string, string>): object {
  const context = {};
  Object.defineProperty(context, 'claims', { enumerable: claims !== undefined, get: () => claims, set: () => {} });
  for (const ignored of ['principalId', 'scopes']) {
    Object.defineProperty(context, ignored, { enumerable: false, get: () => undefined, set: () => {} });
  }
  return context;
}

/** The verifier for a pool of this stack, built once: its issuer comes from the local deploy. */
function verifierFor(poolLogicalId: string): VerifyCognitoToken {
  let verifier = verifiers.get(poolLogicalId);
  if (!verifier) {
    const { physicalIds, cognitoEndpoint } = stack();
    const poolId = physicalIds[poolLogicalId];
    if (!poolId) throw new UnsupportedAuthorizerError(`${poolLogicalId} is not a user pool deployed locally (${localStackFile}).`);
    const issuer = `${cognitoEndpoint}/${poolId}`;
    verifier = createCognitoTokenVerifier({ issuer, jwksUri: `${issuer}/.well-known/jwks.json` });
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

function headerCount(request: HapiRequest, header: string): number {
  return request.raw.req.rawHeaders.filter((name, index) => index % 2 === 0 && name.toLowerCase() === header).length;
}

/** API Gateway takes the raw token or `Bearer <token>`; nothing else is stripped. */
function bearerToken(value: string | undefined): string | undefined {
  if (!value) return undefined;
  return value.startsWith('Bearer ') ? value.slice('Bearer '.length) : value;
}
