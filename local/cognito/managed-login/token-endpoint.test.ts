import { createHash } from 'node:crypto';
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import type { AppClient } from '../cognito-local.ts';
import { appClient, userWithAttributes } from '../testing/fake-cognito.ts';
import { basic, formPost, jsonOf, oauthTestbed } from '../testing/oauth-testbed.ts';

// https://docs.aws.amazon.com/cognito/latest/developerguide/token-endpoint.html
// https://docs.aws.amazon.com/cognito/latest/developerguide/using-pkce-in-authorization-code.html

const SECRET = 'the-secret-of-the-confidential-client';
const REDIRECT = 'https://app.example.com/callback';
const VERIFIER = 'dBjftJeZ4CVP-mJ92K9KeOiGvqd3aH3dKE-gHxpXcyo7';
const CHALLENGE = createHash('sha256').update(VERIFIER).digest('base64url');
const codeFlow = { AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['code'], AllowedOAuthScopes: ['openid', 'email'] };
const web = appClient('web', {
  ...codeFlow,
  ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
  AccessTokenValidity: 30,
  TokenValidityUnits: { AccessToken: 'minutes' },
});
const confidential = appClient('server', { ...codeFlow, ClientSecret: SECRET, ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'] });
const ada = userWithAttributes('ada-sub', { email: 'ada@example.com', email_verified: 'true' });

function testbed(clients: AppClient[] = [web, confidential], extra: Parameters<typeof oauthTestbed>[0] = {}) {
  return oauthTestbed({ users: [ada], clients, ...extra });
}

const redeem = (bed: ReturnType<typeof testbed>, form: Record<string, string>, headers: Record<string, string> = {}) =>
  bed
    .call('/oauth2/token', formPost('/oauth2/token', { grant_type: 'authorization_code', redirect_uri: REDIRECT, ...form }, headers))
    .then(jsonOf);

describe('/oauth2/token, authorization_code', () => {
  it('redeems a PKCE (S256) code for ID, access and refresh tokens with the grant’s claims, with CORS', async () => {
    const bed = testbed();
    const code = bed.code({
      clientId: 'web',
      username: 'ada-sub',
      scopes: ['openid', 'email'],
      nonce: 'n-0S6',
      codeChallenge: CHALLENGE,
      codeChallengeMethod: 'S256',
    });
    const { status, body, headers } = await redeem(bed, { client_id: 'web', code, code_verifier: VERIFIER });
    expect(status).toBe(200);
    expect(headers['Access-Control-Allow-Origin']).toBe('*');
    // expires_in is the client's AccessTokenValidity.
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 1800 });
    const id = decodeJwt(String(body.id_token));
    const access = decodeJwt(String(body.access_token));
    expect(id).toMatchObject({ token_use: 'id', aud: 'web', nonce: 'n-0S6', auth_time: 1_790_000_000, email: 'ada@example.com' });
    expect(access).toMatchObject({
      token_use: 'access',
      client_id: 'web',
      scope: 'openid email',
      auth_time: 1_790_000_000,
      username: 'ada-sub',
    });
    expect(access.origin_jti).toBe(id.origin_jti);
    expect(access).not.toHaveProperty('nonce');
    // Stored as a sign-in's, so that it refreshes and can be revoked.
    expect(bed.stored.get('ada-sub')?.RefreshTokens).toContain(body.refresh_token);
  });

  it('takes a plain PKCE challenge, and a code without PKCE needs no verifier', async () => {
    const bed = testbed();
    const plain = bed.code({ clientId: 'web', username: 'ada-sub', codeChallenge: VERIFIER, codeChallengeMethod: 'plain' });
    expect((await redeem(bed, { client_id: 'web', code: plain, code_verifier: VERIFIER })).status).toBe(200);
    expect((await redeem(bed, { client_id: 'web', code: bed.code({ clientId: 'web', username: 'ada-sub' }) })).status).toBe(200);
  });

  it('gives no ID token to a grant without openid', async () => {
    const bed = testbed();
    const { body } = await redeem(bed, { client_id: 'web', code: bed.code({ clientId: 'web', username: 'ada-sub', scopes: ['email'] }) });
    expect(body).not.toHaveProperty('id_token');
    expect(decodeJwt(String(body.access_token)).scope).toBe('email');
    expect(body.refresh_token).toEqual(expect.any(String));
  });

  it('redeems a code once: the second time is invalid_grant', async () => {
    const bed = testbed();
    const code = bed.code({ clientId: 'web', username: 'ada-sub' });
    expect((await redeem(bed, { client_id: 'web', code })).status).toBe(200);
    expect(await redeem(bed, { client_id: 'web', code })).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('refuses a code older than five minutes, a made-up one, one given to another client or for another redirect_uri: invalid_grant', async () => {
    const bed = testbed();
    const old = bed.code({ clientId: 'web', username: 'ada-sub' });
    bed.clock.advance(5 * 60_000);
    const refused = [
      await redeem(bed, { client_id: 'web', code: old }),
      await redeem(bed, { client_id: 'web', code: 'made-up' }),
      await redeem(bed, { client_id: 'server', client_secret: SECRET, code: bed.code({ clientId: 'web', username: 'ada-sub' }) }),
      await redeem(bed, {
        client_id: 'web',
        code: bed.code({ clientId: 'web', username: 'ada-sub' }),
        redirect_uri: 'https://app.example.com/other',
      }),
    ];
    for (const answer of refused) expect(answer).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('refuses a wrong PKCE verifier (invalid_grant) and a missing one (invalid_request)', async () => {
    const bed = testbed();
    const pkce = () => bed.code({ clientId: 'web', username: 'ada-sub', codeChallenge: CHALLENGE, codeChallengeMethod: 'S256' });
    const wrong = await redeem(bed, { client_id: 'web', code: pkce(), code_verifier: `${VERIFIER.slice(0, -1)}X` });
    expect(wrong).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    const tooShort = await redeem(bed, { client_id: 'web', code: pkce(), code_verifier: 'short' });
    expect(tooShort.body.error).toBe('invalid_grant');
    expect(await redeem(bed, { client_id: 'web', code: pkce() })).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
  });

  it('refuses a code of a disabled user: invalid_grant', async () => {
    const bed = oauthTestbed({ users: [{ ...ada, Enabled: false }], clients: [web] });
    expect((await redeem(bed, { client_id: 'web', code: bed.code({ clientId: 'web', username: 'ada-sub' }) })).body.error).toBe(
      'invalid_grant',
    );
  });

  it('refuses a client not allowed the code flow: unauthorized_client', async () => {
    const implicitOnly = appClient('web', { ...web, AllowedOAuthFlows: ['implicit'] });
    const bed = testbed([implicitOnly]);
    const answer = await redeem(bed, { client_id: 'web', code: bed.code({ clientId: 'web', username: 'ada-sub' }) });
    expect(answer).toMatchObject({ status: 400, body: { error: 'unauthorized_client' } });
  });

  it('needs code and redirect_uri: invalid_request', async () => {
    const bed = testbed();
    expect((await redeem(bed, { client_id: 'web' })).body.error).toBe('invalid_request');
    const noRedirect = formPost('/oauth2/token', { grant_type: 'authorization_code', client_id: 'web', code: 'x' });
    expect(jsonOf(await bed.call('/oauth2/token', noRedirect)).body.error).toBe('invalid_request');
  });
});

describe('/oauth2/token, client authentication', () => {
  const code = (bed: ReturnType<typeof testbed>) => bed.code({ clientId: 'server', username: 'ada-sub' });

  it('takes a confidential client’s secret by HTTP Basic (client_secret_basic) or in the body (client_secret_post)', async () => {
    const bed = testbed();
    expect((await redeem(bed, { code: code(bed) }, basic('server', SECRET))).status).toBe(200);
    expect((await redeem(bed, { client_id: 'server', code: code(bed) }, basic('server', SECRET))).status).toBe(200);
    expect((await redeem(bed, { client_id: 'server', client_secret: SECRET, code: code(bed) })).status).toBe(200);
  });

  // RFC 6749 2.3.1: client_secret_basic form-encodes the id and secret first (openid-client does).
  it('takes a Basic secret form-encoded, as RFC 6749 sends it', async () => {
    const plus = appClient('plus', { ...codeFlow, ClientId: 'plus', ClientSecret: 'a+b/c=d' });
    const bed = testbed([plus]);
    const code = bed.code({ clientId: 'plus', username: 'ada-sub' });
    expect((await redeem(bed, { code }, basic('plus', encodeURIComponent('a+b/c=d')))).status).toBe(200);
    expect((await redeem(bed, { code: bed.code({ clientId: 'plus', username: 'ada-sub' }) }, basic('plus', 'a+b/c=d'))).status).toBe(200);
  });

  it('refuses a missing or wrong secret, an unknown client, a public client sending a secret, and Basic for another client: invalid_client', async () => {
    const bed = testbed();
    const refused = [
      await redeem(bed, { client_id: 'server', code: code(bed) }),
      await redeem(bed, { client_id: 'server', client_secret: 'wrong', code: code(bed) }),
      await redeem(bed, { code: code(bed) }, basic('server', 'wrong')),
      await redeem(bed, { client_id: 'nobody', code: code(bed) }),
      await redeem(bed, { client_id: 'web', client_secret: 'made-up', code: code(bed) }),
      await redeem(bed, { client_id: 'web', code: code(bed) }, basic('server', SECRET)),
    ];
    for (const answer of refused) expect(answer).toMatchObject({ status: 400, body: { error: 'invalid_client' } });
  });

  it('refuses two ways at once (RFC 6749 2.3) and no client at all: invalid_request', async () => {
    const bed = testbed();
    const both = await redeem(bed, { client_secret: SECRET, code: code(bed) }, basic('server', SECRET));
    expect(both).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
    expect((await redeem(bed, { code: code(bed) })).body.error).toBe('invalid_request');
  });

  it('refuses a client of a pool without a domain (it has no managed login): invalid_client', async () => {
    const bed = testbed([web], { domain: null });
    expect((await redeem(bed, { client_id: 'web', code: bed.code({ clientId: 'web', username: 'ada-sub' }) })).body.error).toBe(
      'invalid_client',
    );
  });
});

describe('/oauth2/token, the request', () => {
  it('answers a CORS preflight for the headers Amplify sends', async () => {
    const bed = testbed();
    const answer = jsonOf(
      await bed.call('/oauth2/token', {
        ...formPost('/oauth2/token', {}),
        method: 'OPTIONS',
        headers: { origin: 'http://localhost:5173', 'access-control-request-headers': 'content-type,x-amz-user-agent' },
      }),
    );
    expect(answer.status).toBe(200);
    expect(answer.headers).toMatchObject({ 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Methods': 'POST' });
    expect(answer.headers['Access-Control-Allow-Headers']).toContain('x-amz-user-agent');
    expect(answer.headers['Access-Control-Allow-Headers']).toContain('content-type');
  });

  it('needs a form body (invalid_request), a POST (405), a grant_type (invalid_request) Cognito has (unsupported_grant_type)', async () => {
    const bed = testbed();
    const json = formPost('/oauth2/token', { grant_type: 'client_credentials', client_id: 'web' }, { 'content-type': 'application/json' });
    expect(jsonOf(await bed.call('/oauth2/token', json))).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
    const get = { ...formPost('/oauth2/token', {}), method: 'GET' };
    expect(jsonOf(await bed.call('/oauth2/token', get))).toMatchObject({ status: 405, headers: { Allow: 'POST' } });
    const none = formPost('/oauth2/token', { client_id: 'web' });
    expect(jsonOf(await bed.call('/oauth2/token', none))).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
    const password = formPost('/oauth2/token', { grant_type: 'password', client_id: 'web' });
    expect(jsonOf(await bed.call('/oauth2/token', password))).toMatchObject({ status: 400, body: { error: 'unsupported_grant_type' } });
  });

  it('refuses aws_client_metadata that is not a JSON object of strings: invalid_request', async () => {
    const bed = testbed();
    const answer = await redeem(bed, {
      client_id: 'web',
      code: bed.code({ clientId: 'web', username: 'ada-sub' }),
      aws_client_metadata: '[1]',
    });
    expect(answer).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
  });
});
