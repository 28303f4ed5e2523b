import { describe, expect, it } from 'vitest';
import { CorsPreflights, type CorsSetting } from './cors-preflight.ts';

/** serverless v3's `Access-Control-Allow-Headers` for `cors: true`. */
const DEFAULT_ALLOW_HEADERS = 'Content-Type,X-Amz-Date,Authorization,X-Api-Key,X-Amz-Security-Token,X-Amz-User-Agent,X-Amzn-Trace-Id';

function preflights(...events: [path: string, method: string, cors: CorsSetting | undefined][]): CorsPreflights {
  const result = new CorsPreflights();
  for (const [path, method, cors] of events) result.add(path, method, cors);
  return result;
}

describe('CorsPreflights', () => {
  it("answers a `cors: true` GET path with serverless's default preflight headers", () => {
    expect(preflights(['api/x', 'get', true]).headersFor('api/x', undefined)).toEqual({
      'Content-Type': 'application/json',
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Headers': DEFAULT_ALLOW_HEADERS,
      'Access-Control-Allow-Methods': 'OPTIONS,GET',
    });
  });

  it('has no preflight for a path without cors', () => {
    expect(preflights(['api/x', 'get', undefined]).headersFor('api/x', undefined)).toBeUndefined();
  });

  it('has no preflight for a path with `cors: false`', () => {
    expect(preflights(['api/x', 'get', false]).headersFor('api/x', undefined)).toBeUndefined();
  });

  it('has no preflight for a path it does not know', () => {
    expect(preflights(['api/x', 'get', true]).headersFor('api/y', undefined)).toBeUndefined();
  });

  it('merges the methods of one path newest first, as lodash _.union(new, existing) does', () => {
    const headers = preflights(['api/x', 'get', true], ['api/x', 'post', true]).headersFor('api/x', undefined);
    expect(headers?.['Access-Control-Allow-Methods']).toBe('OPTIONS,POST,GET');
  });

  it('keeps the methods of different paths apart', () => {
    const cors = preflights(['api/x', 'get', true], ['api/y', 'post', true]);
    expect(cors.headersFor('api/x', undefined)?.['Access-Control-Allow-Methods']).toBe('OPTIONS,GET');
    expect(cors.headersFor('api/y', undefined)?.['Access-Control-Allow-Methods']).toBe('OPTIONS,POST');
  });

  it('answers the object form with its origin, headers, credentials, max age and cache control', () => {
    const cors = preflights([
      'api/x',
      'get',
      {
        origin: 'http://localhost:5173',
        headers: ['Content-Type', 'Authorization'],
        allowCredentials: true,
        maxAge: 86400,
        cacheControl: 'max-age=600, s-maxage=600',
      },
    ]);
    expect(cors.headersFor('api/x', undefined)).toEqual({
      'Content-Type': 'application/json',
      'Access-Control-Allow-Origin': 'http://localhost:5173',
      'Access-Control-Allow-Headers': 'Content-Type,Authorization',
      'Access-Control-Allow-Methods': 'OPTIONS,GET',
      'Access-Control-Allow-Credentials': 'true',
      'Access-Control-Max-Age': '86400',
      'Cache-Control': 'max-age=600, s-maxage=600',
    });
  });

  it('takes `headers` given as a single string', () => {
    const headers = preflights(['api/x', 'get', { headers: 'Authorization' }]).headersFor('api/x', undefined);
    expect(headers?.['Access-Control-Allow-Headers']).toBe('Authorization');
  });

  it("defaults the object form to origin * and serverless's default headers, without credentials", () => {
    expect(preflights(['api/x', 'get', {}]).headersFor('api/x', undefined)).toEqual({
      'Content-Type': 'application/json',
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Headers': DEFAULT_ALLOW_HEADERS,
      'Access-Control-Allow-Methods': 'OPTIONS,GET',
    });
  });

  it("puts listed methods first, then OPTIONS and the event's own method, as serverless does", () => {
    const headers = preflights(['api/x', 'get', { methods: ['PUT'] }]).headersFor('api/x', undefined);
    expect(headers?.['Access-Control-Allow-Methods']).toBe('PUT,OPTIONS,GET');
  });

  it('keeps Access-Control-Allow-Credentials once any method of the path allows credentials', () => {
    const headers = preflights(['api/x', 'get', { allowCredentials: true }], ['api/x', 'post', true]).headersFor('api/x', undefined);
    expect(headers?.['Access-Control-Allow-Credentials']).toBe('true');
  });

  it('echoes the request origin when it is one of `origins`', () => {
    const cors = preflights(['api/x', 'get', { origins: ['https://a.example', 'https://b.example'] }]);
    expect(cors.headersFor('api/x', 'https://b.example')?.['Access-Control-Allow-Origin']).toBe('https://b.example');
  });

  it('answers the first of `origins` to a request origin that is not listed', () => {
    const cors = preflights(['api/x', 'get', { origins: ['https://a.example', 'https://b.example'] }]);
    expect(cors.headersFor('api/x', 'https://evil.example')?.['Access-Control-Allow-Origin']).toBe('https://a.example');
  });

  it('answers the first of `origins` to a request without an origin', () => {
    const cors = preflights(['api/x', 'get', { origins: ['https://a.example', 'https://b.example'] }]);
    expect(cors.headersFor('api/x', undefined)?.['Access-Control-Allow-Origin']).toBe('https://a.example');
  });

  it('matches a path parameter such as users/{id} against users/42', () => {
    const cors = preflights(['users/{id}', 'get', true]);
    expect(cors.headersFor('users/42', undefined)?.['Access-Control-Allow-Methods']).toBe('OPTIONS,GET');
    expect(cors.headersFor('users/42/posts', undefined)).toBeUndefined();
    expect(cors.headersFor('users', undefined)).toBeUndefined();
  });

  it('matches a greedy {proxy+} parameter against several segments', () => {
    const cors = preflights(['files/{proxy+}', 'get', true]);
    expect(cors.headersFor('files/a/b/c.txt', undefined)?.['Access-Control-Allow-Methods']).toBe('OPTIONS,GET');
    expect(cors.headersFor('files', undefined)).toBeUndefined();
  });

  it('prefers the exact path to a parameter path that also matches', () => {
    const cors = preflights(['users/{id}', 'get', true], ['users/me', 'put', true]);
    expect(cors.headersFor('users/me', undefined)?.['Access-Control-Allow-Methods']).toBe('OPTIONS,PUT');
  });

  // serverless v3 (compile/events/api-gateway/lib/cors.js) replaces ANY by the methods it stands
  // for in the preflight's Access-Control-Allow-Methods; CorsPreflights answers `ANY` verbatim.
  it('spells out ANY as DELETE,GET,HEAD,PATCH,POST,PUT, as serverless does', () => {
    const headers = preflights(['api/x', 'any', true]).headersFor('api/x', undefined);
    expect(headers?.['Access-Control-Allow-Methods']).toBe('OPTIONS,DELETE,GET,HEAD,PATCH,POST,PUT');
  });

  // serverless v3 turns each of `origins` into a regex (`*` → `.+`) for the MOCK integration's
  // response template; CorsPreflights compares the origins as plain strings.
  it('echoes a request origin that matches a wildcard in `origins`', () => {
    const cors = preflights(['api/x', 'get', { origins: ['https://*.example.com'] }]);
    expect(cors.headersFor('api/x', 'https://app.example.com')?.['Access-Control-Allow-Origin']).toBe('https://app.example.com');
  });

  // serverless v3 splits an `origin` containing commas into `origins`.
  it('treats a comma-separated `origin` as a list of origins, as serverless does', () => {
    const cors = preflights(['api/x', 'get', { origin: 'https://a.example, https://b.example' }]);
    expect(cors.headersFor('api/x', 'https://b.example')?.['Access-Control-Allow-Origin']).toBe('https://b.example');
  });
});
