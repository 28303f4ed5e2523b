import { EXISTING_STACK_ENV, launchStack, type StackAddress } from '../testing/launch-stack.ts';

/** How the runner hands the stack to the workers: they inherit its environment. */
const PUBLISHED_STACK = 'E2E_STACK';

/**
 * Playwright's global setup: the one stack every spec shares, the real `npm start` on free ports
 * and a fresh data folder, its output shown prefixed as it comes. The function it returns is the
 * global teardown. Given a running stack (E2E_EXISTING_STACK), it only hands that one on: its
 * owner started it and stops it.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const existing = process.env[EXISTING_STACK_ENV];
  if (existing) {
    process.env[PUBLISHED_STACK] = JSON.stringify(parseStackAddress(existing));
    return async () => {};
  }
  const stack = await launchStack({
    onOutput: (text) => process.stdout.write(text.replace(/^(?=.)/gm, '[stack] ')),
  });
  const { ports, urls, dataDir } = stack;
  process.env[PUBLISHED_STACK] = JSON.stringify({ ports, urls, dataDir } satisfies StackAddress);
  return () => stack.stop();
}

function parseStackAddress(json: string): StackAddress {
  try {
    const address = JSON.parse(json) as StackAddress;
    if (typeof address.urls?.web === 'string' && typeof address.dataDir === 'string') return address;
  } catch {
    // Reported below, with the variable's name.
  }
  throw new Error(`${EXISTING_STACK_ENV} is not a stack address ({ ports, urls, dataDir } as JSON): ${json}`);
}

/** The stack global setup launched; undefined before it has run (the runner reads the config first). */
export function publishedStack(): StackAddress | undefined {
  const published = process.env[PUBLISHED_STACK];
  return published ? (JSON.parse(published) as StackAddress) : undefined;
}
