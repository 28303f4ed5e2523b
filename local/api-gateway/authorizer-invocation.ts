import { performance } from 'node:perf_hooks';
import type { Clock } from '../clock.ts';
import { TokenCache } from './token-cache.ts';
import type { GatewayRequest } from './gateway-request.ts';
import type { InvokeFunction } from './lambda-authorizer-types.ts';

// One run of a Lambda authorizer's function, and the one line per request that says what came
// of it — for REST and HTTP API authorizers alike.

/** What the function did: answered (with how long it took), said `Unauthorized`, or failed. */
export type Invoked =
  | { readonly kind: 'answered'; readonly output: unknown; readonly latencyMs: number }
  | { readonly kind: 'unauthorized' }
  | { readonly kind: 'failed'; readonly reason: string };

/**
 * Runs the authorizer's function. An error whose message is exactly `Unauthorized` (thrown, or
 * `callback('Unauthorized')`, which serverless-offline's runner resolves as that string) is
 * API Gateway's 401 (apigateway-lambda-authorizer-output.html); any other error, or a timeout, is
 * the function failing.
 */
export async function invokeAuthorizer(invoke: InvokeFunction, functionName: string, event: unknown): Promise<Invoked> {
  const started = performance.now();
  let output: unknown;
  try {
    output = await invoke(functionName, event);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (message === 'Unauthorized') return { kind: 'unauthorized' };
    return { kind: 'failed', reason: `the function failed: ${message}` };
  }
  if (output === 'Unauthorized') return { kind: 'unauthorized' };
  return { kind: 'answered', output, latencyMs: Math.round(performance.now() - started) };
}

/** A gateway built without the local Lambda (unit tests): its Lambda authorizers fail, API Gateway's 500. */
export const noLocalLambda: InvokeFunction = async (functionName) => {
  throw new Error(`${functionName} cannot be invoked: no local Lambda runs it.`);
};

/** The terminal's line for one request through a Lambda authorizer: what was decided, and why. */
export function authorizerLog(request: GatewayRequest, authorizer: string) {
  const where = `[authorizer] ${request.method.toUpperCase()} ${request.path} (${authorizer})`;
  return {
    /** Logs the verdict, and hands it back for the decision to carry. */
    decided: (verdict: string): string => {
      decisions.write(`${where}: ${verdict}`);
      return verdict;
    },
    refused: (reason: string) => decisions.write(`${where}: refused before invoking the function: ${reason}`),
    failed: (reason: string) => decisions.write(`${where}: ${reason}`),
  };
}

export type AuthorizerLog = ReturnType<typeof authorizerLog>;

/**
 * The requests' lines, in their order, written together once per turn of the event loop: one line
 * per request under load would otherwise be one write (a system call on a pipe) per request
 * (`npm run bench`'s Lambda-authorized rows).
 */
const decisions = {
  lines: [] as string[],
  write(line: string): void {
    if (this.lines.push(line) === 1) setImmediate(() => this.flush());
  },
  flush(): void {
    const text = `${this.lines.join('\n')}\n`;
    this.lines = [];
    process.stdout.write(text);
  },
};

/**
 * An authorizer's answer cache, made once and shared by every method or route it protects
 * (its name is the key in `caches`); none with a TTL of 0.
 */
export function authorizerCache<Answer>(
  caches: Map<string, TokenCache<Answer>>,
  authorizer: string,
  ttlSeconds: number,
  clock: Clock,
): TokenCache<Answer> | undefined {
  if (ttlSeconds <= 0) return undefined;
  let cache = caches.get(authorizer);
  if (!cache) {
    cache = new TokenCache<Answer>(ttlSeconds, () => clock.now());
    caches.set(authorizer, cache);
  }
  return cache;
}
