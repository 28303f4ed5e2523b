import {
  invalidLambdaResponse,
  lambdaInvocationFailed,
  lambdaTimedOut,
  lambdaUnreachable,
  userLambdaValidation,
} from '../cognito-answers.ts';

export interface LambdaInvokeOptions {
  /** Lambda's Invoke API: serverless-offline's Lambda port, which runs the handler in its process. */
  readonly lambdaUrl: string;
  /** How long Cognito waits for a trigger: 5 s, not configurable on AWS. */
  readonly timeoutMs: number;
}

/** Cognito's wait for a trigger to answer. */
export const COGNITO_TRIGGER_TIMEOUT_MS = 5000;

/**
 * Runs `functionName` with `event` as Cognito does (Invoke, RequestResponse) and gives back what
 * it returned, an object (the event, with its `response`); each failure is Cognito's error for
 * it (cognito-answers.ts). Cognito retries a call that timed out, up to three attempts; the
 * emulator makes one, since the handler runs in process and would do its work three times.
 */
export async function invokeLambda(
  trigger: string,
  functionName: string,
  event: object,
  { lambdaUrl, timeoutMs }: LambdaInvokeOptions,
): Promise<Record<string, unknown>> {
  let answer: Response;
  let text: string;
  try {
    answer = await fetch(`${lambdaUrl}/2015-03-31/functions/${encodeURIComponent(functionName)}/invocations`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Amz-Invocation-Type': 'RequestResponse' },
      body: JSON.stringify(event),
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await answer.text();
  } catch (error) {
    if ((error as Error).name === 'TimeoutError') throw lambdaTimedOut(trigger);
    throw lambdaUnreachable(trigger, functionName, lambdaUrl);
  }
  if (answer.headers.get('x-amz-function-error') !== null) {
    throw userLambdaValidation(trigger, errorMessageOf(text) ?? answer.headers.get('x-amz-function-error')!);
  }
  if (!answer.ok) throw lambdaInvocationFailed(trigger, answer.headers.get('x-amzn-errortype') ?? `HTTP ${answer.status}`);
  const payload = parseObject(text);
  if (payload === undefined) throw invalidLambdaResponse();
  return payload;
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function errorMessageOf(text: string): string | undefined {
  const message = parseObject(text)?.errorMessage;
  return typeof message === 'string' ? message : undefined;
}
