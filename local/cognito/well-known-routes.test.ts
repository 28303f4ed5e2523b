import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cognitoLocalKeys } from './cognito-local.ts';
import { withWellKnownRoutes } from './well-known-routes.ts';

const PUBLIC_URL = 'http://localhost:9229';
// AWS's issuer, whatever URL asks (https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-tokens-verifying-a-jwt.html).
const ISSUER = 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Pool12345';

let server: http.Server;
let port: number;
const logged: string[] = [];

/** GET `path` with `host` as the Host header: the answer's status, CORS header and body. */
function get(path: string, host = 'localhost:9229', method = 'GET') {
  return new Promise<{ status: number; cors: unknown; body: unknown }>((resolve, reject) => {
    http
      .request({ host: '127.0.0.1', port, path, method, headers: { host } }, (response) => {
        let text = '';
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode!,
            cors: response.headers['access-control-allow-origin'],
            body: JSON.parse(text || 'null'),
          }),
        );
      })
      .on('error', reject)
      .end();
  });
}

beforeAll(async () => {
  const poolExists = async (id: string) => {
    if (id === 'eu-west-1_Broken123') throw new Error('the pool store failed');
    return id === 'eu-west-1_Pool12345' || id === 'eu-west-1_Domain123';
  };
  const managedLogin = { origin: 'https://127.0.0.1:9443', hasDomain: async (id: string) => id === 'eu-west-1_Domain123' };
  const passedOn: http.RequestListener = (request, response) => response.writeHead(299).end(JSON.stringify({ passedOn: request.url }));
  server = http.createServer(
    withWellKnownRoutes({ publicUrl: PUBLIC_URL, poolExists, managedLogin, log: (line) => logged.push(line) }, passedOn),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("a user pool's discovery document and JWKS", () => {
  it('lists the managed login endpoints of a pool with a domain, at the local managed login', async () => {
    const { body } = await get('/eu-west-1_Domain123/.well-known/openid-configuration');
    // The fields Cognito's document has for a pool with a domain (end_session_endpoint since February 2024):
    // https://docs.aws.amazon.com/cognito/latest/developerguide/federation-endpoints.html
    expect(body).toEqual({
      issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Domain123',
      jwks_uri: `${PUBLIC_URL}/eu-west-1_Domain123/.well-known/jwks.json`,
      id_token_signing_alg_values_supported: ['RS256'],
      subject_types_supported: ['public'],
      authorization_endpoint: 'https://127.0.0.1:9443/oauth2/authorize',
      end_session_endpoint: 'https://127.0.0.1:9443/logout',
      response_types_supported: ['code', 'token'],
      revocation_endpoint: 'https://127.0.0.1:9443/oauth2/revoke',
      scopes_supported: ['openid', 'email', 'phone', 'profile'],
      token_endpoint: 'https://127.0.0.1:9443/oauth2/token',
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      userinfo_endpoint: 'https://127.0.0.1:9443/oauth2/userInfo',
    });
  });

  it("names the tokens' issuer (AWS's) and its JWKS where it can be fetched, with only the fields that hold locally", async () => {
    expect(await get('/eu-west-1_Pool12345/.well-known/openid-configuration')).toEqual({
      status: 200,
      cors: '*',
      body: {
        issuer: ISSUER,
        jwks_uri: `${PUBLIC_URL}/eu-west-1_Pool12345/.well-known/jwks.json`,
        id_token_signing_alg_values_supported: ['RS256'],
        subject_types_supported: ['public'],
      },
    });
  });

  it('keeps the issuer for a client that reaches the emulator at another URL, and names the JWKS where that client reaches it', async () => {
    const { body } = await get('/eu-west-1_Pool12345/.well-known/openid-configuration', 'cognito:9229');
    expect(body).toMatchObject({ issuer: ISSUER, jwks_uri: 'http://cognito:9229/eu-west-1_Pool12345/.well-known/jwks.json' });
    // A Host header that is not a host and port is not echoed.
    expect((await get('/eu-west-1_Pool12345/.well-known/openid-configuration', 'evil.example/x?')).body).toMatchObject({
      jwks_uri: `${PUBLIC_URL}/eu-west-1_Pool12345/.well-known/jwks.json`,
    });
  });

  it('serves the public key the tokens are signed with', async () => {
    expect(await get('/eu-west-1_Pool12345/.well-known/jwks.json')).toEqual({
      status: 200,
      cors: '*',
      body: { keys: [cognitoLocalKeys().publicJwk] },
    });
  });

  it('answers 404 for a pool the emulator does not have, as Cognito does', async () => {
    for (const document of ['openid-configuration', 'jwks.json']) {
      expect(await get(`/eu-west-1_Nope12345/.well-known/${document}`)).toEqual({
        status: 404,
        cors: '*',
        body: { __type: 'ResourceNotFoundException', message: 'User pool eu-west-1_Nope12345 does not exist.' },
      });
    }
  });

  it('passes on other methods, other paths and a path express must refuse (a bad escape)', async () => {
    for (const [path, method] of [
      ['/eu-west-1_Pool12345/.well-known/jwks.json', 'POST'],
      ['/eu-west-1_Pool12345/.well-known/other', 'GET'],
      ['/%ff/.well-known/jwks.json', 'GET'],
      ['/a/b/.well-known/jwks.json', 'GET'],
    ] as const) {
      expect(await get(path, undefined, method)).toEqual({ status: 299, cors: undefined, body: { passedOn: path } });
    }
  });

  it('answers a failure to look the pool up with InternalErrorException, and logs it', async () => {
    expect(await get('/eu-west-1_Broken123/.well-known/jwks.json')).toMatchObject({
      status: 500,
      body: { __type: 'InternalErrorException' },
    });
    expect(logged.at(-1)).toContain('the pool store failed');
  });
});
