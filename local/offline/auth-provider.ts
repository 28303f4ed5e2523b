import { localStackFile } from '../config.ts';
import { readLocalStack } from '../local-stack.ts';
import { createIdTokenVerifier, TokenExpiredError, type VerifyIdToken } from './verify-id-token.ts';

/** The slice of an http event from serverless.yml that decides how a route is authorized. */
interface HttpEndpoint {
  authorizer?: {
    name?: string;
    type?: string;
    arn?: unknown;
    identitySource?: string;
  };
}

/** The slice of hapi's request and response toolkit an auth scheme uses. */
export interface HapiRequest {
  method: string;
  path: string;
  headers: Record<string, string | undefined>;
}
export interface HapiToolkit {
  authenticated(result: { credentials: object }): unknown;
  response(body: unknown): { code(status: number): HapiResponse };
}
export interface HapiResponse {
  header(name: string, value: string): HapiResponse;
  takeover(): unknown;
}

export interface AuthStrategy {
  name: string;
  scheme: string;
  getAuthenticateFunction: () => { authenticate(request: HapiRequest, h: HapiToolkit): Promise<unknown> };
}

export class UnsupportedAuthorizerError extends Error {
  override name = 'UnsupportedAuthorizerError';
}

const DEFAULT_IDENTITY_SOURCE = 'method.request.header.Authorization';

let strategyCount = 0;
const verifiers = new Map<string, VerifyIdToken>();

/**
 * serverless-offline's `customAuthenticationProvider`: called once per endpoint, public ones
 * included, for the hapi auth strategy that guards it. Routes with a COGNITO_USER_POOLS
 * authorizer get a verifier of the local pool's ID tokens; other routes are open.
 */
export function createAuthStrategy(endpoint: HttpEndpoint, functionKey: string, method: string, path: string): AuthStrategy {
  // hapi refuses a scheme or strategy name twice.
  const name = `local-cognito-${++strategyCount}-${functionKey}`;
  const authenticate = endpoint.authorizer
    ? cognitoAuthenticate(endpoint.authorizer, `${method} ${path}`)
    : async (_request: HapiRequest, h: HapiToolkit) => h.authenticated({ credentials: {} });
  return { name, scheme: name, getAuthenticateFunction: () => ({ authenticate }) };
}

function cognitoAuthenticate(authorizer: NonNullable<HttpEndpoint['authorizer']>, route: string) {
  const poolLogicalId = userPoolLogicalId(authorizer.arn);
  if (authorizer.type?.toUpperCase() !== 'COGNITO_USER_POOLS' || poolLogicalId === undefined) {
    throw new UnsupportedAuthorizerError(
      `${route}: the local stack emulates COGNITO_USER_POOLS authorizers on a user pool of this stack ` +
        `(arn: { Fn::GetAtt: [<UserPool>, Arn] }); got ${JSON.stringify(authorizer)}.`,
    );
  }
  const header = identitySourceHeader(authorizer.identitySource ?? DEFAULT_IDENTITY_SOURCE);
  return idTokenAuthenticate(header, verifierFor(poolLogicalId));
}

/**
 * An auth scheme's `authenticate` that lets a request through with a valid ID token in `header`
 * and otherwise answers as API Gateway does, logging the real reason in the terminal.
 */
export function idTokenAuthenticate(header: string, verifyIdToken: VerifyIdToken) {
  return async (request: HapiRequest, h: HapiToolkit) => {
    const token = bearerToken(request.headers[header]);
    try {
      if (!token) throw new Error(`no ${header} header`);
      const claims = await verifyIdToken(token);
      return h.authenticated({ credentials: { claims, context: {} } });
    } catch (error) {
      const expired = error instanceof TokenExpiredError;
      console.warn(`[authorizer] 401 ${request.method.toUpperCase()} ${request.path}: ${(error as Error).message}`);
      return h
        .response({ message: expired ? 'The incoming token has expired' : 'Unauthorized' })
        .code(401)
        .header('x-amzn-ErrorType', 'UnauthorizedException')
        .takeover();
    }
  };
}

/** The verifier for a pool of this stack, built once: its issuer comes from the local deploy. */
function verifierFor(poolLogicalId: string): VerifyIdToken {
  let verifier = verifiers.get(poolLogicalId);
  if (!verifier) {
    const stack = readLocalStack(localStackFile);
    const poolId = stack.physicalIds[poolLogicalId];
    if (!poolId) throw new UnsupportedAuthorizerError(`${poolLogicalId} is not a user pool deployed locally (${localStackFile}).`);
    const issuer = `${stack.cognitoEndpoint}/${poolId}`;
    verifier = createIdTokenVerifier({ issuer, jwksUri: `${issuer}/.well-known/jwks.json` });
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

/** API Gateway accepts the raw token or `Bearer <token>`. */
function bearerToken(value: string | undefined): string | undefined {
  if (!value) return undefined;
  return value.startsWith('Bearer ') ? value.slice('Bearer '.length) : value;
}
