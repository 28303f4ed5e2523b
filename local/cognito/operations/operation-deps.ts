import type { Services } from '../cognito-local.ts';
import type { PoolMessages } from '../dev-inbox.ts';
import type { PoolTriggers } from '../triggers/pool-triggers.ts';

/** What the operations we own work with; each takes the part it needs (`Pick<OperationDeps, …>`). */
export interface OperationDeps {
  /** The pools, app clients and users (cognito-local's services over the store). */
  readonly cognito: Services['cognito'];
  /** The time each change is stamped with. */
  readonly clock: Services['clock'];
  /** Makes the codes Cognito sends. */
  readonly otp: Services['otp'];
  /** Delivers a code (the dev inbox), worded by the pool's CustomMessage trigger. */
  readonly messages: PoolMessages;
  /** The pools' Lambda triggers, each run for the pool named. */
  readonly triggers: Pick<PoolTriggers, 'has' | 'run' | 'runPreSignUp' | 'runPostConfirmation'>;
}
