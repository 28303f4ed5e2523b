import { describe, expect, it } from 'vitest';
import type { PoolOAuthSettings } from './pool-oauth-settings.ts';
import { appClient } from '../testing/fake-cognito.ts';
import { withAttribute } from '../testing/page-markup.ts';
import { loginPageOptionsOf } from './login-page-options.ts';
import { loginPage } from './pages/login-page.ts';

const providers: Pick<PoolOAuthSettings, 'identityProviders'> = {
  identityProviders: [
    { ProviderName: 'Google', ProviderType: 'Google' },
    { ProviderName: 'Corp', ProviderType: 'SAML' },
  ],
};
const parameters = new URLSearchParams({ client_id: 'client-1', login_hint: 'ada@example.com' });

describe('loginPageOptionsOf', () => {
  it("offers the client's supported providers the pool has, in the client's order, and the password form for COGNITO", () => {
    const client = appClient('client-1', { ClientName: 'web', SupportedIdentityProviders: ['Corp', 'COGNITO', 'Google', 'Missing'] });
    expect(loginPageOptionsOf(client, { Id: 'local_Pool1', UsernameAttributes: ['email'] }, providers, parameters)).toEqual({
      parameters,
      clientName: 'web',
      username: 'ada@example.com',
      allowSignUp: true,
      identityProviders: [
        { name: 'Corp', type: 'SAML' },
        { name: 'Google', type: 'Google' },
      ],
      usernameLabel: 'Email',
      localSignIn: true,
    });
  });

  it('fills in the last attempt rather than login_hint, and shows its error', () => {
    const client = appClient('client-1', { SupportedIdentityProviders: ['COGNITO'] });
    const options = loginPageOptionsOf(client, { Id: 'local_Pool1' }, providers, parameters, {
      error: 'Incorrect username or password.',
      username: 'grace',
    });
    expect([options.username, options.error, options.usernameLabel]).toEqual(['grace', 'Incorrect username or password.', 'Username']);
  });

  it('has no sign-up where only administrators create users, and no password form without COGNITO', () => {
    const admins = loginPageOptionsOf(
      appClient('c', { SupportedIdentityProviders: ['COGNITO'] }),
      { Id: 'local_Pool1', AdminCreateUserConfig: { AllowAdminCreateUserOnly: true } },
      providers,
      parameters,
    );
    expect(admins.allowSignUp).toBe(false);
    const federatedOnly = loginPageOptionsOf(
      appClient('c', { SupportedIdentityProviders: ['Google'] }),
      { Id: 'local_Pool1' },
      providers,
      parameters,
    );
    expect([federatedOnly.localSignIn, federatedOnly.allowSignUp]).toEqual([false, false]);
    const page = loginPage(federatedOnly);
    expect(withAttribute(page, 'id', 'signInFormUsername')).toEqual([]);
    expect(withAttribute(page, 'class', 'btn socialButton-customizable')).toHaveLength(2);
  });
});
