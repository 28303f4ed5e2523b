import { describe, expect, it, vi } from 'vitest';
import type { Authorize } from '../api-gateway/cognito-authorizer.ts';
import { LocalApiGateway } from '../api-gateway/local-api-gateway.ts';
import { ServedApis } from '../api-gateway/served-apis.ts';
import type { HapiRequest, HapiResponse, HapiToolkit } from './hapi-server.ts';
import { authorizerContext } from './authorizer-context.ts';
import { authenticateWith, OfflineAdapter } from './offline-adapter.ts';

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

/** The claims the Lambda would see, as serverless-offline copies the context into the event. */
function claimsOf(result: unknown): unknown {
  const context = (result as { authenticated: { credentials: { context: object } } }).authenticated.credentials.context;
  return JSON.parse(JSON.stringify(Object.assign(context, { claims: { forged: 'yes' }, principalId: 'x' })));
}

const refusalsOf = (req: HapiRequest) => Object.getOwnPropertySymbols(req.app).map((key) => (req.app as Record<symbol, unknown>)[key]);

describe('authenticateWith', () => {
  it("hands the authorizer's claims to serverless-offline as credentials.context, whatever it assigns onto them", async () => {
    const authorize: Authorize = async () => ({ allow: true, claims: { email: 'ada@example.com' } });
    const result = await authenticateWith(authorize)(request({ authorization: 'Bearer abc' }), fakeToolkit().toolkit);
    expect(claimsOf(result)).toEqual({ claims: { email: 'ada@example.com' } });
  });

  it('ends a refused request with 401, keeping the refusal for the gateway response', async () => {
    const { toolkit, answer } = fakeToolkit();
    const req = request({});
    await authenticateWith(async () => ({ allow: false, refusal: { type: 'UNAUTHORIZED' } }))(req, toolkit);
    expect(answer).toEqual({ status: 401, takenOver: true });
    expect(refusalsOf(req)).toEqual([{ type: 'UNAUTHORIZED' }]);
  });

  it('ends an authorizer failure with 500', async () => {
    const { toolkit, answer } = fakeToolkit();
    const req = request({ authorization: 'Bearer abc' });
    await authenticateWith(async () => ({ allow: false, refusal: { type: 'AUTHORIZER_FAILURE', message: undefined } }))(req, toolkit);
    expect(answer.status).toBe(500);
    expect(refusalsOf(req)).toEqual([{ type: 'AUTHORIZER_FAILURE', message: undefined }]);
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

describe('OfflineAdapter.authStrategy', () => {
  const deployed = {
    stage: 'local',
    cognitoEndpoint: 'http://127.0.0.1:9229',
    gatewayResponses: {},
    routes: { 'GET /api/helloWorld': { type: 'NONE' } },
  } as const;

  function adapter(): OfflineAdapter {
    const offline = new OfflineAdapter({ serviceDir: process.cwd(), service: { getAllFunctionsNames: () => [] } });
    offline.serve(
      new ServedApis(new LocalApiGateway(deployed, { cognitoUrl: 'http://127.0.0.1:9229', stackFile: 'stack.json' }), undefined, 'local'),
    );
    return offline;
  }

  it('lets every request through on a route without an authorizer, with no claims', async () => {
    const { getAuthenticateFunction } = adapter().authStrategy({}, 'helloWorld', 'GET', 'api/helloWorld');
    const result = await getAuthenticateFunction().authenticate(request({ authorization: 'Bearer forged' }), fakeToolkit().toolkit);
    expect(claimsOf(result)).toEqual({});
  });

  it('names each strategy uniquely, as hapi requires', () => {
    const offline = adapter();
    const first = offline.authStrategy({}, 'helloWorld', 'GET', 'api/helloWorld');
    const second = offline.authStrategy({}, 'helloWorld', 'GET', 'api/helloWorld');
    expect(first.name).not.toBe(second.name);
    expect(first.scheme).toBe(first.name);
  });

  it('refuses to make a strategy before the local stage served its gateway', () => {
    const offline = new OfflineAdapter({ serviceDir: process.cwd(), service: { getAllFunctionsNames: () => [] } });
    expect(() => offline.authStrategy({}, 'helloWorld', 'GET', 'api/helloWorld')).toThrow(/before the local stage deployed it/);
  });

  it('leaves the process environment alone until installed', () => {
    vi.stubEnv('AUTHORIZER', '{"principalId":"forged"}');
    adapter();
    expect(process.env.AUTHORIZER).toBe('{"principalId":"forged"}');
    vi.unstubAllEnvs();
  });
});
