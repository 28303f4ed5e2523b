import { describe, expect, it } from 'vitest';
import { httpApiRoutesOf } from './service-http-api-routes.ts';

describe('httpApiRoutesOf', () => {
  it('reads route keys as serverless compiles them: METHOD /path, * as ANY, a path of * as $default', () => {
    const routes = httpApiRoutesOf({
      hello: { handler: 'a.handler', events: [{ httpApi: 'get /http/hello' }, { httpApi: '*' }] },
      files: { handler: 'a.handler', events: [{ httpApi: { method: '*', path: '/files/{proxy+}' } }, { sqs: 'arn' }] },
      fallback: { handler: 'a.handler', events: [{ httpApi: { path: '*' } }] },
    });
    expect(routes.map((route) => route.routeKey)).toEqual(['GET /http/hello', '$default', 'ANY /files/{proxy+}', '$default']);
    expect(routes.every((route) => route.authorization.kind === 'none')).toBe(true);
  });

  it("tells the kinds of authorizer apart by provider.httpApi.authorizers, under the authorizer's own name", () => {
    const secured = (authorizer: unknown) => ({ handler: 'a.handler', events: [{ httpApi: { method: 'get', path: '/a', authorizer } }] });
    const [jwt, named, lambda, iam] = httpApiRoutesOf(
      {
        a: secured({ name: 'cognito', scopes: ['items/read'] }),
        b: secured('users'),
        c: secured({ name: 'custom' }),
        d: secured({ type: 'aws_iam' }),
      },
      { authorizers: { cognito: { type: 'jwt' }, users: { type: 'jwt', name: 'UsersPool' }, custom: { type: 'request' } } },
    ).map((route) => route.authorization);
    expect(jwt).toEqual({ kind: 'jwt', name: 'cognito', scopes: ['items/read'] });
    expect(named).toEqual({ kind: 'jwt', name: 'UsersPool', scopes: [] });
    expect(lambda).toEqual({ kind: 'request', name: 'custom', scopes: [] });
    expect(iam).toEqual({ kind: 'iam' });
  });
});
