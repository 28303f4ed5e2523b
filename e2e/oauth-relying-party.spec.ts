// Cognito as an OAuth 2.0 / OpenID Connect provider to code that is not Amplify, on a team's
// serverless.yml from a fresh data folder: an OIDC relying-party library (openid-client) doing
// discovery, the authorization code grant with PKCE through the managed login, userInfo and a
// refresh; and a machine-to-machine client's client_credentials token with a custom scope passing
// a REST route whose Cognito authorizer asks for that scope and an HTTP API route whose JWT
// authorizer does. What Cognito answers is in docs/aws-behaviour.md ("Managed login", "OAuth 2.0
// endpoints"); the token endpoint: https://docs.aws.amazon.com/cognito/latest/developerguide/token-endpoint.html,
// scopes: https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-define-resource-servers.html.
import { expect, test } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DescribeUserPoolClientCommand } from '@aws-sdk/client-cognito-identity-provider';
import * as oidc from 'openid-client';
import { stackOutput } from '../local/cloudformation/local-stack.ts';
import { adminConfirmedUser, cognitoClient } from '../testing/cognito-client.ts';
import { awsIssuer } from '../testing/tokens.ts';
import { ensureTestCa, trustedFetch } from '../testing/trusted-https.ts';
import { uniqueEmail, uniqueName } from '../testing/unique-names.ts';
import { e2eStack } from './stack.ts';
import { type ServiceEdit, startVariantApi, type VariantApi } from './variant-stack.ts';

const API = 'https://api.example.com';
const READ = `${API}/hello.read`;
const CALLBACK = 'http://localhost:8080/callback';
const PASSWORD = 'Relying-Party-1!';

/** A prefix no other pool of the shared emulator has (prefixes are unique across pools). */
const newPrefix = () => `rp-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;

const issuerUrl = { 'Fn::Join': ['', ['https://cognito-idp.', { Ref: 'AWS::Region' }, '.amazonaws.com/', { Ref: 'CognitoUserPool' }]] };

/** The team's OAuth side on a pool of its own: a domain, a resource server, a confidential web client and a machine client, and the routes that want the scope. */
const withOAuth =
  (prefix: string): ServiceEdit =>
  (service) => {
    const resources = service.resources.Resources;
    resources.CognitoUserPool.Properties.UserPoolName = uniqueName('relying-party');
    const UserPoolId = { Ref: 'CognitoUserPool' };
    for (const [id, resource] of Object.entries<Record<string, any>>(resources)) {
      if (resource.Type === 'AWS::Cognito::UserPoolDomain') delete resources[id];
    }
    resources.RpDomain = { Type: 'AWS::Cognito::UserPoolDomain', Properties: { UserPoolId, Domain: prefix } };
    // The starter's Output of its domain (what build:web reads) names the team's.
    service.resources.Outputs.UserPoolDomain = { Value: { Ref: 'RpDomain' } };
    resources.HelloApi = {
      Type: 'AWS::Cognito::UserPoolResourceServer',
      Properties: { UserPoolId, Identifier: API, Name: 'hello', Scopes: [{ ScopeName: 'hello.read', ScopeDescription: 'Reads hellos' }] },
    };
    resources.RpClient = {
      Type: 'AWS::Cognito::UserPoolClient',
      Properties: {
        UserPoolId,
        ClientName: 'relying-party',
        GenerateSecret: true,
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthFlows: ['code'],
        AllowedOAuthScopes: ['openid', 'email', 'profile'],
        CallbackURLs: [CALLBACK],
        SupportedIdentityProviders: ['COGNITO'],
        ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
      },
    };
    resources.MachineClient = {
      Type: 'AWS::Cognito::UserPoolClient',
      DependsOn: ['HelloApi'],
      Properties: {
        UserPoolId,
        ClientName: 'hello-worker',
        GenerateSecret: true,
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthFlows: ['client_credentials'],
        AllowedOAuthScopes: [READ],
      },
    };
    service.resources.Outputs.RpClientId = { Value: { Ref: 'RpClient' } };
    service.resources.Outputs.MachineClientId = { Value: { Ref: 'MachineClient' } };
    service.provider.httpApi = {
      authorizers: {
        machines: { type: 'jwt', identitySource: '$request.header.Authorization', issuerUrl, audience: [{ Ref: 'MachineClient' }] },
      },
    };
    service.functions.helloScoped = {
      handler: 'e2e/fixtures/echo-handler.handler',
      events: [
        {
          http: {
            path: 'api/helloScoped',
            method: 'get',
            authorizer: {
              name: 'cognitoUserPool',
              type: 'COGNITO_USER_POOLS',
              arn: { 'Fn::GetAtt': ['CognitoUserPool', 'Arn'] },
              scopes: [READ],
            },
          },
        },
        { httpApi: { method: 'GET', path: '/http/helloScoped', authorizer: { name: 'machines', scopes: [READ] } } },
      ],
    };
  };

let variant: VariantApi;
let dataDir: string;
let https: typeof fetch;
let userPoolId: string;
const cognito = cognitoClient(e2eStack.urls.cognito);

test.beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'hello-auth-rp-'));
  variant = await startVariantApi(withOAuth(newPrefix()), { dataDir });
  https = trustedFetch(await ensureTestCa());
  userPoolId = stackOutput(variant.stack, 'UserPoolId');
});

test.afterAll(async () => {
  cognito.destroy();
  await variant?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/**
 * The network as a relying party sees it on AWS: the issuer's host is Cognito's API endpoint (here
 * the local emulator, which answers the pool's discovery document and keys), the rest the pool's
 * domain (here the local managed login, over HTTPS with the tests' CA).
 */
const network = ((url: string | URL | Request, init?: RequestInit) => {
  const target = new URL(url instanceof Request ? url.url : url);
  if (/^cognito-idp\.[a-z0-9-]+\.amazonaws\.com$/.test(target.hostname)) return fetch(`${e2eStack.urls.cognito}${target.pathname}`, init);
  return https(url, init);
}) as typeof fetch;

async function clientOf(clientIdOutput: string): Promise<oidc.Configuration> {
  const clientId = stackOutput(variant.stack, clientIdOutput);
  const { UserPoolClient } = await cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: clientId }));
  // The discovery document's jwks_uri is the emulator's plain-HTTP address (Cognito's is HTTPS).
  return oidc.discovery(new URL(awsIssuer(userPoolId)), clientId, UserPoolClient!.ClientSecret!, undefined, {
    [oidc.customFetch]: (url, options) => network(url, options as RequestInit),
    execute: [oidc.allowInsecureRequests],
  });
}

/** What a person does in the browser: the authorize URL, the managed login's form, the redirect back to the app. */
async function signInAt(authorizeUrl: URL, username: string, password: string): Promise<URL> {
  const authorize = await https(authorizeUrl, { redirect: 'manual' });
  expect(authorize.status).toBe(302);
  const login = new URL(authorize.headers.get('location')!, authorizeUrl);
  expect(login.pathname).toBe('/login');
  const form = await https(login, { method: 'POST', redirect: 'manual', body: new URLSearchParams({ username, password }) });
  expect(form.status).toBe(302);
  return new URL(form.headers.get('location')!);
}

test('openid-client does discovery, the code grant with PKCE through the managed login, userInfo and a refresh, unchanged', async () => {
  const config = await clientOf('RpClientId');
  expect(config.serverMetadata()).toMatchObject({
    issuer: awsIssuer(userPoolId),
    authorization_endpoint: `${e2eStack.urls.managedLogin}/oauth2/authorize`,
    token_endpoint: `${e2eStack.urls.managedLogin}/oauth2/token`,
    userinfo_endpoint: `${e2eStack.urls.managedLogin}/oauth2/userInfo`,
  });
  const email = uniqueEmail('rp');
  await adminConfirmedUser(cognito, userPoolId, email, PASSWORD);

  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const authorizeUrl = oidc.buildAuthorizationUrl(config, {
    redirect_uri: CALLBACK,
    scope: 'openid email profile',
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  const callback = await signInAt(authorizeUrl, email, PASSWORD);
  expect(`${callback.origin}${callback.pathname}`).toBe(CALLBACK);

  const tokens = await oidc.authorizationCodeGrant(config, callback, {
    pkceCodeVerifier: verifier,
    expectedState: state,
    expectedNonce: nonce,
  });
  const claims = tokens.claims()!;
  expect(claims).toMatchObject({ iss: awsIssuer(userPoolId), email, nonce, token_use: 'id' });
  expect(tokens.expires_in).toBe(3600);

  const info = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
  expect(info).toMatchObject({ sub: claims.sub, email, email_verified: 'true' });

  const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token!);
  expect(refreshed.access_token).not.toBe(tokens.access_token);
  expect(refreshed.claims()).toMatchObject({ sub: claims.sub, email, token_use: 'id' });
  const accessClaims = JSON.parse(Buffer.from(refreshed.access_token.split('.')[1]!, 'base64url').toString());
  expect(accessClaims.scope.split(' ').sort()).toEqual(['email', 'openid', 'profile']);
});

test("a client_credentials token with the resource server's scope passes the REST route and the HTTP API route that ask for it", async () => {
  const machine = await clientOf('MachineClientId');
  const { access_token, expires_in, token_type } = await oidc.clientCredentialsGrant(machine, { scope: READ });
  expect([token_type?.toLowerCase(), expires_in]).toEqual(['bearer', 3600]);
  const claims = JSON.parse(Buffer.from(access_token.split('.')[1]!, 'base64url').toString());
  expect(claims).toMatchObject({
    token_use: 'access',
    scope: READ,
    client_id: machine.clientMetadata().client_id,
    sub: machine.clientMetadata().client_id,
  });

  const rest = await fetch(`${variant.apiUrl}/api/helloScoped`, { headers: { Authorization: access_token } });
  expect(rest.status).toBe(200);
  const httpApi = await fetch(`${variant.apiUrl.replace(/\/[^/]+$/, '')}/http/helloScoped`, {
    headers: { Authorization: `Bearer ${access_token}` },
  });
  expect(httpApi.status).toBe(200);

  // A user's access token from the managed login has no such scope: refused by both, each as API Gateway refuses it.
  const config = await clientOf('RpClientId');
  const email = uniqueEmail('rp-scope');
  await adminConfirmedUser(cognito, userPoolId, email, PASSWORD);
  const verifier = oidc.randomPKCECodeVerifier();
  const authorizeUrl = oidc.buildAuthorizationUrl(config, {
    redirect_uri: CALLBACK,
    scope: 'openid email',
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state: 's',
  });
  const user = await oidc.authorizationCodeGrant(config, await signInAt(authorizeUrl, email, PASSWORD), {
    pkceCodeVerifier: verifier,
    expectedState: 's',
  });
  expect((await fetch(`${variant.apiUrl}/api/helloScoped`, { headers: { Authorization: user.access_token } })).status).toBe(401);
  const refusedHttp = await fetch(`${variant.apiUrl.replace(/\/[^/]+$/, '')}/http/helloScoped`, {
    headers: { Authorization: `Bearer ${user.access_token}` },
  });
  // Its client_id is not the authorizer's audience: 401 (http-api-jwt-authorizer.html).
  expect(refusedHttp.status).toBe(401);
});
