import { describe, expect, it } from 'vitest';
import { recordingInvoke, TriggerInvocations } from './trigger-invocations.ts';

const options = { lambdaUrl: 'http://127.0.0.1:1', timeoutMs: 5000 };
const event = { userPoolId: 'local_pool', triggerSource: 'PreSignUp_SignUp', request: {}, response: {} };

describe('recordingInvoke', () => {
  it("records each invocation with its event, the function's answer, and how long it took", async () => {
    const invocations = new TriggerInvocations();
    const answer = { ...event, response: { autoConfirmUser: true } };
    const invoke = recordingInvoke(
      invocations,
      async () => answer,
      () => 5_000,
    );
    expect(await invoke('PreSignUp', 'svc-local-preSignUp', event, options)).toBe(answer);
    expect(invocations.since()).toEqual([
      {
        at: 5_000,
        userPoolId: 'local_pool',
        trigger: 'PreSignUp',
        triggerSource: 'PreSignUp_SignUp',
        functionName: 'svc-local-preSignUp',
        durationMs: expect.any(Number),
        event,
        answer,
      },
    ]);
  });

  it('records the error Cognito made of a failure, and still fails', async () => {
    const invocations = new TriggerInvocations();
    const invoke = recordingInvoke(invocations, async () => {
      throw new Error('PreSignUp failed with error Not on the list.');
    });
    await expect(invoke('PreSignUp', 'fn', event, options)).rejects.toThrow('Not on the list');
    const [invocation] = invocations.since();
    expect(invocation).toMatchObject({ trigger: 'PreSignUp', error: 'PreSignUp failed with error Not on the list.' });
    expect(invocation).not.toHaveProperty('answer');
  });
});

describe('TriggerInvocations', () => {
  it('lists those at or after `since`, newest last, and keeps only the newest', () => {
    const invocations = new TriggerInvocations(3);
    for (let at = 1; at <= 10; at++) {
      invocations.add({ at, userPoolId: 'p', trigger: 'T', triggerSource: 'S', functionName: 'f', durationMs: 0, event: {} });
    }
    expect(invocations.since().map((invocation) => invocation.at)).toEqual([8, 9, 10]);
    expect(invocations.since(9).map((invocation) => invocation.at)).toEqual([9, 10]);
  });
});
