import { headerCount, type GatewayRequest } from './gateway-request.ts';

/** What an identity source header holds: one token, none, or more than one header. */
export type IdentityToken = { readonly token: string } | { readonly missing: 'absent' | 'repeated' };

/**
 * The token in the identity source header `header` (lower-case). API Gateway takes the raw token
 * or `Bearer <token>`; nothing else is stripped. Which of two such headers it would read is
 * undocumented: both are refused (the strict side). Node itself answers a second Authorization
 * header with a bare 400.
 */
export function identityToken(request: GatewayRequest, header: string): IdentityToken {
  if (headerCount(request, header) > 1) return { missing: 'repeated' };
  const token = bearerToken(request.headers[header]);
  return token ? { token } : { missing: 'absent' };
}

/** `Bearer <token>` → the token; a raw token as it is. */
export function bearerToken(value: string | undefined): string | undefined {
  if (!value) return undefined;
  return value.startsWith('Bearer ') ? value.slice('Bearer '.length) : value;
}
