import { createHash, randomUUID } from 'node:crypto';
import { OffsetClock } from '../clock.ts';
import { type AppClient, cognitoLocalKeys, emulatorClock, type User } from './cognito-local.ts';
import jwt from 'jsonwebtoken';
import { describe, expect, it } from 'vitest';
import { isOpaqueRefreshToken, opaqueRefreshToken, refreshTokenClient, refreshTokenOrigin } from './refresh-tokens.ts';
import { CognitoTokenGenerator } from './token-generator.ts';

const publicKey = cognitoLocalKeys().publicKeyPem;
const NOW = new Date('2026-11-24T10:00:00Z');
const nowSeconds = NOW.getTime() / 1000;
const generator = new CognitoTokenGenerator(emulatorClock(new OffsetClock(() => NOW.getTime())));

const user = {
  Username: '7d8ca528-4931-4254-9273-ea5ee853f271',
  Attributes: [
    { Name: 'sub', Value: '7d8ca528-4931-4254-9273-ea5ee853f271' },
    { Name: 'email', Value: 'ada@example.com' },
    { Name: 'email_verified', Value: 'true' },
    { Name: 'custom:team', Value: 'engines' },
  ],
} as User;
const client = {
  UserPoolId: 'eu-west-1_Pool12345',
  ClientId: 'client1',
  ReadAttributes: ['email', 'email_verified', 'custom:team'],
  IdTokenValidity: 60,
  AccessTokenValidity: 5,
  TokenValidityUnits: { IdToken: 'minutes', AccessToken: 'minutes', RefreshToken: 'days' },
} as AppClient;

const verify = (token: string) => jwt.verify(token, publicKey, { algorithms: ['RS256'], clockTimestamp: nowSeconds }) as jwt.JwtPayload;

describe('CognitoTokenGenerator', () => {
  it('issues an RS256 ID token with the claims Cognito documents', async () => {
    const { IdToken } = await generator.generate({}, user, ['admins'], client);
    expect(jwt.decode(IdToken, { complete: true })?.header).toEqual({ kid: 'CognitoLocal', alg: 'RS256' });
    const claims = verify(IdToken);
    expect(claims).toMatchObject({
      sub: user.Username,
      'cognito:groups': ['admins'],
      email_verified: true,
      iss: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Pool12345',
      'cognito:username': user.Username,
      aud: 'client1',
      token_use: 'id',
      auth_time: nowSeconds,
      iat: nowSeconds,
      exp: nowSeconds + 60 * 60,
      email: 'ada@example.com',
      'custom:team': 'engines',
    });
    expect(claims.jti).toMatch(/^[0-9a-f-]{36}$/);
    expect(claims.event_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(claims.origin_jti).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('puts in the ID token only the attributes the client reads: the standard ones when it lists none', async () => {
    const { IdToken } = await generator.generate({}, user, [], { ...client, ReadAttributes: undefined });
    const claims = verify(IdToken);
    expect(claims).toMatchObject({ sub: user.Username, email: 'ada@example.com', email_verified: true });
    expect(claims).not.toHaveProperty('custom:team');
  });

  it('keeps sub and the token claims in the ID token of a client that reads nothing else', async () => {
    const claims = verify((await generator.generate({}, user, [], { ...client, ReadAttributes: ['custom:team'] })).IdToken);
    expect(claims).not.toHaveProperty('email');
    expect(claims).not.toHaveProperty('email_verified');
    expect(claims).toMatchObject({
      sub: user.Username,
      'custom:team': 'engines',
      'cognito:username': user.Username,
      token_use: 'id',
      aud: 'client1',
    });
  });

  it('issues an access token for the client, with the same event and origin', async () => {
    const tokens = await generator.generate({}, user, [], client);
    const access = verify(tokens.AccessToken);
    const id = verify(tokens.IdToken);
    expect(access).toMatchObject({
      sub: user.Username,
      iss: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Pool12345',
      client_id: 'client1',
      token_use: 'access',
      scope: 'aws.cognito.signin.user.admin',
      username: user.Username,
      exp: nowSeconds + 5 * 60,
    });
    expect(access).not.toHaveProperty('aud');
    expect(access).not.toHaveProperty('cognito:groups');
    expect(access.event_id).toBe(id.event_id);
    expect(access.origin_jti).toBe(id.origin_jti);
    expect(access.jti).not.toBe(id.jti);
  });

  it("uses Cognito's 60 minutes when the client sets no validity", async () => {
    const { IdToken, AccessToken } = await generator.generate({}, user, [], {
      UserPoolId: 'eu-west-1_Pool12345',
      ClientId: 'client1',
    } as AppClient);
    expect(verify(IdToken).exp).toBe(nowSeconds + 3600);
    expect(verify(AccessToken).exp).toBe(nowSeconds + 3600);
  });

  it('issues opaque refresh tokens, shaped like compact JWEs and never twice the same', async () => {
    const first = (await generator.generate({}, user, [], client)).RefreshToken;
    const second = (await generator.generate({}, user, [], client)).RefreshToken;
    expect(first.split('.')).toHaveLength(5);
    expect(JSON.parse(Buffer.from(first.split('.')[0]!, 'base64url').toString())).toEqual({ cty: 'JWT', enc: 'A256GCM', alg: 'RSA-OAEP' });
    expect(jwt.decode(first)).toBeNull();
    expect(second).not.toBe(first);
  });

  // Cognito revokes by origin: the refresh token knows the origin_jti of the tokens issued with
  // it and from it, so that revoking it revokes them.
  it("gives a sign-in's tokens one new origin, which its refresh token carries, and a refresh the refresh token's", async () => {
    const signIn = await generator.generate({}, user, [], client);
    const origin = verify(signIn.AccessToken).origin_jti as string;
    expect(refreshTokenOrigin(signIn.RefreshToken)).toEqual({ jti: origin, authTime: nowSeconds });
    // A refresh an hour later keeps the sign-in's origin_jti and auth_time.
    const later = new CognitoTokenGenerator({ get: () => new Date(NOW.getTime() + 3_600_000), now: () => NOW.getTime() + 3_600_000 });
    const refreshed = await later.generate({}, user, [], client, undefined, 'RefreshTokens', refreshTokenOrigin(signIn.RefreshToken));
    for (const token of [refreshed.AccessToken, refreshed.IdToken]) {
      expect(verify(token)).toMatchObject({ origin_jti: origin, auth_time: nowSeconds, iat: nowSeconds + 3600 });
    }
    expect(verify(refreshed.AccessToken).jti).not.toBe(verify(signIn.AccessToken).jti);
    const other = await generator.generate({}, user, [], client);
    expect(verify(other.AccessToken).origin_jti).not.toBe(origin);
  });

  it('finds no origin nor client in a token the emulator cannot have issued', () => {
    for (const token of ['refresh-ada', 'a.b.c.d.e', '']) {
      expect(isOpaqueRefreshToken(token)).toBe(false);
      expect(refreshTokenOrigin(token)).toBeUndefined();
      expect(refreshTokenClient(token)).toBeUndefined();
    }
  });

  // A refresh token works only with the app client it was issued to (NotAuthorizedException
  // "Refresh Token has different Client", https://github.com/aws/aws-sdk-js/issues/4016).
  it('names the app client in the refresh token; one made without a client (a test, an earlier version) names none', async () => {
    const { RefreshToken } = await generator.generate({}, user, [], client);
    expect(refreshTokenClient(RefreshToken)).toBe(client.ClientId);
    expect(refreshTokenOrigin(RefreshToken)?.authTime).toBe(nowSeconds);
    expect(refreshTokenClient(opaqueRefreshToken({ jti: randomUUID(), authTime: nowSeconds }))).toBeUndefined();
    const long = 'c'.repeat(128);
    expect(refreshTokenClient(opaqueRefreshToken({ jti: randomUUID(), authTime: 1 }, long))).toBe(long);
  });

  it('refuses a validity unit Cognito does not have', async () => {
    const odd = { ...client, TokenValidityUnits: { IdToken: 'weeks' } } as unknown as AppClient;
    await expect(generator.generate({}, user, [], odd)).rejects.toThrow('Invalid token validity unit: weeks');
  });

  // https://docs.aws.amazon.com/cognito/latest/developerguide/token-endpoint.html: the tokens of an
  // OAuth 2.0 grant carry its scopes, and every refresh of it keeps them.
  it("gives an OAuth grant's access token the grant's scopes, and its refresh token carries them to every refresh", async () => {
    const grant = { jti: randomUUID(), authTime: nowSeconds - 60, scopes: ['openid', 'email', 'https://api.example.com/read'] };
    const tokens = await generator.generate({}, user, [], client, undefined, 'HostedAuth', grant);
    expect(verify(tokens.AccessToken)).toMatchObject({ scope: 'openid email https://api.example.com/read', auth_time: nowSeconds - 60 });
    expect(refreshTokenOrigin(tokens.RefreshToken)).toEqual(grant);
    expect(refreshTokenClient(tokens.RefreshToken)).toBe(client.ClientId);
    const refreshed = await generator.generate({}, user, [], client, undefined, 'RefreshTokens', refreshTokenOrigin(tokens.RefreshToken));
    expect(verify(refreshed.AccessToken)).toMatchObject({ scope: grant.scopes.join(' '), origin_jti: grant.jti });
    // A sign-in through the API: Cognito's own scope.
    expect(verify((await generator.generate({}, user, [], client)).AccessToken).scope).toBe('aws.cognito.signin.user.admin');
    expect(refreshTokenOrigin((await generator.generate({}, user, [], client)).RefreshToken)).not.toHaveProperty('scopes');
  });

  it('keeps an OAuth grant without scopes apart from a sign-in through the API', () => {
    const token = opaqueRefreshToken({ jti: randomUUID(), authTime: 5, scopes: [] }, 'client1');
    expect(refreshTokenOrigin(token)?.scopes).toEqual([]);
    expect(refreshTokenClient(token)).toBe('client1');
  });

  // OIDC Core 3.1.3.6; Cognito's managed login ID tokens carry at_hash (amazon-cognito-user-pools-using-the-id-token.html).
  it("gives an OAuth grant's ID token the at_hash of its access token; a sign-in through the API's none", async () => {
    const grant = { jti: randomUUID(), authTime: nowSeconds, scopes: ['openid'] };
    const { IdToken, AccessToken } = await generator.generate({}, user, [], client, undefined, 'HostedAuth', grant);
    const expected = createHash('sha256').update(AccessToken).digest().subarray(0, 16).toString('base64url');
    expect(verify(IdToken).at_hash).toBe(expected);
    expect(verify((await generator.generate({}, user, [], client)).IdToken)).not.toHaveProperty('at_hash');
  });

  it("puts the authorize request's nonce in the ID token only", async () => {
    const grant = { jti: randomUUID(), authTime: nowSeconds, scopes: ['openid'] };
    const { IdToken, AccessToken } = await generator.generate({}, user, [], client, undefined, 'HostedAuth', grant, {
      nonce: 'n-0S6_WzA2Mj',
    });
    expect(verify(IdToken).nonce).toBe('n-0S6_WzA2Mj');
    expect(verify(AccessToken)).not.toHaveProperty('nonce');
    expect(verify((await generator.generate({}, user, [], client)).IdToken)).not.toHaveProperty('nonce');
  });

  // https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-id-token.html
  it("gives a federated user's ID token the identities claim, an array parsed from the identities attribute", async () => {
    const identities = [
      { userId: '1234567890', providerName: 'Google', providerType: 'Google', issuer: null, primary: 'true', dateCreated: '1700000000000' },
    ];
    const federated = {
      ...user,
      Username: 'Google_1234567890',
      Attributes: [...user.Attributes, { Name: 'identities', Value: JSON.stringify(identities) }],
    } as User;
    const { IdToken, AccessToken } = await generator.generate({}, federated, [], client);
    expect(verify(IdToken).identities).toEqual(identities);
    expect(verify(AccessToken)).not.toHaveProperty('identities');
    const broken = { ...user, Attributes: [...user.Attributes, { Name: 'identities', Value: 'not json' }] } as User;
    expect(verify((await generator.generate({}, broken, [], client)).IdToken)).not.toHaveProperty('identities');
  });
});
