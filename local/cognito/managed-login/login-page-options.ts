import type { AppClient, UserPool } from '../cognito-local.ts';
import type { PoolOAuthSettings } from './pool-oauth-settings.ts';
import type { LoginPageOptions, PageIdentityProvider } from './pages/login-page.ts';
import { usernameKindOf, usernameLabelOf } from './pages/username-kind.ts';

/**
 * What /login shows for `client` of `pool`: its name, the identity providers it supports that the
 * pool has (in the client's order), the password form where it supports COGNITO, the sign-up link
 * where the pool lets users sign up, the username field for the pool's kind of username, filled
 * with `username` (the last attempt's) or the request's `login_hint`.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/login-endpoint.html
 * https://docs.aws.amazon.com/cognito/latest/developerguide/authorization-endpoint.html (login_hint)
 */
export function loginPageOptionsOf(
  client: AppClient,
  pool: UserPool,
  settings: Pick<PoolOAuthSettings, 'identityProviders'>,
  parameters: URLSearchParams,
  last: { readonly error?: string; readonly username?: string } = {},
): LoginPageOptions {
  const supported = client.SupportedIdentityProviders ?? [];
  const localSignIn = supported.includes('COGNITO');
  const identityProviders = supported.flatMap((name): PageIdentityProvider[] => {
    const provider = settings.identityProviders.find((candidate) => candidate.ProviderName === name);
    return provider?.ProviderType === undefined ? [] : [{ name, type: provider.ProviderType }];
  });
  return {
    parameters,
    clientName: client.ClientName,
    ...(last.error !== undefined && { error: last.error }),
    username: last.username ?? parameters.get('login_hint') ?? undefined,
    allowSignUp: localSignIn && pool.AdminCreateUserConfig?.AllowAdminCreateUserOnly !== true,
    identityProviders,
    usernameLabel: usernameLabelOf(usernameKindOf(pool)),
    localSignIn,
  };
}
