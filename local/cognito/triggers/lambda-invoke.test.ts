import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePorts } from '../../../testing/free-ports.ts';
import { type FakeLambda, startFakeLambda } from '../testing/fake-lambda.ts';
import { invokeLambda } from './lambda-invoke.ts';

let lambda: FakeLambda;
beforeAll(async () => {
  lambda = await startFakeLambda();
});
afterAll(() => lambda.close());

const invoke = (functionName: string, timeoutMs = 1000) =>
  invokeLambda('PreSignUp', functionName, { response: {} }, { lambdaUrl: lambda.url, timeoutMs });

describe('invokeLambda', () => {
  it("gives back the handler's answer", async () => {
    lambda.handle('echo', (event) => ({ ...event, response: { autoConfirmUser: true } }));
    expect(await invoke('echo')).toEqual({ response: { autoConfirmUser: true } });
  });

  it("answers a handler's throw as Cognito does: UserLambdaValidationException naming the trigger", async () => {
    lambda.handle('thrower', () => {
      throw new Error('Not on the guest list');
    });
    await expect(invoke('thrower')).rejects.toMatchObject({
      code: 'UserLambdaValidationException',
      message: 'PreSignUp failed with error Not on the guest list.',
    });
  });

  it('answers an answer that is not the event as InvalidLambdaResponseException', async () => {
    lambda.handle('nothing', () => undefined);
    lambda.handle('text', () => 'done');
    for (const name of ['nothing', 'text']) {
      await expect(invoke(name)).rejects.toMatchObject({ code: 'InvalidLambdaResponseException', message: 'Unrecognizable lambda output' });
    }
  });

  it("answers a handler slower than Cognito's wait as UnexpectedLambdaException, without waiting for it", async () => {
    lambda.handle('slow', () => new Promise((resolve) => setTimeout(() => resolve({ response: {} }), 2000)));
    const started = Date.now();
    await expect(invoke('slow', 200)).rejects.toMatchObject({
      code: 'UnexpectedLambdaException',
      message: 'PreSignUp invocation failed due to error Socket timeout while invoking Lambda function.',
    });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('names the Lambda error for a function the API does not have', async () => {
    await expect(invoke('missing')).rejects.toMatchObject({
      code: 'UnexpectedLambdaException',
      message: 'PreSignUp invocation failed due to error ResourceNotFoundException.',
    });
  });

  it('says the API is not running, with LAMBDA_URL and the function, when nothing answers there', async () => {
    const [port] = await freePorts(1);
    const lambdaUrl = `http://127.0.0.1:${port}`;
    await expect(invokeLambda('PostConfirmation', 'svc-local-addToGroup', {}, { lambdaUrl, timeoutMs: 1000 })).rejects.toMatchObject({
      code: 'UnexpectedLambdaException',
      message: expect.stringContaining(
        `the local API is not running: nothing answers at LAMBDA_URL=${lambdaUrl}, so function svc-local-addToGroup`,
      ),
    });
  });
});
