import { afterEach, describe, expect, it, vi } from 'vitest';
import { OffsetClock } from '../clock.ts';
import { allowEveryone, cognitoAuthorizer, type AuthorizerDecision } from './cognito-authorizer.ts';
import type { GatewayRequest } from './gateway-request.ts';
import { TokenExpiredError, TokenRejectedError } from './verify-cognito-token.ts';

function request(headers: Record<string, string>, extraRawHeaders: string[] = []): GatewayRequest {
  return {
    method: 'get',
    path: '/local/api/helloWorldSecured',
    headers,
    rawHeaders: [...Object.entries(headers).flat(), ...extraRawHeaders],
  };
}

const NOW = Math.floor(Date.now() / 1000);
const idClaims = { email: 'ada@example.com', token_use: 'id', email_verified: true, exp: NOW + 3600, iat: NOW, auth_time: NOW };

function authorizerWith(verify: (token: string, scopes?: readonly string[]) => Promise<object>, options = {}) {
  return cognitoAuthorizer({ header: 'authorization', scopes: [], resultTtlSeconds: 300, verify: verify as never, ...options });
}

const refusalOf = (decision: AuthorizerDecision) => (decision.allow ? undefined : decision.refusal);

describe('cognitoAuthorizer', () => {
  afterEach(() => vi.restoreAllMocks());

  it('passes the verified claims on, as strings in AWS formats', async () => {
    const verify = vi.fn(async () => idClaims);
    const decision = await authorizerWith(verify)(request({ authorization: 'Bearer abc' }));
    expect(verify).toHaveBeenCalledWith('abc', []);
    expect(decision).toEqual({
      allow: true,
      claims: expect.objectContaining({ email: 'ada@example.com', email_verified: 'true', auth_time: String(NOW) }),
      verdict: 'allowed',
    });
  });

  it('accepts the raw token without a scheme, as API Gateway does', async () => {
    const verify = vi.fn(async () => idClaims);
    await authorizerWith(verify)(request({ authorization: 'abc' }));
    expect(verify).toHaveBeenCalledWith('abc', []);
  });

  it("hands the method's scopes to the verifier", async () => {
    const verify = vi.fn(async () => ({ ...idClaims, token_use: 'access' }));
    await authorizerWith(verify, { scopes: ['orders/read'] })(request({ authorization: 'abc' }));
    expect(verify).toHaveBeenCalledWith('abc', ['orders/read']);
  });

  it("reuses a verified token's result within the TTL", async () => {
    const verify = vi.fn(async () => idClaims);
    const authorize = authorizerWith(verify);
    await authorize(request({ authorization: 'abc' }));
    await authorize(request({ authorization: 'abc' }));
    expect(verify).toHaveBeenCalledTimes(1);
  });

  it("forgets a result once the local clock moves past the TTL or the token's exp", async () => {
    const clock = new OffsetClock(() => NOW * 1000);
    const verify = vi.fn(async () => ({ ...idClaims, exp: NOW + 600 }));
    const authorize = authorizerWith(verify, { clock });
    await authorize(request({ authorization: 'abc' }));
    clock.advance(299_999);
    await authorize(request({ authorization: 'abc' }));
    expect(verify).toHaveBeenCalledTimes(1);
    clock.advance(1);
    await authorize(request({ authorization: 'abc' }));
    expect(verify).toHaveBeenCalledTimes(2);
    clock.advance(300_000);
    await authorize(request({ authorization: 'abc' }));
    expect(verify).toHaveBeenCalledTimes(3);
  });

  it('verifies every request when the TTL is 0', async () => {
    const verify = vi.fn(async () => idClaims);
    const authorize = authorizerWith(verify, { resultTtlSeconds: 0 });
    await authorize(request({ authorization: 'abc' }));
    await authorize(request({ authorization: 'abc' }));
    expect(verify).toHaveBeenCalledTimes(2);
  });

  it('refuses two Authorization headers, even if one is valid', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const verify = vi.fn(async () => idClaims);
    const decision = await authorizerWith(verify)(request({ authorization: 'Bearer abc' }, ['Authorization', 'Bearer other']));
    expect(verify).not.toHaveBeenCalled();
    expect(decision).toEqual({ allow: false, refusal: { type: 'UNAUTHORIZED' }, reason: 'more than one authorization header' });
  });

  it('reads only the configured identity source header', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const verify = vi.fn(async () => idClaims);
    const decision = await authorizerWith(verify, { header: 'x-id-token' })(request({ authorization: 'Bearer abc' }));
    expect(verify).not.toHaveBeenCalled();
    expect(decision).toEqual({ allow: false, refusal: { type: 'UNAUTHORIZED' }, reason: 'no x-id-token header' });
  });

  it('says in words how long ago an expired token expired, by the clock it checks with', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const exp = 1_700_000_000;
    const token = `h.${Buffer.from(JSON.stringify({ exp })).toString('base64url')}.s`;
    const clock = new OffsetClock(() => exp * 1000 + 180_000);
    const expired = authorizerWith(
      async () => {
        throw new TokenExpiredError('jwt expired');
      },
      { clock },
    );
    expect(await expired(request({ authorization: `Bearer ${token}` }))).toEqual({
      allow: false,
      refusal: { type: 'UNAUTHORIZED', message: 'The incoming token has expired' },
      reason: 'the token expired 3 min ago',
    });
  });

  it('says an allow from the result cache apart from a verified one', async () => {
    const authorize = authorizerWith(async () => idClaims);
    expect(await authorize(request({ authorization: 'abc' }))).toMatchObject({ verdict: 'allowed' });
    expect(await authorize(request({ authorization: 'abc' }))).toMatchObject({ verdict: 'allowed from the cached result' });
  });

  it('refuses a missing token with UNAUTHORIZED and logs why', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const decision = await authorizerWith(async () => idClaims)(request({}));
    expect(decision).toEqual({ allow: false, refusal: { type: 'UNAUTHORIZED' }, reason: 'no authorization header' });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('no authorization header'));
  });

  it('refuses a rejected token without saying why to the client', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const decision = await authorizerWith(async () => {
      throw new TokenRejectedError('algorithm HS256 is not RS256');
    })(request({ authorization: 'Bearer abc' }));
    expect(refusalOf(decision)).toEqual({ type: 'UNAUTHORIZED', message: undefined });
  });

  it('tells an expired token apart, as API Gateway does', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const decision = await authorizerWith(async () => {
      throw new TokenExpiredError('the token has expired');
    })(request({ authorization: 'Bearer abc' }));
    expect(refusalOf(decision)).toEqual({ type: 'UNAUTHORIZED', message: 'The incoming token has expired' });
  });

  it('answers a crash of the check itself with AUTHORIZER_FAILURE', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const decision = await authorizerWith(async () => {
      throw new TypeError('boom');
    })(request({ authorization: 'Bearer abc' }));
    expect(refusalOf(decision)).toEqual({ type: 'AUTHORIZER_FAILURE', message: undefined });
  });
});

describe('allowEveryone', () => {
  it('lets every request through on a route without an authorizer, with no claims', async () => {
    expect(await allowEveryone(request({ authorization: 'Bearer forged' }))).toEqual({ allow: true });
  });
});
