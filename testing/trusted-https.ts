// How the tests reach the managed login's HTTPS listener honestly: trusting the local CA, never
// switching certificate checks off. Every stack the tests start shares one CA folder
// (LOCAL_CA_DIR, set by stack-env.ts), so one pin and one CA serve them all.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Agent, fetch as undiciFetch } from 'undici';
import { CA_FILES, ensureLocalCa, type LocalCa, serverNames } from '../local/tls/local-ca.ts';
import { spkiSha256 } from '../local/tls/spki-pin.ts';
import { PROJECT_ROOT } from './stack-process.ts';

/** The CA folder of every stack the tests start: kept between runs, as a person's is. */
export const TEST_CA_DIR = path.join(PROJECT_ROOT, '.local', 'test-ca');

let made: Promise<LocalCa> | undefined;

/**
 * The tests' CA, made (once per process) before any stack starts, so that stacks starting side by
 * side only read it. Its certificate is for 127.0.0.1, localhost and ::1, as a stack's would be.
 */
export function ensureTestCa(): Promise<LocalCa> {
  made ??= ensureLocalCa({ dir: TEST_CA_DIR, names: serverNames('127.0.0.1') });
  return made;
}

/** `fetch` that trusts the local CA of `ca` (and no other authority): Node's own fetch would refuse its certificate. */
export function trustedFetch(ca: Pick<LocalCa, 'caCertificate'>): typeof fetch {
  const dispatcher = new Agent({ connect: { ca: ca.caCertificate } });
  return ((input: Parameters<typeof fetch>[0], init?: RequestInit) =>
    undiciFetch(input as never, { ...(init as object), dispatcher } as never)) as unknown as typeof fetch;
}

/**
 * Chromium's flag to accept the managed login's certificate, and only it: the pin of the server
 * key (which the CA keeps across renewals), not `ignoreHTTPSErrors`, which would accept any.
 */
export function chromiumTrustArgs(ca: Pick<LocalCa, 'serverKey'>): string[] {
  return [`--ignore-certificate-errors-spki-list=${spkiSha256(ca.serverKey)}`];
}

/**
 * {@link chromiumTrustArgs} for the tests' CA, read from its folder: none before it exists (the
 * Playwright runner reads its config before global setup makes it; the workers, which launch the
 * browsers, read it after).
 */
export function testCaChromiumArgs(): string[] {
  const serverKey = path.join(TEST_CA_DIR, CA_FILES.serverKey);
  return existsSync(serverKey) ? chromiumTrustArgs({ serverKey: readFileSync(serverKey, 'utf8') }) : [];
}
