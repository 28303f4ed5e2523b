import type { Context, Services } from '../../cognito-local.ts';
import type { PoolTriggers } from '../../triggers/pool-triggers.ts';
import type { PoolOAuthConfigs } from '../pool-oauth-settings.ts';

/**
 * What sign-in through a provider works with: the part of the managed login's deps
 * (managed-login-deps.ts ManagedLoginDeps) it reads, named here so that this folder imports
 * nothing from the routes that import it.
 */
export interface FederationDeps {
  readonly services: Pick<Services, 'cognito' | 'clock'>;
  readonly triggers: Pick<PoolTriggers, 'has' | 'run' | 'runPreSignUp'>;
  readonly configs: PoolOAuthConfigs;
  /** The managed login's origin as browsers reach it (`https://127.0.0.1:9443`). */
  readonly origin: string;
  readonly logger: Context['logger'];
}

/** The context cognito-local's services take, for one request. */
export const contextOf = (deps: Pick<FederationDeps, 'logger'>): Context => ({ logger: deps.logger });
