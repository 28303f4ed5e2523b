import { afterAll, beforeAll } from 'vitest';
import { PoolTriggers } from '../triggers/pool-triggers.ts';
import { fakeCognito, type FakeCognitoOptions } from './fake-cognito.ts';
import { type FakeLambda, startFakeLambda } from './fake-lambda.ts';

/** The time the operations' tests run at. */
export const NOW = new Date('2026-12-07T12:00:00Z');

/** Cognito's default password policy. */
export const AWS_DEFAULT_POLICY = {
  MinimumLength: 8,
  RequireUppercase: true,
  RequireLowercase: true,
  RequireNumbers: true,
  RequireSymbols: true,
};

/**
 * What the test file of an operation we own works with: a fake Lambda for the pools' triggers,
 * started once for the file (vitest's beforeAll and afterAll), and the operation's deps over a
 * fake Cognito whose clock reads NOW.
 */
export function operationTestbed() {
  let lambda: FakeLambda | undefined;
  let triggers: PoolTriggers | undefined;
  beforeAll(async () => {
    lambda = await startFakeLambda();
    triggers = new PoolTriggers({ lambdaUrl: lambda.url, timeoutMs: 1000 });
  });
  afterAll(() => lambda?.close());
  return {
    /** The pools' functions: what each does (`handle`) and what it was sent (`invoked`). */
    lambda: () => lambda!,
    /** A fake Cognito of `options`, and `deps`, what an operation takes, over it. */
    fake(options: FakeCognitoOptions) {
      const fake = fakeCognito(options);
      return { ...fake, deps: { ...fake.services, clock: { get: () => NOW, now: () => NOW.getTime() }, triggers: triggers! } };
    },
  };
}
