import { describe, expect, it } from 'vitest';
import { bearerToken, identityToken } from './bearer-token.ts';
import type { GatewayRequest } from './gateway-request.ts';

function request(rawHeaders: string[]): GatewayRequest {
  const headers: Record<string, string> = {};
  for (let index = 0; index < rawHeaders.length; index += 2) headers[rawHeaders[index]!.toLowerCase()] ??= rawHeaders[index + 1]!;
  return { method: 'get', path: '/items', headers, rawHeaders };
}

describe('identityToken', () => {
  it('takes the token after `Bearer `', () => {
    expect(identityToken(request(['Authorization', 'Bearer abc']), 'authorization')).toEqual({ token: 'abc' });
  });

  it('takes a raw token as it is', () => {
    expect(identityToken(request(['Authorization', 'abc']), 'authorization')).toEqual({ token: 'abc' });
  });

  it('finds no token in an absent or empty header, nor in a bare `Bearer `', () => {
    expect(identityToken(request([]), 'authorization')).toEqual({ missing: 'absent' });
    expect(identityToken(request(['Authorization', '']), 'authorization')).toEqual({ missing: 'absent' });
    expect(identityToken(request(['Authorization', 'Bearer ']), 'authorization')).toEqual({ missing: 'absent' });
  });

  it('refuses two identity headers, whatever their case', () => {
    expect(identityToken(request(['Authorization', 'abc', 'authorization', 'def']), 'authorization')).toEqual({ missing: 'repeated' });
  });
});

describe('bearerToken', () => {
  it('strips nothing but the exact `Bearer ` prefix', () => {
    expect(bearerToken('bearer abc')).toBe('bearer abc');
    expect(bearerToken('Bearer  abc')).toBe(' abc');
  });
});
