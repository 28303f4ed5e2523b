import { describe, expect, it } from 'vitest';
import type { Route, Router, Services } from '../cognito-local.ts';
import { appClient, ctx, fakeCognito } from '../testing/fake-cognito.ts';
import { hasTriggers, poolInScopeOf, withTriggerScope } from './trigger-scope.ts';

const LambdaConfig = { PreSignUp: 'arn:aws:lambda:eu-west-1:000000000000:function:svc-local-preSignUp' };
/** A router whose one route reports the pool in scope when it runs. */
const scopeReporter: Router = () => (async () => poolInScopeOf()?.Id ?? 'none') as Route;

describe('withTriggerScope', () => {
  it('runs an operation with its pool in scope, found by UserPoolId or ClientId', async () => {
    const { services } = fakeCognito({ pool: { Id: 'local_Pool1', LambdaConfig }, clients: [appClient('client-1')] });
    const router = withTriggerScope(scopeReporter, services, () => true);
    expect(await router('AdminCreateUser')(ctx, { UserPoolId: 'local_Pool1' })).toBe('local_Pool1');
    expect(await router('SignUp')(ctx, { ClientId: 'client-1' })).toBe('local_Pool1');
    expect(await router('SignUp')(ctx, { ClientId: 'unknown' })).toBe('none');
  });

  it('looks nothing up while no pool has triggers', async () => {
    const cognito = { getUserPool: () => Promise.reject(new Error('looked up')) } as unknown as Services['cognito'];
    const answer = Promise.resolve('answered');
    const router = withTriggerScope(
      () => () => answer,
      { cognito },
      () => false,
    );
    // The route's own promise: no lookup, not even a wrapping one.
    expect(router('InitiateAuth')(ctx, { ClientId: 'client-1' })).toBe(answer);
  });

  it('counts a LambdaConfig with no function as none (cognito-local stores `{}`)', () => {
    expect(hasTriggers({})).toBe(false);
    expect(hasTriggers(undefined)).toBe(false);
    expect(hasTriggers(LambdaConfig)).toBe(true);
  });
});
