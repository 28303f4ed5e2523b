import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { localStackPath, readLocalStack, stackOutput } from '../local/cloudformation/local-stack.ts';

/**
 * The stack the end-to-end tests start: the same `npm start`, on ports of its own so that it
 * runs beside a developer's stack, with a fresh data folder per run.
 */
export const E2E_PORTS = shiftedPorts({ COGNITO_PORT: 19229, API_PORT: 13000, LAMBDA_PORT: 13002, WEB_PORT: 15173 });

/**
 * `ports` moved by `E2E_PORT_SHIFT` (default 0), so that two checkouts can run their end-to-end
 * tests on one machine at the same time.
 */
export function shiftedPorts<T extends Record<string, number>>(ports: T): T {
  const shift = Number(process.env.E2E_PORT_SHIFT ?? 0);
  if (!Number.isInteger(shift) || shift < 0 || shift > 10_000)
    throw new Error(`E2E_PORT_SHIFT=${process.env.E2E_PORT_SHIFT} is not a whole number from 0 to 10000.`);
  return Object.fromEntries(Object.entries(ports).map(([name, port]) => [name, port + shift])) as T;
}

export const e2eStack = {
  webUrl: `http://127.0.0.1:${E2E_PORTS.WEB_PORT}`,
  apiUrl: `http://127.0.0.1:${E2E_PORTS.API_PORT}/local`,
  cognitoUrl: `http://127.0.0.1:${E2E_PORTS.COGNITO_PORT}`,
};

/**
 * An AWS SDK client for the stack's Cognito; the caller destroys it. One attempt: a retried
 * call would hide the first answer the test is about.
 */
export function cognitoClient(): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({
    endpoint: e2eStack.cognitoUrl,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
}

/** The latest code the dev inbox holds for `email`. */
export async function latestCode(email: string): Promise<string> {
  const response = await fetch(`${e2eStack.cognitoUrl}/_dev/inbox?to=${encodeURIComponent(email)}`);
  const messages = (await response.json()) as { code: string }[];
  const code = messages.at(-1)?.code;
  if (!code) throw new Error(`The dev inbox has no code for ${email}`);
  return code;
}

/** An address no earlier run has used. */
export function uniqueEmail(label: string): string {
  return `${label}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
}

/** An Output of the stack the tests run against (playwright.config.ts sets E2E_DATA_DIR). */
export function e2eOutput(name: string): string {
  const dataDir = process.env.E2E_DATA_DIR;
  if (!dataDir) throw new Error('E2E_DATA_DIR is not set: run the end-to-end tests with `npm run test:e2e`.');
  return stackOutput(readLocalStack(localStackPath(dataDir)), name);
}

/** The name and message a Cognito call failed with (the test fails if it succeeded). */
export async function failure(promise: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    const { name, message } = error as Error;
    return { name, message };
  }
  throw new Error('the call succeeded');
}
