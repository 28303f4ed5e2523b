import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, expect, test } from '@playwright/test';
import { trustPlan } from '../local/tls/trust-plan.ts';
import { applyTrustPlan, readTrustedCa, thisSystem } from '../local/tls/trust-runner.ts';
import { ensureTestCa, TEST_CA_DIR, trustedFetch } from '../testing/trusted-https.ts';
import { CHROMIUM_ARGS, chromiumExecutable } from './browser.ts';
import { e2eStack } from './stack.ts';

// The managed login is served over HTTPS (Amplify v6 builds `https://${oauth.domain}/oauth2/...`),
// with a certificate of the local CA: trusted by whoever was told to trust it, and by no one else.
const origin = e2eStack.urls.managedLogin;

test.describe('the managed login over HTTPS', () => {
  test('the test browser, which trusts the tests’ CA, loads a page of the listener over https', async ({ page }) => {
    const response = await page.goto(`${origin}/`);
    // Any answer of the listener will do here; its pages come with the routes.
    expect(response?.url()).toBe(`${origin}/`);
    const security = await response!.securityDetails();
    expect(security?.issuer).toMatch(/^hello-auth local CA /);
    expect(security?.protocol).toMatch(/^TLS 1\.[23]$/);
  });

  test('a browser that does not trust the CA gets a certificate error', async () => {
    const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage();
      await expect(page.goto(`${origin}/`)).rejects.toThrow(/net::ERR_CERT_AUTHORITY_INVALID/);
    } finally {
      await browser.close();
    }
  });

  test('Node reaches it trusting the CA, and is refused without', async () => {
    const ca = await ensureTestCa();
    const answer = await trustedFetch(ca)(`${origin}/`);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    const error = await fetch(`${origin}/`).catch((caught: Error & { cause?: { code?: string } }) => caught);
    expect((error as Error & { cause?: { code?: string } }).cause?.code).toMatch(
      /SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE/,
    );
  });

  // What `npm run trust-ca` does for a person, for real: the CA into the NSS database of a home
  // folder, and a Chromium with that home (and no pin) trusting the page.
  test('a Chromium whose NSS database npm run trust-ca filled trusts the page', async () => {
    test.skip(spawnSync('sh', ['-c', 'command -v certutil']).status !== 0, 'certutil (libnss3-tools) is not installed');
    const home = mkdtempSync(path.join(os.tmpdir(), 'trust-ca-home-'));
    const ca = readTrustedCa(path.join(TEST_CA_DIR, 'ca.pem'));
    const browser = await (async () => {
      expect(applyTrustPlan('trust', ca, trustPlan('trust', ca, thisSystem(home, false)), () => {})).toBe(true);
      return chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS, env: { ...process.env, HOME: home } });
    })();
    try {
      const response = await (await browser.newPage()).goto(`${origin}/`);
      expect((await response!.securityDetails())?.issuer).toBe(ca.name);
    } finally {
      await browser.close();
      rmSync(home, { recursive: true, force: true });
    }
  });
});
