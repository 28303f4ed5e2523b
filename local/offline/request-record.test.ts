import { describe, expect, it } from 'vitest';
import type { HapiRequest } from './hapi-server.ts';
import { decisionNote, devRequest, noteDecision, noteRoute } from './request-record.ts';

const hapiRequest = (method = 'get', path = '/local/api/orders/4') =>
  ({ method, path, app: {}, info: { cors: null, received: 1_000 } }) as unknown as HapiRequest;

describe('devRequest', () => {
  it('is the route, its authorizer, the refusal in words with its status, and the latency', () => {
    const request = hapiRequest();
    noteRoute(request, { api: 'rest', route: 'GET /api/orders/{id}', authorizer: 'COGNITO_USER_POOLS CognitoAuthorizer' });
    noteDecision(request, decisionNote({ allow: false, reason: 'the token expired 3 min ago' }));
    expect(devRequest(request, 401, 'rest', 1_012)).toEqual({
      at: 1_000,
      api: 'rest',
      method: 'GET',
      path: '/local/api/orders/4',
      route: 'GET /api/orders/{id}',
      authorizer: 'COGNITO_USER_POOLS CognitoAuthorizer',
      decision: '401: the token expired 3 min ago',
      status: 401,
      latencyMs: 12,
    });
  });

  it("says an allow's verdict, and `allowed` when the authorizer gave none", () => {
    const request = hapiRequest();
    noteRoute(request, { api: 'http', route: 'GET /items', authorizer: 'Lambda REQUEST Auth' });
    noteDecision(request, decisionNote({ allow: true, verdict: 'allowed from the cached answer' }));
    expect(devRequest(request, 200, 'rest', 1_001)).toMatchObject({ api: 'http', decision: 'allowed from the cached answer' });
    noteDecision(request, decisionNote({ allow: true }));
    expect(devRequest(request, 200, 'rest', 1_001).decision).toBe('allowed');
  });

  it('has no authorizer nor decision on a public route, and no route when none matched', () => {
    const publicRoute = hapiRequest();
    noteRoute(publicRoute, { api: 'rest', route: 'GET /api/hello' });
    noteDecision(publicRoute, decisionNote({ allow: true }));
    expect(devRequest(publicRoute, 200, 'rest', 1_000)).toEqual({
      at: 1_000,
      api: 'rest',
      method: 'GET',
      path: '/local/api/orders/4',
      route: 'GET /api/hello',
      status: 200,
      latencyMs: 0,
    });
    const nowhere = devRequest(hapiRequest('post', '/nowhere'), 403, 'http', 1_005);
    expect(nowhere).toEqual({ at: 1_000, api: 'http', method: 'POST', path: '/nowhere', status: 403, latencyMs: 5 });
  });
});
