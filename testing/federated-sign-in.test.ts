import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthorizationCodes } from '../local/cognito/managed-login/authorization-codes.ts';
import { federationPages, federationStart } from '../local/cognito/managed-login/federation/federation-pages.ts';
import { HostedSignIn } from '../local/cognito/managed-login/hosted-sign-in.ts';
import { LoginSessions } from '../local/cognito/managed-login/login-sessions.ts';
import { managedLoginListener } from '../local/cognito/managed-login/managed-login-routes.ts';
import { type SignInPages, signInFlow } from '../local/cognito/managed-login/sign-in-flow.ts';
import { signInDeps } from '../local/cognito/operations/sign-in-deps.ts';
import { ctx } from '../local/cognito/testing/fake-cognito.ts';
import { CALLBACK, federationTestbed } from '../local/cognito/testing/federation-testbed.ts';
import { FederatedSignInError, signInWithIdentity } from './federated-sign-in.ts';

// The helper over real HTTP, against the managed login's listener with the sign-in flow's authorize
// and signedIn (sign-in-flow.ts: Cognito's authorize checks, the session, the code) and the
// federation's pages, over a fake pool with a Google and a SAML provider.
const testbed = federationTestbed();
// Made once the testbed's Lambda runs (its beforeAll comes first).
let fake: ReturnType<typeof testbed.fake>;
let codes: AuthorizationCodes;
let server: Server;
let origin: string;

const pages: SignInPages = {
  login: () => 'login',
  newPassword: () => 'new password',
  mfa: () => 'mfa',
  mfaSetup: () => 'mfa setup',
  error: (page) => page.message,
};

beforeAll(async () => {
  fake = testbed.fake();
  codes = new AuthorizationCodes(fake.deps.services.clock);
  server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const federation = { ...fake.deps, origin };
  const flow = signInFlow({
    cognito: fake.services.cognito,
    configs: federation.configs,
    sessions: new LoginSessions(fake.services.clock),
    codes,
    hostedSignIn: new HostedSignIn(signInDeps(fake.services, { enabled: () => false, has: () => false } as never)),
    pages,
    implicitTokens: async (_ctx, _request, user) => ({
      access_token: `access-of-${user.Username}`,
      token_type: 'Bearer',
      expires_in: '3600',
    }),
    startFederation: federationStart(federation),
    context: () => ctx,
  });
  server.on(
    'request',
    managedLoginListener(
      { '/oauth2/authorize': flow.routes['/oauth2/authorize'], ...federationPages(federation, flow.signedIn) },
      () => {},
    ),
  );
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const AS_GRACE = { sub: '2001', email: 'grace@example.com', name: 'Grace Hopper' };

describe('signInWithIdentity', () => {
  it('signs in as the identity through the provider and lands on the callback with a code for that user, the state and the session', async () => {
    const result = await signInWithIdentity({
      origin,
      clientId: 'web',
      redirectUri: CALLBACK,
      provider: 'Google',
      identity: AS_GRACE,
      parameters: { state: 'app-state', scope: 'openid email' },
    });

    expect(`${result.callback.origin}${result.callback.pathname}`).toBe(CALLBACK);
    expect(result.callback.searchParams.get('state')).toBe('app-state');
    expect(codes.redeem(result.callback.searchParams.get('code') ?? '')).toMatchObject({
      userPoolId: 'local_Pool1',
      clientId: 'web',
      username: 'Google_2001',
      scopes: ['openid', 'email'],
      redirectUri: CALLBACK,
    });
    expect(Object.keys(result.cookies)).toEqual(['cognito']);
    expect(fake.stored.get('Google_2001')?.Attributes).toContainEqual({ Name: 'email', Value: 'grace@example.com' });
  });

  it('signs a SAML identity in by its NameID, and the implicit grant lands with tokens in the fragment', async () => {
    const result = await signInWithIdentity({
      origin,
      clientId: 'web',
      redirectUri: CALLBACK,
      provider: 'CorpSSO',
      identity: {
        NameID: 'grace@corp.example.com',
        'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress': 'grace@corp.example.com',
      },
      parameters: { response_type: 'token', scope: 'openid' },
    });

    expect(new URLSearchParams(result.callback.hash.slice(1)).get('access_token')).toBe('access-of-CorpSSO_grace@corp.example.com');
  });

  it("lands on the callback with Cognito's error when Cognito refuses the identity", async () => {
    const result = await signInWithIdentity({
      origin,
      clientId: 'web',
      redirectUri: CALLBACK,
      provider: 'Google',
      identity: { sub: '2002', email: 'x'.repeat(2049) },
      parameters: { state: 's' },
    });

    expect([result.callback.searchParams.get('error'), result.callback.searchParams.get('state')]).toEqual(['invalid_request', 's']);
  });

  it('says which step failed when the managed login does not send the browser to the provider', async () => {
    const unknownClient = signInWithIdentity({ origin, clientId: 'nobody', redirectUri: CALLBACK, provider: 'Google', identity: AS_GRACE });
    await expect(unknownClient).rejects.toBeInstanceOf(FederatedSignInError);
    await expect(unknownClient).rejects.toThrow(/^The authorize request sent the browser to .*\/error\?error=invalid_request/);
  });
});
