import { describe, expect, it } from 'vitest';
import type { Route } from '../cognito-local.ts';
import { appClient, ctx, fakeCognito, rejection } from '../testing/fake-cognito.ts';
import { allowedFlows, enforceExplicitAuthFlows, refuseMixedExplicitAuthFlows } from './auth-flow-rules.ts';

const passed: Route = async () => ({ passed: true });

/** Clients: `default` without ExplicitAuthFlows, `srp-only` and `password-only` with one ALLOW_ flow, `legacy` with the pre-2019 names. */
const { services } = fakeCognito({
  clients: [
    appClient('default'),
    appClient('srp-only', { ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH'] }),
    appClient('password-only', { ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'] }),
    appClient('legacy', { ExplicitAuthFlows: ['ADMIN_NO_SRP_AUTH', 'USER_PASSWORD_AUTH'] }),
    appClient('rotating-srp-only', {
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH'],
      RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 0 },
    }),
  ],
});
const call = (target: string, clientId: string, AuthFlow?: string) =>
  enforceExplicitAuthFlows(services, target)(passed)(ctx, { ClientId: clientId, AuthFlow, UserPoolId: 'local_Pool1' });

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

describe('enforceExplicitAuthFlows', () => {
  it.each([
    ['USER_PASSWORD_AUTH', 'USER_PASSWORD_AUTH flow not enabled for this client'],
    ['USER_AUTH', 'USER_AUTH flow not enabled for this client'],
    ['CUSTOM_AUTH', 'Auth flow not enabled for this client'],
    ['REFRESH_TOKEN_AUTH', 'Auth flow not enabled for this client'],
    ['REFRESH_TOKEN', 'Auth flow not enabled for this client'],
  ])('InitiateAuth %s on a client that does not allow it: InvalidParameterException %j', async (flow, message) => {
    const error = await rejection(call('InitiateAuth', 'srp-only', flow));
    expect([error.code, error.message]).toEqual(['InvalidParameterException', message]);
  });

  it('USER_SRP_AUTH on a client without it gets its own message; a client allowing it passes', async () => {
    const error = await rejection(call('InitiateAuth', 'password-only', 'USER_SRP_AUTH'));
    expect([error.code, error.message]).toEqual(['InvalidParameterException', 'USER_SRP_AUTH is not enabled for the client.']);
    await expect(call('InitiateAuth', 'srp-only', 'USER_SRP_AUTH')).resolves.toEqual({ passed: true });
  });

  it('AdminInitiateAuth ADMIN_USER_PASSWORD_AUTH and ADMIN_NO_SRP_AUTH need ALLOW_ADMIN_USER_PASSWORD_AUTH (or ADMIN_NO_SRP_AUTH)', async () => {
    for (const flow of ['ADMIN_USER_PASSWORD_AUTH', 'ADMIN_NO_SRP_AUTH']) {
      expect((await rejection(call('AdminInitiateAuth', 'default', flow))).message).toBe('Auth flow not enabled for this client');
      await expect(call('AdminInitiateAuth', 'legacy', flow)).resolves.toEqual({ passed: true });
    }
  });

  it('GetTokensFromRefreshToken needs the refresh flow allowed', async () => {
    expect((await rejection(call('GetTokensFromRefreshToken', 'srp-only'))).code).toBe('InvalidParameterException');
    await expect(call('GetTokensFromRefreshToken', 'default')).resolves.toEqual({ passed: true });
  });

  it('GetTokensFromRefreshToken on a client that rotates refresh tokens needs no refresh flow (AWS says to leave it out)', async () => {
    await expect(call('GetTokensFromRefreshToken', 'rotating-srp-only')).resolves.toEqual({ passed: true });
    expect((await rejection(call('InitiateAuth', 'rotating-srp-only', 'REFRESH_TOKEN_AUTH'))).message).toBe(
      'Auth flow not enabled for this client',
    );
  });

  it('leaves an unknown client or flow to the operation', async () => {
    await expect(call('InitiateAuth', 'nobody', 'USER_PASSWORD_AUTH')).resolves.toEqual({ passed: true });
    await expect(call('InitiateAuth', 'srp-only', 'NOT_A_FLOW')).resolves.toEqual({ passed: true });
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
