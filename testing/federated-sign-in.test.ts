import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { federationPages, startFederatedSignIn } from '../local/cognito/managed-login/federation/federation-pages.ts';
import { managedLoginListener } from '../local/cognito/managed-login/managed-login-routes.ts';
import type { PageHandler, SignedIn } from '../local/cognito/managed-login/page-types.ts';
import { ctx } from '../local/cognito/testing/fake-cognito.ts';
import { federationTestbed } from '../local/cognito/testing/federation-testbed.ts';
import { FederatedSignInError, signInWithIdentity } from './federated-sign-in.ts';

// The helper over real HTTP, against the managed login's listener with the federation's pages. The
// authorize endpoint here is a minimal one of the test's (the lead's checks the request first).
const testbed = federationTestbed();
// Made once the testbed's Lambda runs (its beforeAll comes first).
let fake: ReturnType<typeof testbed.fake>;
const CALLBACK = 'https://app.example.com/callback';
let server: Server;
let origin: string;

beforeAll(async () => {
  fake = testbed.fake();
  server = createServer((request, response) => listener(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const signedIn: SignedIn = async (_request, _userPoolId, username, parameters) => ({
  kind: 'redirect',
  location: `${parameters.get('redirect_uri')}?code=code-of-${username}&state=${parameters.get('state')}`,
  cookies: [{ name: 'session', value: `session-of-${username}` }],
});

const authorize: PageHandler = async (request) => {
  const client = await fake.deps.services.cognito.getAppClient(ctx, request.query.get('client_id') ?? '');
  if (!client) return { kind: 'html', status: 400, html: 'no such client' };
  return startFederatedSignIn({ ...fake.deps, origin }, { pool: fake.pool, client, parameters: request.query });
};

const listener: ReturnType<typeof managedLoginListener> = (request, response) =>
  managedLoginListener({ ...federationPages({ ...fake.deps, origin }, signedIn), '/oauth2/authorize': authorize }, () => {})(
    request,
    response,
  );

describe('signInWithIdentity', () => {
  it('signs in as the identity through the provider and lands on the callback with the code, the state and the session', async () => {
    const result = await signInWithIdentity({
      origin,
      clientId: 'web',
      redirectUri: CALLBACK,
      provider: 'Google',
      identity: { sub: '2001', email: 'grace@example.com', name: 'Grace Hopper' },
      parameters: { state: 'app-state', scope: 'openid' },
    });

    expect(result.callback.href).toBe(`${CALLBACK}?code=code-of-Google_2001&state=app-state`);
    expect(result.cookies).toEqual({ session: 'session-of-Google_2001' });
    expect(fake.stored.get('Google_2001')?.Attributes).toContainEqual({ Name: 'email', Value: 'grace@example.com' });
  });

  it('signs a SAML identity in by its NameID', async () => {
    const result = await signInWithIdentity({
      origin,
      clientId: 'web',
      redirectUri: CALLBACK,
      provider: 'CorpSSO',
      identity: {
        NameID: 'grace@corp.example.com',
        'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress': 'grace@corp.example.com',
      },
    });

    expect(result.callback.searchParams.get('code')).toBe('code-of-CorpSSO_grace@corp.example.com');
  });

  it("lands on the callback with Cognito's error when Cognito refuses the identity", async () => {
    const result = await signInWithIdentity({
      origin,
      clientId: 'web',
      redirectUri: CALLBACK,
      provider: 'Google',
      identity: { sub: '2002', email: 'x'.repeat(2049) },
    });

    expect(result.callback.searchParams.get('error')).toBe('invalid_request');
  });

  it('says which step failed when the managed login does not redirect', async () => {
    await expect(
      signInWithIdentity({ origin, clientId: 'web', redirectUri: CALLBACK, provider: 'Facebook', identity: { id: '1' } }),
    ).rejects.toThrow(/^the authorize request answered 400, not a redirect: .*Login option is not available\. Please try another one\.$/);
    await expect(
      signInWithIdentity({ origin, clientId: 'web', redirectUri: CALLBACK, provider: 'Facebook', identity: { id: '1' } }),
    ).rejects.toBeInstanceOf(FederatedSignInError);
  });
});
