import { describe, expect, it } from 'vitest';
import type { HttpApiCors } from '../cloudformation/http-api.ts';
import type { GatewayRequest } from './gateway-request.ts';
import { corsResponseHeaders, isPreflight, preflightResponse, withoutCorsHeaders } from './http-api-cors.ts';

const APP = 'http://localhost:5173';

const cors: HttpApiCors = {
  allowOrigins: [APP],
  allowMethods: ['GET', 'POST', 'OPTIONS'],
  allowHeaders: ['Content-Type', 'Authorization'],
  exposeHeaders: ['x-request-id'],
  allowCredentials: true,
  maxAge: 300,
};

function request(method: string, headers: Record<string, string>): GatewayRequest {
  return { method, path: '/items', headers, rawHeaders: Object.entries(headers).flat() };
}

const preflight = (origin = APP) => request('options', { origin, 'access-control-request-method': 'POST' });

describe('isPreflight', () => {
  it('is an OPTIONS request with Origin and Access-Control-Request-Method', () => {
    expect(isPreflight(preflight())).toBe(true);
    expect(isPreflight(request('options', { origin: APP }))).toBe(false);
    expect(isPreflight(request('options', { 'access-control-request-method': 'GET' }))).toBe(false);
    expect(isPreflight(request('get', { origin: APP, 'access-control-request-method': 'GET' }))).toBe(false);
  });
});

describe('preflightResponse', () => {
  it('answers an allowed origin 204 with the configured headers', () => {
    const answer = preflightResponse(cors, preflight());
    expect(answer).toMatchObject({ statusCode: 204, body: '' });
    expect(answer.headers).toEqual({
      'apigw-requestid': expect.any(String),
      'access-control-allow-origin': APP,
      'access-control-allow-methods': 'GET,POST,OPTIONS',
      'access-control-allow-headers': 'Content-Type,Authorization',
      'access-control-max-age': '300',
      'access-control-allow-credentials': 'true',
    });
  });

  it('answers another origin 204 without any CORS header', () => {
    const answer = preflightResponse(cors, preflight('https://evil.example'));
    expect(answer.statusCode).toBe(204);
    expect(Object.keys(answer.headers)).toEqual(['apigw-requestid']);
  });

  it('answers * when every origin is allowed, and leaves out what is not configured', () => {
    const open: HttpApiCors = { allowOrigins: ['*'], allowMethods: ['*'], allowHeaders: [], exposeHeaders: [], allowCredentials: false };
    expect(preflightResponse(open, preflight('https://any.example')).headers).toEqual({
      'apigw-requestid': expect.any(String),
      'access-control-allow-origin': '*',
      'access-control-allow-methods': '*',
    });
  });

  it('matches origins exactly', () => {
    expect(preflightResponse(cors, preflight(`${APP}/`)).headers['access-control-allow-origin']).toBeUndefined();
    expect(preflightResponse(cors, preflight('http://LOCALHOST:5173')).headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('corsResponseHeaders', () => {
  it('gives an allowed origin its origin, the exposed headers and credentials', () => {
    expect(corsResponseHeaders(cors, request('get', { origin: APP }))).toEqual({
      'access-control-allow-origin': APP,
      'access-control-expose-headers': 'x-request-id',
      'access-control-allow-credentials': 'true',
    });
  });

  it('gives nothing to a request without Origin, or from another origin', () => {
    expect(corsResponseHeaders(cors, request('get', {}))).toEqual({});
    expect(corsResponseHeaders(cors, request('get', { origin: 'https://evil.example' }))).toEqual({});
  });
});

describe('withoutCorsHeaders', () => {
  it('drops every Access-Control-* header, whatever its case, and keeps the others', () => {
    expect(
      withoutCorsHeaders({
        'Access-Control-Allow-Origin': '*',
        'access-control-max-age': '1',
        'Content-Type': 'text/plain',
        'set-cookie': ['a', 'b'],
      }),
    ).toEqual({
      'Content-Type': 'text/plain',
      'set-cookie': ['a', 'b'],
    });
  });
});
