import { describe, expect, it } from 'vitest';
import { FEDERATION_STATE_LIFETIME_MS, openState, sealState } from './federation-state.ts';

const STATE = {
  userPoolId: 'local_Pool1',
  clientId: 'web',
  providerName: 'Google',
  parameters: 'client_id=web&state=abc',
  issuedAt: 1_000_000,
};

describe('the state sent to a provider', () => {
  it('holds the authorize request without showing it', () => {
    const sealed = sealState(STATE);
    expect(sealed).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(Buffer.from(sealed, 'base64url').toString('latin1')).not.toContain('local_Pool1');
    expect(openState(sealed, STATE.issuedAt + 1000)).toEqual(STATE);
  });

  it('is refused once changed, or when it is not one sealed here', () => {
    const sealed = Buffer.from(sealState(STATE), 'base64url');
    sealed[sealed.length - 1] = sealed.at(-1)! ^ 1;
    expect(openState(sealed.toString('base64url'), STATE.issuedAt)).toBeUndefined();
    expect(openState('not-a-state', STATE.issuedAt)).toBeUndefined();
    expect(openState('', STATE.issuedAt)).toBeUndefined();
  });

  it('expires after its lifetime, by the clock it is given', () => {
    const sealed = sealState(STATE);
    expect(openState(sealed, STATE.issuedAt + FEDERATION_STATE_LIFETIME_MS)).toEqual(STATE);
    expect(openState(sealed, STATE.issuedAt + FEDERATION_STATE_LIFETIME_MS + 1)).toBeUndefined();
  });
});
