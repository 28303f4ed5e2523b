import type { ResourceServerType } from '@aws-sdk/client-cognito-identity-provider';
import type { Logger } from 'pino';
import type { Router, Services } from '../cognito-local.ts';
import { AuthorizationCodes, type AuthorizationGrant } from '../managed-login/authorization-codes.ts';
import type { ManagedLoginDeps } from '../managed-login/managed-login-deps.ts';
import { oauthEndpoints } from '../managed-login/oauth-endpoints.ts';
import type { PageRequest, PageResult } from '../managed-login/page-types.ts';
import { CognitoTokenGenerator } from '../token-generator.ts';
import type { TokenCustomizer } from '../triggers/pre-token-generation.ts';
import type { PoolTriggers } from '../triggers/pool-triggers.ts';
import { ctx, fakeCognito, type FakeCognitoOptions } from './fake-cognito.ts';

/** What the OAuth 2.0 endpoints' tests start from, beside a fake Cognito's users and clients. */
export interface OAuthTestbedOptions extends FakeCognitoOptions {
  /** The pool's domain; without it (null), the pool has no managed login. */
  readonly domain?: string | null;
  readonly resourceServers?: readonly ResourceServerType[];
  /** The pool's PreTokenGeneration trigger, as the token generator asks it. */
  readonly customizer?: TokenCustomizer;
  /** The pools' triggers (the client credentials grant's PreTokenGeneration); none unless given. */
  readonly triggers?: PoolTriggers;
}

/** Triggers of pools that have none. */
const NO_TRIGGERS = { enabled: () => false, has: () => false, poolOf: () => undefined } as unknown as PoolTriggers;

/**
 * The managed login's OAuth 2.0 endpoints over a fake Cognito (fake-cognito.ts) whose pool keeps
 * the refresh tokens it is given, with the emulator's real token generator and an authorization
 * code store, all on the fake's clock (a test moves it instead of waiting).
 */
export function oauthTestbed(options: OAuthTestbedOptions) {
  const fake = fakeCognito(options);
  // Kept as a sign-in keeps them (RecentRefreshTokens), so that refreshes and revocations find them.
  fake.userPool.storeRefreshToken = async (context, token, user) => {
    fake.storedRefreshTokens.push([token, user.Username]);
    await fake.userPool.updateUser(context, user.Username, (current) => ({ ...current, RefreshTokens: [...current.RefreshTokens, token] }));
  };
  const tokenGenerator = new CognitoTokenGenerator(fake.services.clock, options.customizer);
  const services = { ...fake.services, tokenGenerator } as unknown as Services;
  const poolId = fake.userPool.options.Id;
  const deps: ManagedLoginDeps = {
    services,
    triggers: options.triggers ?? NO_TRIGGERS,
    router: (() => {
      throw new Error('the OAuth endpoints call no operation through the router');
    }) as unknown as Router,
    configs: {
      settingsOf: async (_ctx, userPoolId) => ({
        ...(userPoolId === poolId && options.domain !== null && { domain: options.domain ?? 'auth-local' }),
        resourceServers: userPoolId === poolId ? (options.resourceServers ?? []) : [],
        identityProviders: [],
      }),
    },
    origin: 'https://127.0.0.1:9443',
    logger: ctx.logger as unknown as Logger,
    log: () => {},
  };
  const codes = new AuthorizationCodes(fake.clock);
  const endpoints = oauthEndpoints(deps, codes);
  return {
    ...fake,
    deps,
    services,
    codes,
    /** A code the authorize endpoint could have given for `grant` (user ada of client-1 unless said). */
    code: (grant: Partial<AuthorizationGrant> & Pick<AuthorizationGrant, 'username' | 'clientId'>) =>
      codes.issue({
        userPoolId: poolId,
        redirectUri: 'https://app.example.com/callback',
        scopes: ['openid'],
        authTime: 1_790_000_000,
        ...grant,
      }),
    /** Runs the endpoint at `path` for `request`. */
    call: (path: '/oauth2/token' | '/oauth2/revoke' | '/oauth2/userInfo', request: PageRequest): Promise<PageResult> =>
      endpoints[path]!(request),
  };
}

/** A form POST, as managed-login-routes.ts reads one. */
export function formPost(
  path: string,
  form: Readonly<Record<string, string>>,
  headers: Readonly<Record<string, string>> = {},
): PageRequest {
  return {
    method: 'POST',
    path,
    query: new URLSearchParams(),
    form: new URLSearchParams(form),
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    cookies: {},
  };
}

/** An HTTP Basic Authorization header of a client id and secret. */
export const basic = (clientId: string, secret: string) => ({
  authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`,
});

/** The JSON body and headers of an endpoint's answer; the test fails on a page or redirect. */
export function jsonOf(result: PageResult): { status: number; body: Record<string, unknown>; headers: Record<string, string> } {
  if (result.kind !== 'json') throw new Error(`expected a JSON answer, got ${result.kind}`);
  return { status: result.status, body: result.body as Record<string, unknown>, headers: { ...result.headers } };
}
