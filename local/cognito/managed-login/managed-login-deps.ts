import type { Logger } from 'pino';
import type { Router, Services } from '../cognito-local.ts';
import type { PoolTriggers } from '../triggers/pool-triggers.ts';
import type { PoolOAuthConfigs } from './pool-oauth-settings.ts';

/** What the managed login works with: the emulator's pools and users, its operations, its triggers. */
export interface ManagedLoginDeps {
  readonly services: Services;
  readonly triggers: PoolTriggers;
  /** Each Cognito operation by name, as the JSON API runs it (cognito-routes.ts): the pages call these, so their rules hold here too. */
  readonly router: Router;
  /** Each pool's domain, resource servers and identity providers. */
  readonly configs: PoolOAuthConfigs;
  /** The managed login's origin as browsers reach it (`https://127.0.0.1:9443`): every pool's domain, locally. */
  readonly origin: string;
  /** cognito-local's operations log through a context's logger. */
  readonly logger: Logger;
  /** Where an unexpected failure is reported; the browser only learns that there was one. */
  readonly log: (message: string) => void;
}
