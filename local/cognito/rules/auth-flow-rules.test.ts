import { describe, expect, it } from 'vitest';
import { allowedFlows } from './auth-flow-rules.ts';

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
