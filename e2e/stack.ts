import { localStackPath, readLocalStack, stackOutput } from '../local/cloudformation/local-stack.ts';
import type { StackAddress } from '../testing/launch-stack.ts';
import { publishedStack } from './global-setup.ts';

/** The stack every spec runs against: `npm start`, as e2e/global-setup.ts launched it. */
export const e2eStack: StackAddress =
  publishedStack() ??
  (() => {
    throw new Error('No e2e stack: e2e/global-setup.ts launches it. Run the end-to-end tests with `npm run test:e2e`.');
  })();

/** An Output of the stack the tests run against. */
export function e2eOutput(name: string): string {
  return stackOutput(readLocalStack(localStackPath(e2eStack.dataDir)), name);
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
