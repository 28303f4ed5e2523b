import { describe, expect, it } from 'vitest';
import type { UserPoolService, UserPoolServiceFactory } from '../cognito-local.ts';
import { ctx } from '../testing/fake-cognito.ts';
import { TriggerAwarePools } from './pools-in-view.ts';

const LambdaConfig = { PreSignUp: 'arn:aws:lambda:eu-west-1:000000000000:function:svc-local-preSignUp' };

/** A factory whose services are just their options. */
const factory: UserPoolServiceFactory = {
  create: async (_ctx, _clients, options) => ({ options }) as UserPoolService,
};

describe('TriggerAwarePools', () => {
  it('finds each pool it made by id, as it is now, and tells whether any has a trigger', async () => {
    const pools = new TriggerAwarePools(factory);
    expect(pools.anyHas('PreSignUp')).toBe(false);
    await pools.create(ctx, {} as never, { Id: 'eu-west-1_Plain0001' });
    const withTrigger = await pools.create(ctx, {} as never, { Id: 'eu-west-1_Trigger01', LambdaConfig });
    expect(pools.poolOf('eu-west-1_Trigger01')).toBe(withTrigger.options);
    expect(pools.poolOf('eu-west-1_Plain0001')?.LambdaConfig).toBeUndefined();
    expect(pools.poolOf('eu-west-1_Unknown01')).toBeUndefined();
    expect(pools.anyHas('PreSignUp')).toBe(true);
    expect(pools.anyHas('PostConfirmation')).toBe(false);
  });
});
