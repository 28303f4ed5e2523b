import { describe, expect, it } from 'vitest';
import { httpApiClaims, tokenScopes } from './http-api-claims.ts';

describe('httpApiClaims', () => {
  it('turns every claim into a string, as the HTTP API hands them to the Lambda', () => {
    expect(
      httpApiClaims({
        sub: '4f1c2a4e',
        exp: 1612061676,
        auth_time: 1612053076,
        email_verified: true,
        ratio: 1.5,
        'cognito:groups': ['admin', 'editors'],
        nested: { a: 1 },
        mixed: ['a', 2, { b: true }],
      }),
    ).toEqual({
      sub: '4f1c2a4e',
      exp: '1612061676',
      auth_time: '1612053076',
      email_verified: 'true',
      ratio: '1.5',
      'cognito:groups': '[admin editors]',
      nested: '{"a":1}',
      mixed: '[a 2 {"b":true}]',
    });
  });

  it('leaves null-valued claims out', () => {
    expect(httpApiClaims({ sub: 'x', nickname: null })).toEqual({ sub: 'x' });
  });

  it('writes an empty list as []', () => {
    expect(httpApiClaims({ 'cognito:groups': [] })).toEqual({ 'cognito:groups': '[]' });
  });
});

describe('tokenScopes', () => {
  it("splits Cognito's space-separated scope claim", () => {
    expect(tokenScopes({ scope: 'orders/read  orders/write' })).toEqual(['orders/read', 'orders/write']);
  });

  it('reads scp first, as a list or a string', () => {
    expect(tokenScopes({ scp: ['a', 'b'], scope: 'c' })).toEqual(['a', 'b']);
    expect(tokenScopes({ scp: 'a b' })).toEqual(['a', 'b']);
  });

  it('finds none in a token without scope or scp', () => {
    expect(tokenScopes({ token_use: 'id' })).toEqual([]);
    expect(tokenScopes({ scope: ' ' })).toEqual([]);
  });
});
