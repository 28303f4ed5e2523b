import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAuthStrategy, provideLocalStack, publicAuthenticate, UnsupportedAuthorizerError } from './auth-provider.ts';
import { authorizerContext, tokenAuthenticate } from './cognito-authorizer.ts';
import type { HapiRequest, HapiResponse, HapiToolkit } from './hapi.ts';
import { TokenExpiredError, TokenRejectedError } from './verify-cognito-token.ts';

/** Records what an auth scheme answered, as hapi's toolkit would carry it out. */
function fakeToolkit() {
  const answer = { status: 0, takenOver: false };
  const response = {
    code: (status: number) => ((answer.status = status), response),
    takeover: () => ((answer.takenOver = true), response),
  } as unknown as HapiResponse;
  const toolkit = {
    continue: Symbol('continue'),
    authenticated: (result: { credentials: object }) => ({ authenticated: result }),
    response: () => response,
  } as HapiToolkit;
  return { toolkit, answer };
}

function request(headers: Record<string, string>): HapiRequest {
  const rawHeaders = Object.entries(headers).flat();
  return { method: 'get', path: '/local/api/helloWorldSecured', headers, raw: { req: { rawHeaders } }, app: {} } as unknown as HapiRequest;
}

const NOW = Math.floor(Date.now() / 1000);
const idClaims = { email: 'ada@example.com', token_use: 'id', email_verified: true, exp: NOW + 3600, iat: NOW, auth_time: NOW };

function authenticateWith(verify: (token: string, scopes?: readonly string[]) => Promise<object>, options = {}) {
  return tokenAuthenticate({ header: 'authorization', scopes: [], resultTtlSeconds: 300, verify: verify as never, ...options });
}

/** The claims the Lambda would see, as serverless-offline copies the context into the event. */
function claimsOf(result: unknown): unknown {
  const context = (result as { authenticated: { credentials: { context: object } } }).authenticated.credentials.context;
  return JSON.parse(JSON.stringify(Object.assign(context, { claims: { forged: 'yes' }, principalId: 'x' })));
}

describe('tokenAuthenticate', () => {
  afterEach(() => vi.restoreAllMocks());

  it('passes the verified claims on, as strings in AWS formats', async () => {
    const verify = vi.fn(async () => idClaims);
    const { toolkit } = fakeToolkit();
    const result = await authenticateWith(verify)(request({ authorization: 'Bearer abc' }), toolkit);
    expect(verify).toHaveBeenCalledWith('abc', []);
    expect(claimsOf(result)).toEqual({
      claims: expect.objectContaining({ email: 'ada@example.com', email_verified: 'true', auth_time: String(NOW) }),
    });
  });

  it('accepts the raw token without a scheme, as API Gateway does', async () => {
    const verify = vi.fn(async () => idClaims);
    await authenticateWith(verify)(request({ authorization: 'abc' }), fakeToolkit().toolkit);
    expect(verify).toHaveBeenCalledWith('abc', []);
  });

  it("hands the method's scopes to the verifier", async () => {
    const verify = vi.fn(async () => ({ ...idClaims, token_use: 'access' }));
    await authenticateWith(verify, { scopes: ['orders/read'] })(request({ authorization: 'abc' }), fakeToolkit().toolkit);
    expect(verify).toHaveBeenCalledWith('abc', ['orders/read']);
  });

  it("reuses a verified token's result within the TTL", async () => {
    const verify = vi.fn(async () => idClaims);
    const authenticate = authenticateWith(verify);
    await authenticate(request({ authorization: 'abc' }), fakeToolkit().toolkit);
    await authenticate(request({ authorization: 'abc' }), fakeToolkit().toolkit);
    expect(verify).toHaveBeenCalledTimes(1);
  });

  it('verifies every request when the TTL is 0', async () => {
    const verify = vi.fn(async () => idClaims);
    const authenticate = authenticateWith(verify, { resultTtlSeconds: 0 });
    await authenticate(request({ authorization: 'abc' }), fakeToolkit().toolkit);
    await authenticate(request({ authorization: 'abc' }), fakeToolkit().toolkit);
    expect(verify).toHaveBeenCalledTimes(2);
  });

  it('refuses two Authorization headers, even if one is valid', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const verify = vi.fn(async () => idClaims);
    const { toolkit, answer } = fakeToolkit();
    const req = request({ authorization: 'Bearer abc' });
    req.raw.req.rawHeaders.push('Authorization', 'Bearer other');
    await authenticateWith(verify)(req, toolkit);
    expect(verify).not.toHaveBeenCalled();
    expect(answer.status).toBe(401);
  });

  it('reads only the configured identity source header', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const verify = vi.fn(async () => idClaims);
    const { toolkit, answer } = fakeToolkit();
    await authenticateWith(verify, { header: 'x-id-token' })(request({ authorization: 'Bearer abc' }), toolkit);
    expect(verify).not.toHaveBeenCalled();
    expect(answer).toEqual({ status: 401, takenOver: true });
  });

  it('refuses a missing token with 401 and logs why', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { toolkit, answer } = fakeToolkit();
    const req = request({});
    await authenticateWith(async () => idClaims)(req, toolkit);
    expect(answer).toEqual({ status: 401, takenOver: true });
    expect(Object.getOwnPropertySymbols(req.app).map((key) => (req.app as Record<symbol, unknown>)[key])).toEqual([
      { type: 'UNAUTHORIZED' },
    ]);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('no authorization header'));
  });

  it('refuses a rejected token without saying why to the client', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const req = request({ authorization: 'Bearer abc' });
    await authenticateWith(async () => {
      throw new TokenRejectedError('algorithm HS256 is not RS256');
    })(req, fakeToolkit().toolkit);
    const [refusal] = Object.getOwnPropertySymbols(req.app).map((key) => (req.app as Record<symbol, unknown>)[key]);
    expect(refusal).toEqual({ type: 'UNAUTHORIZED', message: undefined });
  });

  it('tells an expired token apart, as API Gateway does', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const req = request({ authorization: 'Bearer abc' });
    await authenticateWith(async () => {
      throw new TokenExpiredError('the token has expired');
    })(req, fakeToolkit().toolkit);
    const [refusal] = Object.getOwnPropertySymbols(req.app).map((key) => (req.app as Record<symbol, unknown>)[key]);
    expect(refusal).toEqual({ type: 'UNAUTHORIZED', message: 'The incoming token has expired' });
  });

  it('answers a crash of the check itself with AUTHORIZER_FAILURE (500)', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const { toolkit, answer } = fakeToolkit();
    const req = request({ authorization: 'Bearer abc' });
    await authenticateWith(async () => {
      throw new TypeError('boom');
    })(req, toolkit);
    expect(answer.status).toBe(500);
    const [refusal] = Object.getOwnPropertySymbols(req.app).map((key) => (req.app as Record<symbol, unknown>)[key]);
    expect(refusal).toEqual({ type: 'AUTHORIZER_FAILURE', message: undefined });
  });
});

describe('authorizerContext', () => {
  it("keeps serverless-offline's unverified claims, principalId and scopes out", () => {
    const context = Object.assign(authorizerContext({ email: 'ada@example.com' }), {
      claims: { email: 'mallory@example.com' },
      principalId: 'offlineContext_authorizer_principalId',
      scopes: ['x'],
    });
    expect(JSON.parse(JSON.stringify(context))).toEqual({ claims: { email: 'ada@example.com' } });
  });

  it('is empty on a public route, whatever token the client sends', () => {
    const context = Object.assign(authorizerContext(), { claims: { email: 'mallory@example.com' } });
    expect(JSON.parse(JSON.stringify(context))).toEqual({});
  });
});

describe('createAuthStrategy', () => {
  it('lets every request through on a route without an authorizer, with no claims', async () => {
    const result = await publicAuthenticate(request({ authorization: 'Bearer forged' }), fakeToolkit().toolkit);
    expect(claimsOf(result)).toEqual({});
  });

  const deployed = {
    stage: 'local',
    cognitoEndpoint: 'http://127.0.0.1:9229',
    physicalIds: {},
    outputs: {},
    gatewayResponses: {},
    routes: {
      'GET /api/helloWorld': { type: 'NONE' },
      'POST /orders/{id}': {
        type: 'COGNITO_USER_POOLS',
        authorizer: 'SharedAuthorizer',
        identitySource: 'method.request.header.X-Token',
        resultTtlSeconds: 0,
        userPoolIds: ['local_a'],
        scopes: [],
      },
    },
  } as const;

  it('names each strategy uniquely, as hapi requires', () => {
    provideLocalStack(deployed);
    const first = createAuthStrategy({}, 'helloWorld', 'GET', 'api/helloWorld');
    const second = createAuthStrategy({}, 'helloWorld', 'GET', 'api/helloWorld');
    expect(first.name).not.toBe(second.name);
    expect(first.scheme).toBe(first.name);
  });

  it('refuses a route the deployed stack does not have, naming it', () => {
    provideLocalStack(deployed);
    expect(() => createAuthStrategy({}, 'fn', 'GET', 'api/x')).toThrow(UnsupportedAuthorizerError);
    expect(() => createAuthStrategy({}, 'fn', 'GET', 'api/x')).toThrow(/GET \/api\/x/);
  });
});
