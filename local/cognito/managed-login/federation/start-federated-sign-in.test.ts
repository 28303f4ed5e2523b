import { describe, expect, it } from 'vitest';
import { federationTestbed, ORIGIN } from '../../testing/federation-testbed.ts';
import { openState } from './federation-state.ts';
import { STAND_IN_PATH, startFederatedSignIn } from './start-federated-sign-in.ts';

// https://docs.aws.amazon.com/cognito/latest/developerguide/authorization-endpoint.html
const testbed = federationTestbed();
const AUTHORIZE = 'client_id=web&response_type=code&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcallback&state=app-state&scope=openid';

describe('startFederatedSignIn', () => {
  it('sends the user straight to the stand-in of the provider identity_provider names, as Cognito sends them to Google', async () => {
    const { deps, pool, client } = testbed.fake();
    const parameters = new URLSearchParams(`${AUTHORIZE}&identity_provider=Google`);
    const result = await startFederatedSignIn(deps, { pool, client, parameters });

    expect(result.kind).toBe('redirect');
    const location = new URL(result.kind === 'redirect' ? result.location : '');
    expect(`${location.origin}${location.pathname}`).toBe(`${ORIGIN}${STAND_IN_PATH}`);
    expect(Object.fromEntries([...location.searchParams].filter(([name]) => name !== 'state'))).toEqual({
      redirect_uri: `${ORIGIN}/oauth2/idpresponse`,
      response_type: 'code',
      client_id: 'google-client.apps.googleusercontent.com',
      scope: 'openid email profile',
    });
    expect(openState(location.searchParams.get('state')!, deps.services.clock.now())).toEqual({
      userPoolId: 'local_Pool1',
      clientId: 'web',
      providerName: 'Google',
      parameters: parameters.toString(),
      issuedAt: deps.services.clock.now(),
    });
  });

  it('sends a SAML provider, found by its idp_identifier, its RelayState and the SAML response path', async () => {
    const { deps, pool, client } = testbed.fake();
    const result = await startFederatedSignIn(deps, {
      pool,
      client,
      parameters: new URLSearchParams(`${AUTHORIZE}&idp_identifier=corp.example.com`),
    });

    const location = new URL(result.kind === 'redirect' ? result.location : '');
    expect([...location.searchParams.keys()].sort()).toEqual(['RelayState', 'redirect_uri']);
    expect(location.searchParams.get('redirect_uri')).toBe(`${ORIGIN}/saml2/idpresponse`);
    expect(openState(location.searchParams.get('RelayState')!, deps.services.clock.now())?.providerName).toBe('CorpSSO');
  });

  it('answers "Login option is not available" for a provider the pool does not have', async () => {
    const { deps, pool, client } = testbed.fake();
    const result = await startFederatedSignIn(deps, {
      pool,
      client,
      parameters: new URLSearchParams(`${AUTHORIZE}&identity_provider=Facebook`),
    });

    expect(result).toMatchObject({ kind: 'html', status: 400 });
    expect(result.kind === 'html' && result.html).toContain('Login option is not available. Please try another one.');
  });

  it('answers "Login option is not available" for a provider of the pool the app client does not support', async () => {
    const { deps, pool, client } = testbed.fake({ supported: ['COGNITO'] });
    const result = await startFederatedSignIn(deps, {
      pool,
      client,
      parameters: new URLSearchParams(`${AUTHORIZE}&identity_provider=Google`),
    });

    expect(result).toMatchObject({ kind: 'html', status: 400 });
    expect(result.kind === 'html' && result.html).toContain('Login option is not available. Please try another one.');
  });
});
