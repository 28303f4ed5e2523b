import { generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { describe, expect, it } from 'vitest';
import { cognitoLocalKeys } from '../cognito-local.ts';
import { SIGN_IN_ORIGIN, signInRefreshToken } from '../testing/access-token.ts';
import { appClient, ctx, fakeCognito, poolUser, rejection } from '../testing/fake-cognito.ts';
import { opaqueRefreshToken } from '../refresh-tokens.ts';
import { getTokensFromRefreshToken } from './get-tokens-from-refresh-token.ts';
import { globalSignOut } from './global-sign-out.ts';

/** The key cognito-local signs its tokens with, so the tokens here are ones it could have issued. */
const cognitoLocalKey = cognitoLocalKeys().privateKeyPem;
const otherKey = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
}).privateKey;

const ISSUER = 'http://127.0.0.1:9229/local_Pool1';
const nowSeconds = () => Math.floor(Date.now() / 1000);

// Of the emulator's shape: once no user holds it, a refresh says it was revoked. It is the
// refresh token of the sign-in signAccessToken's tokens come from.
const adaRefreshToken = signInRefreshToken();
const ada = poolUser('4f1c2a4e-0000-4000-8000-000000000001', 'ada@example.com', 'CONFIRMED', {
  RefreshTokens: [adaRefreshToken, opaqueRefreshToken()],
});

function signAccessToken(claims: Record<string, unknown> = {}, key: string = cognitoLocalKey): string {
  return jwt.sign(
    {
      sub: ada.Username,
      token_use: 'access',
      iss: ISSUER,
      client_id: 'client-1',
      iat: nowSeconds(),
      exp: nowSeconds() + 3600,
      origin_jti: SIGN_IN_ORIGIN,
      // Every access token of a sign-in through the API has it (the operations need it).
      scope: 'aws.cognito.signin.user.admin',
      ...claims,
    },
    key,
    { algorithm: 'RS256', keyid: 'CognitoLocal' },
  );
}

/** cognito-local's services in memory: pool local_Pool1 holds Ada and client-1; other pool ids fail as in cognito-local. */
function fakeServices() {
  return fakeCognito({
    users: [ada],
    pool: { Id: 'local_Pool1' },
    clients: [appClient('client-1')],
    tokens: { AccessToken: 'access', IdToken: 'id', RefreshToken: 'refresh' },
  });
}

/** GlobalSignOut over `services`, in the shape a route has. */
const GlobalSignOut = (services: Parameters<typeof globalSignOut>[0]) => (context: typeof ctx, input: { AccessToken?: string }) =>
  globalSignOut(services, context, input as Parameters<typeof globalSignOut>[2]);

describe('globalSignOut', () => {
  it("forgets every refresh token of the access token's user", async () => {
    const { services, saved, poolsAsked } = fakeServices();
    expect(await GlobalSignOut(services)(ctx, { AccessToken: signAccessToken() })).toEqual({});
    expect(poolsAsked).toEqual(['local_Pool1']);
    expect(saved).toEqual([{ ...ada, RefreshTokens: [] }]);
  });

  it("makes the user's refresh tokens stop working", async () => {
    const { services } = fakeServices();
    const refresh = (context: typeof ctx, input: { ClientId: string; RefreshToken: string }) =>
      getTokensFromRefreshToken(services, context, input);
    await expect(refresh(ctx, { ClientId: 'client-1', RefreshToken: adaRefreshToken })).resolves.toHaveProperty(
      'AuthenticationResult.IdToken',
      'id',
    );
    await GlobalSignOut(services)(ctx, { AccessToken: signAccessToken() });
    const error = await rejection(refresh(ctx, { ClientId: 'client-1', RefreshToken: adaRefreshToken }));
    expect(error.code).toBe('NotAuthorizedException');
    expect(error.message).toBe('Refresh Token has been revoked');
  });

  it.each([
    ['an ID token', () => signAccessToken({ token_use: 'id' })],
    ['a token signed with another key', () => signAccessToken({}, otherKey)],
    ['an access token without an issuer', () => signAccessToken({ iss: undefined })],
    ['an access token for a user the pool does not hold', () => signAccessToken({ sub: '00000000-0000-4000-8000-000000000000' })],
    ['something that is not a JWT', () => 'not-a-jwt'],
    ['no token at all', () => undefined],
  ])('refuses %s as an invalid access token', async (_case, token) => {
    const { services, saved } = fakeServices();
    const error = await rejection(GlobalSignOut(services)(ctx, { AccessToken: token() }));
    expect(error.code).toBe('NotAuthorizedException');
    expect(error.message).toBe('Invalid Access Token');
    expect(saved).toEqual([]);
  });

  // Cognito's answer to an access token past its exp, as reported from GetUser (aws-sdk-ios#1376).
  // A managed login grant without aws.cognito.signin.user.admin: Cognito's operations refuse its
  // access token ([C] https://github.com/aws-amplify/aws-sdk-android/issues/1813).
  it('refuses an access token without aws.cognito.signin.user.admin, and signs no one out', async () => {
    const { services, saved } = fakeServices();
    for (const scope of ['openid email', undefined]) {
      const error = await rejection(GlobalSignOut(services)(ctx, { AccessToken: signAccessToken({ scope }) }));
      expect([error.code, error.message]).toEqual(['NotAuthorizedException', 'Access Token does not have required scopes']);
    }
    expect(saved).toEqual([]);
    expect(await GlobalSignOut(services)(ctx, { AccessToken: signAccessToken({ scope: 'openid aws.cognito.signin.user.admin' }) })).toEqual(
      {},
    );
  });

  it('refuses an expired access token as expired', async () => {
    const { services, saved } = fakeServices();
    const expired = signAccessToken({ iat: nowSeconds() - 7200, exp: nowSeconds() - 60 });
    const error = await rejection(GlobalSignOut(services)(ctx, { AccessToken: expired }));
    expect({ code: error.code, message: error.message }).toEqual({ code: 'NotAuthorizedException', message: 'Access Token has expired' });
    expect(saved).toEqual([]);
  });

  // A token whose pool is gone (kept across `npm run reset`, say) is invalid, not a missing pool.
  it('refuses an access token naming a pool the emulator does not have', async () => {
    const { services } = fakeServices();
    const error = await rejection(
      GlobalSignOut(services)(ctx, { AccessToken: signAccessToken({ iss: 'http://127.0.0.1:9229/local_Gone' }) }),
    );
    expect(error.code).toBe('NotAuthorizedException');
    expect(error.message).toBe('Invalid Access Token');
  });

  // docs/aws-behaviour.md: any Cognito API called with a revoked access token answers
  // NotAuthorizedException 'Access Token has been revoked' (API Gateway still accepts it).
  it('refuses the access token it has just signed out, as Cognito does', async () => {
    const { services } = fakeServices();
    const token = signAccessToken();
    await GlobalSignOut(services)(ctx, { AccessToken: token });
    const error = await rejection(GlobalSignOut(services)(ctx, { AccessToken: token }));
    expect(error.code).toBe('NotAuthorizedException');
    expect(error.message).toBe('Access Token has been revoked');
  });

  // AWS revokes by origin (origin_jti), not by time: tokens of a sign-in right after a global
  // sign-out, in the same second, work at once; those of before stay revoked.
  // https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-refresh-token.html#amazon-cognito-identity-user-pools-revoking-all-tokens-for-user
  it('accepts the tokens of a sign-in in the same second as the sign-out, and still refuses the old ones', async () => {
    const { services, userPool, stored } = fakeServices();
    const old = signAccessToken();
    await GlobalSignOut(services)(ctx, { AccessToken: old });
    const again = '7d0c8e52-0000-4000-8000-0000000000b2';
    await userPool.saveUser(ctx, { ...stored.get(ada.Username)!, RefreshTokens: [opaqueRefreshToken({ jti: again, authTime: 0 })] });
    const fresh = signAccessToken({ origin_jti: again, iat: jwt.decode(old, { json: true })!.iat });
    await expect(GlobalSignOut(services)(ctx, { AccessToken: fresh })).resolves.toEqual({});
    expect((await rejection(GlobalSignOut(services)(ctx, { AccessToken: old }))).message).toBe('Access Token has been revoked');
  });

  it('refuses an access token without an origin, or of an origin the user never held', async () => {
    const { services } = fakeServices();
    for (const origin_jti of [undefined, '7d0c8e52-0000-4000-8000-0000000000c3']) {
      const error = await rejection(GlobalSignOut(services)(ctx, { AccessToken: signAccessToken({ origin_jti }) }));
      expect(error.message).toBe('Access Token has been revoked');
    }
  });
});
