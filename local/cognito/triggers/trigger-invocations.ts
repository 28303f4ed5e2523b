import { performance } from 'node:perf_hooks';
import type { DevTriggerInvocation } from '../../dev-api/dev-api-types.ts';
import type { invokeLambda } from './lambda-invoke.ts';

/** How many invocations `GET /_dev/api/triggers` lists at most: the newest. */
export const TRIGGER_INVOCATIONS_KEPT = 200;

/**
 * The Cognito triggers' recent invocations, in the emulator's memory (they happen in its own
 * process): each with its event, its answer or error, and how long it took. Only the newest
 * `kept` stay.
 */
export class TriggerInvocations {
  #invocations: DevTriggerInvocation[] = [];

  constructor(private readonly kept = TRIGGER_INVOCATIONS_KEPT) {}

  add(invocation: DevTriggerInvocation): void {
    this.#invocations.push(invocation);
    if (this.#invocations.length > this.kept * 2) this.#invocations = this.#invocations.slice(-this.kept);
  }

  /** The invocations at or after `since` (epoch ms), newest last. */
  since(since = 0): DevTriggerInvocation[] {
    return this.#invocations.filter((invocation) => invocation.at >= since).slice(-this.kept);
  }
}

/**
 * `invoke`, telling `invocations` of each call: the trigger (`PreSignUp`), the event as sent, what
 * the function returned or the error Cognito made of its failure. `at` is the real time (it
 * orders the list), not the moved clock.
 */
export function recordingInvoke(
  invocations: TriggerInvocations,
  invoke: typeof invokeLambda,
  now: () => number = Date.now,
): typeof invokeLambda {
  return async (trigger, functionName, event, options) => {
    const at = now();
    const started = performance.now();
    const facts = (event as { userPoolId?: unknown; triggerSource?: unknown }) ?? {};
    const base = {
      at,
      userPoolId: typeof facts.userPoolId === 'string' ? facts.userPoolId : '',
      trigger,
      triggerSource: typeof facts.triggerSource === 'string' ? facts.triggerSource : '',
      functionName,
      event,
    };
    const durationMs = () => Math.round(performance.now() - started);
    try {
      const answer = await invoke(trigger, functionName, event, options);
      invocations.add({ ...base, durationMs: durationMs(), answer });
      return answer;
    } catch (error) {
      invocations.add({ ...base, durationMs: durationMs(), error: error instanceof Error ? error.message : String(error) });
      throw error;
    }
  };
}
