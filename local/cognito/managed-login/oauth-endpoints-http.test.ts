import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appClient, userWithAttributes } from '../testing/fake-cognito.ts';
import { oauthTestbed } from '../testing/oauth-testbed.ts';
import { managedLoginListener } from './managed-login-routes.ts';
import { oauthEndpoints } from './oauth-endpoints.ts';

// The OAuth 2.0 endpoints behind the managed login's HTTP listener, on a real socket: what a
// browser's fetch (Amplify) and a server's HTTP client see on the wire.
// https://docs.aws.amazon.com/cognito/latest/developerguide/token-endpoint.html

const web = appClient('web', {
  AllowedOAuthFlowsUserPoolClient: true,
  AllowedOAuthFlows: ['code'],
  AllowedOAuthScopes: ['openid', 'email'],
  ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
});
const ada = userWithAttributes('ada-sub', { email: 'ada@example.com' });
const bed = oauthTestbed({ users: [ada], clients: [web] });
let server: Server;
let origin: string;

beforeAll(async () => {
  server = createServer(managedLoginListener(oauthEndpoints(bed.deps, bed.codes), () => {}));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost:5173' },
  body: new URLSearchParams(fields).toString(),
});

describe('the OAuth 2.0 endpoints over HTTP', () => {
  it('answers a browser’s preflight, then redeems its code with CORS and no caching', async () => {
    const preflight = await fetch(`${origin}/oauth2/token`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:5173',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,x-amz-user-agent',
      },
    });
    expect(preflight.status).toBe(200);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('x-amz-user-agent');

    const code = bed.code({ clientId: 'web', username: 'ada-sub', scopes: ['openid', 'email'] });
    const answer = await fetch(
      `${origin}/oauth2/token`,
      form({ grant_type: 'authorization_code', client_id: 'web', code, redirect_uri: 'https://app.example.com/callback' }),
    );
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/json;charset=UTF-8');
    expect(answer.headers.get('access-control-allow-origin')).toBe('*');
    expect(answer.headers.get('cache-control')).toBe('no-store');
    const tokens = (await answer.json()) as Record<string, string>;
    expect(decodeJwt(tokens.access_token!).scope).toBe('openid email');

    const info = await fetch(`${origin}/oauth2/userInfo`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(await info.json()).toMatchObject({ sub: 'ada-sub', email: 'ada@example.com' });
    const revoked = await fetch(`${origin}/oauth2/revoke`, form({ token: tokens.refresh_token!, client_id: 'web' }));
    expect(revoked.status).toBe(200);
    const after = await fetch(`${origin}/oauth2/userInfo`, { method: 'POST', headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(after.status).toBe(401);
    expect(after.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token"/);
  });

  it('refuses a JSON body with invalid_request', async () => {
    const answer = await fetch(`${origin}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credentials', client_id: 'web' }),
    });
    expect(answer.status).toBe(400);
    expect(await answer.json()).toMatchObject({ error: 'invalid_request' });
  });
});
