import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, expect, test } from '@playwright/test';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { localStackPath, readLocalStack } from '../local/cloudformation/local-stack.ts';
import { trustPlan } from '../local/tls/trust-plan.ts';
import { launchStack } from '../testing/launch-stack.ts';
import { writeVariantConfig } from '../testing/variant-api.ts';
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

// A team's stack with a user pool domain, started from a fresh data folder and a CA folder of its
// own: the start that makes the CA says how to trust it, and the banner lists the managed login.
test('a team’s stack with a UserPoolDomain lists its managed login, served with the CA that start made', async () => {
  test.setTimeout(180_000);
  const variant = writeVariantConfig((service) => {
    service.service = 'team-login';
    // In place of the starter's own domain: a pool has one (CreateUserPoolDomain refuses a second).
    delete service.resources.Resources.CognitoUserPoolDomain;
    service.resources.Resources.TeamDomain = {
      Type: 'AWS::Cognito::UserPoolDomain',
      Properties: { Domain: 'team-login-local', UserPoolId: { Ref: 'CognitoUserPool' } },
    };
    service.resources.Outputs.UserPoolDomain.Value = { Ref: 'TeamDomain' };
  });
  const caDir = mkdtempSync(path.join(os.tmpdir(), 'team-login-ca-'));
  try {
    const stack = await launchStack({ args: ['--config', variant.configFile], env: { LOCAL_CA_DIR: caDir } });
    try {
      const poolId = readLocalStack(localStackPath(stack.dataDir)).outputs.UserPoolId;
      const output = stack.output();
      await test.step('the banner', () => {
        expect(output).toContain(`    Login    ${stack.urls.managedLogin}  (managed login of ${poolId}, domain team-login-local)`);
        expect(output).toContain(`A local CA was made for the managed login's HTTPS (${path.join(caDir, 'ca.pem')}): \`npm run trust-ca\``);
      });
      await test.step('the listener, with that CA’s certificate', async () => {
        const caCertificate = readFileSync(path.join(caDir, 'ca.pem'), 'utf8');
        const answer = await trustedFetch({ caCertificate })(`${stack.urls.managedLogin}/`);
        expect(answer.headers.get('cache-control')).toBe('no-store');
        expect(new X509Certificate(caCertificate).subject).toMatch(/CN=hello-auth local CA /);
      });
    } finally {
      await stack.stop();
    }
  } finally {
    variant.remove();
    rmSync(caDir, { recursive: true, force: true });
  }
});
