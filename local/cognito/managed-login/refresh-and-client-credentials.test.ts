import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppClient } from '../cognito-local.ts';
import { appClient, ctx, userWithAttributes } from '../testing/fake-cognito.ts';
import { type FakeLambda, functionArn, startFakeLambda } from '../testing/fake-lambda.ts';
import { basic, formPost, jsonOf, oauthTestbed } from '../testing/oauth-testbed.ts';
import type { LambdaConfig } from '../triggers/lambda-config.ts';
import { PoolTriggers } from '../triggers/pool-triggers.ts';
import { preTokenGeneration } from '../triggers/pre-token-generation.ts';
import { oauthTokens } from './oauth-tokens.ts';

// https://docs.aws.amazon.com/cognito/latest/developerguide/token-endpoint.html
// https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-define-resource-servers.html

const SECRET = 'the-secret-of-the-m2m-client';
const web = appClient('web', {
  AllowedOAuthFlowsUserPoolClient: true,
  AllowedOAuthFlows: ['code'],
  AllowedOAuthScopes: ['openid', 'email'],
  ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
});
const ada = userWithAttributes('ada-sub', { email: 'ada@example.com' });
const token = (bed: ReturnType<typeof oauthTestbed>, form: Record<string, string>, headers: Record<string, string> = {}) =>
  bed.call('/oauth2/token', formPost('/oauth2/token', form, headers)).then(jsonOf);

async function signedIn(scopes: string[], clients: AppClient[] = [web]) {
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

describe('/oauth2/token, refresh_token', () => {
  it('gives new ID and access tokens of the same scopes and origin, and no refresh token', async () => {
    const { bed, grant } = await signedIn(['openid', 'email']);
    const { status, body } = await token(bed, { grant_type: 'refresh_token', client_id: 'web', refresh_token: grant.refresh_token! });
    expect(status).toBe(200);
    expect(body).not.toHaveProperty('refresh_token');
    const access = decodeJwt(String(body.access_token));
    expect(access).toMatchObject({ scope: 'openid email', auth_time: 1_790_000_000, origin_jti: decodeJwt(grant.access_token).origin_jti });
    expect(decodeJwt(String(body.id_token)).token_use).toBe('id');
  });

  it('gives no ID token to a grant without openid', async () => {
    const { bed, grant } = await signedIn(['email']);
    const { body } = await token(bed, { grant_type: 'refresh_token', client_id: 'web', refresh_token: grant.refresh_token! });
    expect(body).not.toHaveProperty('id_token');
  });

  it('gives a client that rotates refresh tokens a new one', async () => {
    const rotating = appClient('web', { ...web, RefreshTokenRotation: { Feature: 'ENABLED' } });
    const { bed, grant } = await signedIn(['openid'], [rotating]);
    const { body } = await token(bed, { grant_type: 'refresh_token', client_id: 'web', refresh_token: grant.refresh_token! });
    expect(body.refresh_token).toEqual(expect.any(String));
    expect(body.refresh_token).not.toBe(grant.refresh_token);
  });

  it('refuses a revoked or made-up refresh token, or one of another client: invalid_grant', async () => {
    const other = appClient('other', { ...web, ClientId: 'other' });
    const { bed, grant } = await signedIn(['openid'], [web, other]);
    const refresh = (client_id: string, refresh_token: string) => token(bed, { grant_type: 'refresh_token', client_id, refresh_token });
    expect(await refresh('other', grant.refresh_token!)).toMatchObject({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'Refresh Token has different Client' },
    });
    expect((await refresh('web', 'made-up')).body.error).toBe('invalid_grant');
    await bed.userPool.updateUser(ctx, 'ada-sub', (user) => ({ ...user, RefreshTokens: [] }));
    expect(await refresh('web', grant.refresh_token!)).toMatchObject({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'Refresh Token has been revoked' },
    });
  });

  it('refuses a client that may not refresh (no ALLOW_REFRESH_TOKEN_AUTH): unauthorized_client; no refresh_token: invalid_request', async () => {
    const noRefresh = appClient('web', { ...web, ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH'] });
    const { bed, grant } = await signedIn(['openid'], [noRefresh]);
    const refused = await token(bed, { grant_type: 'refresh_token', client_id: 'web', refresh_token: grant.refresh_token! });
    expect(refused).toMatchObject({ status: 400, body: { error: 'unauthorized_client' } });
    expect((await token(bed, { grant_type: 'refresh_token', client_id: 'web' })).body.error).toBe('invalid_request');
  });
});

const m2m = appClient('m2m', {
  ClientSecret: SECRET,
  AllowedOAuthFlowsUserPoolClient: true,
  AllowedOAuthFlows: ['client_credentials'],
  AllowedOAuthScopes: ['orders/read', 'orders/write', 'orders/retired'],
  AccessTokenValidity: 10,
  TokenValidityUnits: { AccessToken: 'minutes' },
});
const resourceServers = [
  {
    UserPoolId: 'local_Pool1',
    Identifier: 'orders',
    Name: 'Orders',
    Scopes: ['read', 'write', 'admin'].map((ScopeName) => ({ ScopeName, ScopeDescription: ScopeName })),
  },
];
const machine = (clients: AppClient[] = [m2m]) => oauthTestbed({ clients, resourceServers });

describe('/oauth2/token, client_credentials', () => {
  it('gives a confidential client an access token of its custom scopes, with the claims of Cognito’s M2M tokens', async () => {
    const bed = machine();
    const { status, body } = await token(bed, { grant_type: 'client_credentials' }, basic('m2m', SECRET));
    expect(status).toBe(200);
    expect(Object.keys(body).sort()).toEqual(['access_token', 'expires_in', 'token_type']);
    expect(body.expires_in).toBe(600);
    const claims = decodeJwt(String(body.access_token));
    // Every allowed custom scope still on its resource server ('orders/retired' was dropped from it).
    expect(claims).toMatchObject({ sub: 'm2m', client_id: 'm2m', token_use: 'access', scope: 'orders/read orders/write', version: 2 });
    expect(claims.iss).toBe('https://cognito-idp.us-east-1.amazonaws.com/local_Pool1');
    expect(claims).not.toHaveProperty('username');
    expect(claims.exp! - claims.iat!).toBe(600);
  });

  it('gives the scopes asked for, in the body or with Basic', async () => {
    const bed = machine();
    const { body } = await token(bed, { grant_type: 'client_credentials', client_id: 'm2m', client_secret: SECRET, scope: 'orders/write' });
    expect(decodeJwt(String(body.access_token)).scope).toBe('orders/write');
  });

  it('refuses a scope the client is not allowed, an OIDC scope, or a grant left with none: invalid_scope', async () => {
    const bed = machine();
    for (const scope of ['orders/admin', 'openid', 'orders/read email', 'orders/retired']) {
      expect(await token(bed, { grant_type: 'client_credentials', scope }, basic('m2m', SECRET))).toMatchObject({
        status: 400,
        body: { error: 'invalid_scope' },
      });
    }
  });

  it('refuses a client not allowed the flow, or a public one: unauthorized_client', async () => {
    const codeOnly = appClient('m2m', { ...m2m, AllowedOAuthFlows: ['code'] });
    const publicClient = appClient('public', { ...m2m, ClientId: 'public', ClientSecret: undefined });
    const bed = machine([codeOnly, publicClient]);
    expect((await token(bed, { grant_type: 'client_credentials' }, basic('m2m', SECRET))).body.error).toBe('unauthorized_client');
    expect((await token(bed, { grant_type: 'client_credentials', client_id: 'public' })).body.error).toBe('unauthorized_client');
  });

  it('refuses a wrong secret: invalid_client', async () => {
    expect((await token(machine(), { grant_type: 'client_credentials' }, basic('m2m', 'wrong'))).body.error).toBe('invalid_client');
  });
});

// https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-token-generation.html:
// "Version three event responses apply to access tokens from user authentication and machine authentication".
describe('PreTokenGeneration V3_0', () => {
  let lambda: FakeLambda;
  beforeAll(async () => {
    lambda = await startFakeLambda();
  });
  afterAll(() => lambda?.close());

  const withTrigger = (LambdaConfig: LambdaConfig) => {
    const pool = { Id: 'local_Pool1', LambdaConfig };
    const triggers = new PoolTriggers({ lambdaUrl: lambda.url, timeoutMs: 1000 }, undefined, {
      poolOf: (id) => (id === pool.Id ? pool : undefined),
      anyHas: () => true,
    });
    return oauthTestbed({ clients: [m2m], resourceServers, triggers });
  };

  it('sends a V3_0 trigger TokenGeneration_ClientCredentials and applies its access token changes', async () => {
    lambda.handle('svc-local-m2mClaims', (event) => ({
      ...event,
      response: {
        claimsAndScopeOverrideDetails: {
          accessTokenGeneration: { claimsToAddOrOverride: { tenant: 'acme', sub: 'forged' }, scopesToSuppress: ['orders/write'] },
        },
      },
    }));
    const bed = withTrigger({ PreTokenGenerationConfig: { LambdaArn: functionArn('svc-local-m2mClaims'), LambdaVersion: 'V3_0' } });
    const { body } = await token(bed, { grant_type: 'client_credentials', aws_client_metadata: '{"job":"nightly"}' }, basic('m2m', SECRET));
    expect(decodeJwt(String(body.access_token))).toMatchObject({ tenant: 'acme', sub: 'm2m', scope: 'orders/read' });
    expect(lambda.invoked.at(-1)?.event).toMatchObject({
      version: '3',
      triggerSource: 'TokenGeneration_ClientCredentials',
      callerContext: { clientId: 'm2m' },
      request: { userAttributes: {}, scopes: ['orders/read', 'orders/write'], clientMetadata: { job: 'nightly' } },
    });
  });

  it('sends a V3_0 trigger a managed login sign-in as V2_0’s event, version "3", TokenGeneration_HostedAuth, with the granted scopes', async () => {
    lambda.handle('svc-local-userClaims', (event) => ({
      ...event,
      response: { claimsAndScopeOverrideDetails: { accessTokenGeneration: { scopesToAdd: ['orders/read'] } } },
    }));
    const pool = {
      Id: 'local_Pool1',
      LambdaConfig: { PreTokenGenerationConfig: { LambdaArn: functionArn('svc-local-userClaims'), LambdaVersion: 'V3_0' } },
    };
    const triggers = new PoolTriggers({ lambdaUrl: lambda.url, timeoutMs: 1000 }, undefined, { poolOf: () => pool, anyHas: () => true });
    const bed = oauthTestbed({ users: [ada], clients: [web], customizer: preTokenGeneration(triggers) });
    const grant = await oauthTokens(bed.deps, ctx, {
      pool: bed.userPool,
      client: web,
      user: ada,
      scopes: ['openid', 'email'],
      authTime: 1,
      refreshToken: true,
    });
    expect(decodeJwt(grant.access_token).scope).toBe('openid email orders/read');
    expect(lambda.invoked.at(-1)?.event).toMatchObject({
      version: '3',
      triggerSource: 'TokenGeneration_HostedAuth',
      userName: 'ada-sub',
      request: { scopes: ['openid', 'email'], userAttributes: { email: 'ada@example.com' } },
    });
  });

  it('does not send a V2_0 trigger a client credentials grant', async () => {
    lambda.handle('svc-local-v2Claims', (event) => ({ ...event, response: {} }));
    const before = lambda.invoked.length;
    const bed = withTrigger({ PreTokenGenerationConfig: { LambdaArn: functionArn('svc-local-v2Claims'), LambdaVersion: 'V2_0' } });
    expect((await token(bed, { grant_type: 'client_credentials' }, basic('m2m', SECRET))).status).toBe(200);
    expect(lambda.invoked.length).toBe(before);
  });
});
