import { describe, expect, it } from 'vitest';
import type { AppClient } from '../cognito-local.ts';
import { globalSignOut } from '../operations/global-sign-out.ts';
import { revokeToken } from '../operations/revoke-token.ts';
import { signedAccessToken } from '../testing/access-token.ts';
import { appClient, ctx, userWithAttributes } from '../testing/fake-cognito.ts';
import { basic, formPost, jsonOf, oauthTestbed } from '../testing/oauth-testbed.ts';
import type { PageRequest } from './page-types.ts';
import { oauthTokens } from './oauth-tokens.ts';

// https://docs.aws.amazon.com/cognito/latest/developerguide/revocation-endpoint.html
// https://docs.aws.amazon.com/cognito/latest/developerguide/userinfo-endpoint.html

const SECRET = 'the-secret-of-the-confidential-client';
const web = appClient('web', {
  ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
  ReadAttributes: ['email', 'email_verified', 'name', 'phone_number', 'custom:team'],
});
const server = appClient('server', { ClientSecret: SECRET, ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'] });
const ada = userWithAttributes('ada-sub', {
  email: 'ada@example.com',
  email_verified: 'true',
  name: 'Ada Lovelace',
  phone_number: '+15555550100',
  'custom:team': 'engines',
  'custom:secret': 'not read by web',
});

async function signedIn(scopes: string[], clients: AppClient[] = [web, server]) {
  const bed = oauthTestbed({ users: [ada], clients });
  const client = clients[0]!;
  const grant = await oauthTokens(bed.deps, ctx, {
    pool: bed.userPool,
    client,
    user: ada,
    scopes,
    authTime: 1_790_000_000,
    refreshToken: true,
  });
  return { bed, grant };
}

const userInfo = (bed: ReturnType<typeof oauthTestbed>, accessToken?: string, method = 'GET') =>
  bed
    .call('/oauth2/userInfo', {
      method,
      path: '/oauth2/userInfo',
      query: new URLSearchParams(),
      form: new URLSearchParams(),
      headers: accessToken === undefined ? {} : { authorization: `Bearer ${accessToken}` },
      cookies: {},
    } satisfies PageRequest)
    .then(jsonOf);
const revoke = (bed: ReturnType<typeof oauthTestbed>, form: Record<string, string>, headers: Record<string, string> = {}) =>
  bed.call('/oauth2/revoke', formPost('/oauth2/revoke', form, headers)).then(jsonOf);
const refresh = (bed: ReturnType<typeof oauthTestbed>, refreshToken: string) =>
  bed
    .call('/oauth2/token', formPost('/oauth2/token', { grant_type: 'refresh_token', client_id: 'web', refresh_token: refreshToken }))
    .then(jsonOf);

describe('/oauth2/userInfo', () => {
  it('answers GET and POST with every attribute the client reads for openid alone, as strings, with the username, and CORS', async () => {
    const { bed, grant } = await signedIn(['openid']);
    for (const method of ['GET', 'POST']) {
      const { status, body, headers } = await userInfo(bed, grant.access_token, method);
      expect(status).toBe(200);
      expect(headers['Access-Control-Allow-Origin']).toBe('*');
      expect(body).toEqual({
        sub: 'ada-sub',
        email: 'ada@example.com',
        email_verified: 'true',
        name: 'Ada Lovelace',
        phone_number: '+15555550100',
        'custom:team': 'engines',
        username: 'ada-sub',
      });
    }
  });

  it('narrows the attributes to what email, phone and profile add', async () => {
    const answer = async (scopes: string[]) => {
      const { bed, grant } = await signedIn(scopes);
      return (await userInfo(bed, grant.access_token)).body;
    };
    expect(await answer(['openid', 'email'])).toEqual({
      sub: 'ada-sub',
      email: 'ada@example.com',
      email_verified: 'true',
      username: 'ada-sub',
    });
    expect(await answer(['openid', 'phone', 'aws.cognito.signin.user.admin'])).toEqual({
      sub: 'ada-sub',
      phone_number: '+15555550100',
      username: 'ada-sub',
    });
    expect(await answer(['openid', 'profile'])).toEqual({
      sub: 'ada-sub',
      name: 'Ada Lovelace',
      'custom:team': 'engines',
      username: 'ada-sub',
    });
  });

  it('refuses no Bearer token: 400 invalid_request, said in WWW-Authenticate', async () => {
    const { bed } = await signedIn(['openid']);
    const { status, body, headers } = await userInfo(bed);
    expect(status).toBe(400);
    expect(body).toEqual({ error: 'invalid_request', error_description: 'Bad OAuth2 request at UserInfo Endpoint' });
    expect(headers['WWW-Authenticate']).toBe('Bearer error="invalid_request", error_description="Bad OAuth2 request at UserInfo Endpoint"');
  });

  it('refuses a token without openid (a sign-in through the API’s): 401 invalid_token', async () => {
    const { bed, grant } = await signedIn(['email']);
    for (const token of [grant.access_token, signedAccessToken('ada-sub', 'web', { scope: 'aws.cognito.signin.user.admin' })]) {
      const { status, body, headers } = await userInfo(bed, token);
      expect(status).toBe(401);
      expect(body).toEqual({ error: 'invalid_token', error_description: 'Access token does not contain openid scope' });
      expect(headers['WWW-Authenticate']).toMatch(/^Bearer error="invalid_token"/);
    }
  });

  it('refuses an expired, forged or client credentials token: 401 invalid_token', async () => {
    const { bed, grant } = await signedIn(['openid']);
    const forged = `${grant.access_token.slice(0, -4)}AAAA`;
    for (const token of [forged, 'not-a-jwt']) expect((await userInfo(bed, token)).status).toBe(401);
    // A client credentials token speaks for no user.
    const m2mClient = appClient('m2m', {
      ClientSecret: SECRET,
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['client_credentials'],
      AllowedOAuthScopes: ['orders/read'],
    });
    const m2m = oauthTestbed({
      clients: [m2mClient],
      resourceServers: [{ Identifier: 'orders', Name: 'Orders', Scopes: [{ ScopeName: 'read', ScopeDescription: 'read' }] }],
    });
    const issued = jsonOf(
      await m2m.call('/oauth2/token', formPost('/oauth2/token', { grant_type: 'client_credentials' }, basic('m2m', SECRET))),
    );
    expect(await userInfo(m2m, String(issued.body.access_token))).toMatchObject({ status: 401, body: { error: 'invalid_token' } });
    bed.clock.advance(3601_000);
    expect(await userInfo(bed, grant.access_token)).toMatchObject({ status: 401, body: { error: 'invalid_token' } });
  });
});

describe('a disabled user', () => {
  it('is refused at userInfo (401 invalid_token) and at the token endpoint’s refresh (invalid_grant)', async () => {
    const { bed, grant } = await signedIn(['openid']);
    await bed.userPool.updateUser(ctx, 'ada-sub', (user) => ({ ...user, Enabled: false }));
    expect(await userInfo(bed, grant.access_token)).toMatchObject({ status: 401, body: { error: 'invalid_token' } });
    expect(await refresh(bed, grant.refresh_token!)).toMatchObject({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'User is disabled.' },
    });
  });
});

// The three ways to revoke a managed login session end it alike: its refresh token stops
// refreshing and its access token stops working at userInfo.
describe('revoking OAuth tokens', () => {
  it('by /oauth2/revoke', async () => {
    const { bed, grant } = await signedIn(['openid']);
    expect(await revoke(bed, { token: grant.refresh_token!, client_id: 'web' })).toMatchObject({ status: 200, body: {} });
    expect((await refresh(bed, grant.refresh_token!)).body.error).toBe('invalid_grant');
    expect((await userInfo(bed, grant.access_token)).status).toBe(401);
  });

  it('by RevokeToken', async () => {
    const { bed, grant } = await signedIn(['openid']);
    await revokeToken(bed.services, ctx, { ClientId: 'web', Token: grant.refresh_token! });
    expect((await refresh(bed, grant.refresh_token!)).body.error).toBe('invalid_grant');
    expect((await userInfo(bed, grant.access_token)).status).toBe(401);
  });

  it('by GlobalSignOut (with the OAuth access token), which ends an implicit flow’s token too', async () => {
    const { bed, grant } = await signedIn(['openid', 'aws.cognito.signin.user.admin']);
    const implicit = await oauthTokens(bed.deps, ctx, {
      pool: bed.userPool,
      client: web,
      user: ada,
      scopes: ['openid'],
      authTime: 1,
      refreshToken: false,
    });
    expect((await userInfo(bed, implicit.access_token)).status).toBe(200);
    await globalSignOut(bed.services, ctx, { AccessToken: grant.access_token });
    expect((await refresh(bed, grant.refresh_token!)).body.error).toBe('invalid_grant');
    expect((await userInfo(bed, grant.access_token)).status).toBe(401);
    expect((await userInfo(bed, implicit.access_token)).status).toBe(401);
  });
});

describe('/oauth2/revoke', () => {
  it('takes a confidential client’s secret by Basic, and refuses a wrong one: 401 invalid_client', async () => {
    const { bed, grant } = await signedIn(['openid'], [server]);
    expect(await revoke(bed, { token: grant.refresh_token! }, basic('server', 'wrong'))).toMatchObject({
      status: 401,
      body: { error: 'invalid_client' },
    });
    expect(await revoke(bed, { token: grant.refresh_token!, client_id: 'server' })).toMatchObject({
      status: 401,
      body: { error: 'invalid_client' },
    });
    expect(bed.stored.get('ada-sub')?.RefreshTokens).toContain(grant.refresh_token);
    expect((await revoke(bed, { token: grant.refresh_token! }, basic('server', SECRET))).status).toBe(200);
    expect(bed.stored.get('ada-sub')?.RefreshTokens).not.toContain(grant.refresh_token);
  });

  it('refuses a client whose EnableTokenRevocation is false, and no token: 400 invalid_request', async () => {
    const { bed, grant } = await signedIn(['openid'], [appClient('web', { ...web, EnableTokenRevocation: false })]);
    expect(await revoke(bed, { token: grant.refresh_token!, client_id: 'web' })).toMatchObject({
      status: 400,
      body: { error: 'invalid_request' },
    });
    expect((await revoke(bed, { client_id: 'web' })).body.error).toBe('invalid_request');
    expect((await refresh(bed, grant.refresh_token!)).status).toBe(200);
  });

  it('refuses an access token: 400 unsupported_token_type; takes a token no one holds: 200', async () => {
    const { bed, grant } = await signedIn(['openid']);
    expect(await revoke(bed, { token: grant.access_token, client_id: 'web' })).toMatchObject({
      status: 400,
      body: { error: 'unsupported_token_type' },
    });
    await revoke(bed, { token: grant.refresh_token!, client_id: 'web' });
    expect((await revoke(bed, { token: grant.refresh_token!, client_id: 'web' })).status).toBe(200);
  });

  it('answers a CORS preflight and needs a form POST', async () => {
    const { bed } = await signedIn(['openid']);
    const preflight = jsonOf(await bed.call('/oauth2/revoke', { ...formPost('/oauth2/revoke', {}), method: 'OPTIONS' }));
    expect(preflight.headers).toMatchObject({ 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Methods': 'POST' });
    const json = formPost('/oauth2/revoke', { token: 'x', client_id: 'web' }, { 'content-type': 'application/json' });
    expect(jsonOf(await bed.call('/oauth2/revoke', json)).body.error).toBe('invalid_request');
  });
});
