import type { Context, Services } from '../cognito-local.ts';
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

/**
 * An operation we own: what it works with (`Deps`, a part of {@link OperationDeps}), the call's
 * context, and its input as the AWS SDK types it; it answers the SDK's output (without `$metadata`).
 */
export type Operation<Input, Output, Deps> = (deps: Deps, ctx: Context, input: Input) => Promise<Omit<Output, '$metadata'>>;
