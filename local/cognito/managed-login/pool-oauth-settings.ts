import type { IdentityProviderType, ResourceServerType } from '@aws-sdk/client-cognito-identity-provider';
import type { Context } from '../cognito-local.ts';

/**
 * What a user pool has for OAuth 2.0, beside its app clients: its domain, resource servers and
 * identity providers, as CreateUserPoolDomain, CreateResourceServer and CreateIdentityProvider
 * stored them.
 */
export interface PoolOAuthSettings {
  /** The pool's domain (a prefix, or a custom domain), undefined when it has none: then it has no managed login. */
  readonly domain?: string;
  /** True when `domain` is a custom domain (CreateUserPoolDomain with a CustomDomainConfig), not a prefix. */
  readonly customDomain?: boolean;
  /** The domain's branding version: 1, the classic hosted UI; 2, managed login (CreateUserPoolDomain's ManagedLoginVersion). */
  readonly managedLoginVersion?: number;
  readonly resourceServers: readonly ResourceServerType[];
  readonly identityProviders: readonly IdentityProviderType[];
}

/** Reads a pool's {@link PoolOAuthSettings}. */
export interface PoolOAuthConfigs {
  /** The settings of `userPoolId`; empty for a pool that has none (or does not exist). */
  settingsOf(ctx: Context, userPoolId: string): Promise<PoolOAuthSettings>;
}
