import type { UpdateUserPoolCommandInput, UpdateUserPoolCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import { refuseDeviceTracking } from './devices.ts';
import { refuseUnemulatedTriggers } from '../triggers/refuse-unemulated-triggers.ts';
import type { Operation, OperationDeps } from './operation-deps.ts';
import { updatedPoolSettings } from './user-pool-settings.ts';

/**
 * UpdateUserPool: the pool's settings replaced by the request's, each it leaves out set back to
 * its default (updatedPoolSettings), after the same rules as CreateUserPool's (no trigger or device
 * tracking the emulator cannot run); the pool saved once, its LastModifiedDate now.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateUserPool.html
 */
export const updateUserPool: Operation<
  UpdateUserPoolCommandInput,
  UpdateUserPoolCommandOutput,
  Pick<OperationDeps, 'cognito' | 'clock'>
> = async (deps, ctx, input) => {
  refuseUnemulatedTriggers(input.LambdaConfig);
  refuseDeviceTracking(input.DeviceConfiguration);
  const pool = await deps.cognito.getUserPool(ctx, input.UserPoolId ?? '');
  await pool.updateOptions(ctx, { ...pool.options, ...updatedPoolSettings(input), LastModifiedDate: deps.clock.get() });
  return {};
};
