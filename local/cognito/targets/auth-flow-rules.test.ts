import { describe, expect, it } from 'vitest';
import type { Route } from '../cognito-local.ts';
import { ctx, rejection } from '../testing/fake-cognito.ts';
import { allowedFlows, refuseMixedExplicitAuthFlows } from './auth-flow-rules.ts';

describe('allowedFlows', () => {
  it('gives a client without ExplicitAuthFlows refresh, SRP and custom auth, as CreateUserPoolClient documents', () => {
    expect([...allowedFlows(undefined)].sort()).toEqual(['ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH']);
  });

  it('reads the legacy names as their ALLOW_ flows on top of the old defaults; CUSTOM_AUTH_FLOW_ONLY leaves custom auth and refresh', () => {
    expect(allowedFlows(['ADMIN_NO_SRP_AUTH']).has('ALLOW_ADMIN_USER_PASSWORD_AUTH')).toBe(true);
    expect(allowedFlows(['USER_PASSWORD_AUTH']).has('ALLOW_USER_PASSWORD_AUTH')).toBe(true);
    expect(allowedFlows(['USER_PASSWORD_AUTH']).has('ALLOW_USER_SRP_AUTH')).toBe(true);
    expect([...allowedFlows(['CUSTOM_AUTH_FLOW_ONLY'])].sort()).toEqual(['ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']);
  });

  it('grants an empty list nothing, and reads a list with ALLOW_ values by those alone', () => {
    expect(allowedFlows([]).size).toBe(0);
    expect([...allowedFlows(['ALLOW_USER_AUTH', 'ADMIN_NO_SRP_AUTH'])]).toEqual(['ALLOW_USER_AUTH', 'ADMIN_NO_SRP_AUTH']);
  });
});

describe('refuseMixedExplicitAuthFlows', () => {
  const created: Route = async () => ({ created: true });
  const create = (ExplicitAuthFlows: unknown) =>
    refuseMixedExplicitAuthFlows()(created)(ctx, { UserPoolId: 'local_Pool1', ExplicitAuthFlows });

  it('refuses legacy values beside ALLOW_ ones, naming the legacy ones', async () => {
    const error = await rejection(create(['USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']));
    expect([error.code, error.message]).toEqual([
      'InvalidParameterException',
      'ExplicitAuthFlows cannot mix legacy values (USER_PASSWORD_AUTH) with ALLOW_ values: use ALLOW_ values only.',
    ]);
  });

  it('takes legacy values alone, ALLOW_ values alone, and no list at all', async () => {
    for (const flows of [['ADMIN_NO_SRP_AUTH', 'USER_PASSWORD_AUTH'], ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'], undefined]) {
      await expect(create(flows)).resolves.toEqual({ created: true });
    }
  });
});
