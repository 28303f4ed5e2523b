import type { PoolOAuthStore } from '../pool-oauth-store.ts';
import type { OperationDeps } from './operation-deps.ts';

/** What the operations on a pool's domain, resource servers and identity providers work with. */
export interface OAuthDeps extends Pick<OperationDeps, 'cognito' | 'clock'> {
  /** Each pool's domain, resource servers and identity providers. */
  readonly oauth: PoolOAuthStore;
}
