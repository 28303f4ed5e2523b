import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAuthStrategy, idTokenAuthenticate, UnsupportedAuthorizerError, type HapiToolkit } from './auth-provider.ts';
import { TokenExpiredError, TokenRejectedError } from './verify-id-token.ts';

/** Records what an auth scheme answered, as hapi's toolkit would carry it out. */
function fakeToolkit() {
  const response = { body: undefined as unknown, status: 0, headers: {} as Record<string, string>, takenOver: false };
  const toolkit: HapiToolkit = {
    authenticated: (result) => ({ authenticated: result }),
    response(body) {
      response.body = body;
      const chain = {
        code: (status: number) => ((response.status = status), chain),
        header: (name: string, value: string) => ((response.headers[name] = value), chain),
        takeover: () => ((response.takenOver = true), response),
      };
      return chain;
    },
  };
  return { toolkit, response };
}

const request = (headers: Record<string, string>) => ({ method: 'get', path: '/local/api/helloWorldSecured', headers });

describe('idTokenAuthenticate', () => {
  afterEach(() => vi.restoreAllMocks());

  it('passes the verified claims on for a Bearer token', async () => {
    const verify = vi.fn(async () => ({ email: 'ada@example.com', token_use: 'id' }));
    const { toolkit } = fakeToolkit();
    const result = await idTokenAuthenticate('authorization', verify)(request({ authorization: 'Bearer abc' }), toolkit);
    expect(verify).toHaveBeenCalledWith('abc');
    expect(result).toEqual({ authenticated: { credentials: { claims: { email: 'ada@example.com', token_use: 'id' }, context: {} } } });
  });

  it('accepts the raw token without a scheme, as API Gateway does', async () => {
    const verify = vi.fn(async () => ({ email: 'ada@example.com' }));
    await idTokenAuthenticate('authorization', verify)(request({ authorization: 'abc' }), fakeToolkit().toolkit);
    expect(verify).toHaveBeenCalledWith('abc');
  });

  it('reads only the configured identity source header', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const verify = vi.fn(async () => ({}));
    const { toolkit, response } = fakeToolkit();
    await idTokenAuthenticate('x-id-token', verify)(request({ authorization: 'Bearer abc' }), toolkit);
    expect(verify).not.toHaveBeenCalled();
    expect(response.status).toBe(401);
  });

  it('answers a missing token with API Gateway\'s 401 and logs why', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { toolkit, response } = fakeToolkit();
    await idTokenAuthenticate('authorization', async () => ({}))(request({}), toolkit);
    expect(response).toEqual({
      body: { message: 'Unauthorized' },
      status: 401,
      headers: { 'x-amzn-ErrorType': 'UnauthorizedException' },
      takenOver: true,
    });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('no authorization header'));
  });

  it('keeps the rejection reason out of the response', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { toolkit, response } = fakeToolkit();
    const verify = async () => {
      throw new TokenRejectedError('algorithm HS256 is not RS256');
    };
    await idTokenAuthenticate('authorization', verify)(request({ authorization: 'Bearer abc' }), toolkit);
    expect(response.body).toEqual({ message: 'Unauthorized' });
  });

  it('tells an expired token apart, as API Gateway does', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { toolkit, response } = fakeToolkit();
    const verify = async () => {
      throw new TokenExpiredError('the token has expired');
    };
    await idTokenAuthenticate('authorization', verify)(request({ authorization: 'Bearer abc' }), toolkit);
    expect(response.status).toBe(401);
    expect(response.body).toEqual({ message: 'The incoming token has expired' });
  });
});

describe('createAuthStrategy', () => {
  it('lets every request through on a route without an authorizer', async () => {
    const strategy = createAuthStrategy({}, 'helloWorld', 'GET', 'api/helloWorld');
    const { toolkit } = fakeToolkit();
    const result = await strategy.getAuthenticateFunction().authenticate(request({}), toolkit);
    expect(result).toEqual({ authenticated: { credentials: {} } });
  });

  it('names each strategy uniquely, as hapi requires', () => {
    const first = createAuthStrategy({}, 'helloWorld', 'GET', 'api/helloWorld');
    const second = createAuthStrategy({}, 'helloWorld', 'GET', 'api/helloWorld');
    expect(first.name).not.toBe(second.name);
    expect(first.scheme).toBe(first.name);
  });

  it('refuses authorizers it cannot emulate, naming the route', () => {
    expect(() => createAuthStrategy({ authorizer: { name: 'custom', arn: 'arn:aws:lambda:…' } }, 'fn', 'GET', 'api/x')).toThrow(
      UnsupportedAuthorizerError,
    );
    expect(() =>
      createAuthStrategy({ authorizer: { type: 'COGNITO_USER_POOLS', arn: 'arn:aws:cognito-idp:eu-west-1:1:userpool/x' } }, 'fn', 'GET', 'api/x'),
    ).toThrow(/GET api\/x/);
  });

  it('refuses an identity source that is not a header', () => {
    expect(() =>
      createAuthStrategy(
        { authorizer: { type: 'COGNITO_USER_POOLS', arn: { 'Fn::GetAtt': ['CognitoUserPool', 'Arn'] }, identitySource: 'method.request.querystring.token' } },
        'fn',
        'GET',
        'api/x',
      ),
    ).toThrow(/identitySource method.request.querystring.token/);
  });
});
