import { execFileSync, spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalCaError } from './local-ca.ts';
import type { TrustAction, TrustedCa, TrustPlan, TrustStep, TrustSystem } from './trust-plan.ts';

/** The CA certificate of `file`, as the trust plan names it. */
export function readTrustedCa(file: string): TrustedCa {
  if (!existsSync(file)) throw new LocalCaError(`No local CA at ${file}: \`npm start\` makes it on its first start. Then run this again.`);
  try {
    const certificate = new X509Certificate(readFileSync(file));
    const name = /(?:^|\n)CN=(.*)/.exec(certificate.subject)?.[1] ?? 'hello-auth local CA';
    return { file, name, sha1: certificate.fingerprint.replaceAll(':', ''), serial: certificate.serialNumber };
  } catch {
    throw new LocalCaError(`${file} is not a certificate. Delete ${path.dirname(file)} and run \`npm start\` to make a new CA.`);
  }
}

/** This machine, as the plan may look at it; `home` for another user's stores (the tests use a temporary one). */
export function thisSystem(home = os.homedir(), isRoot = process.getuid?.() === 0): TrustSystem {
  const firefox = path.join(home, '.mozilla', 'firefox');
  return {
    platform: process.platform,
    home,
    isRoot,
    has: (command) =>
      (process.platform === 'win32' ? spawnSync('where', [command]) : spawnSync('sh', ['-c', `command -v ${command}`])).status === 0,
    exists: existsSync,
    firefoxProfiles: existsSync(firefox)
      ? readdirSync(firefox)
          .map((entry) => path.join(firefox, entry))
          .filter((profile) => existsSync(path.join(profile, 'cert9.db')))
      : [],
  };
}

/**
 * Carries the plan out, saying what each step did, then what is left to do by hand. Resolves
 * false when a step failed (removing what was not there is not a failure).
 */
export function applyTrustPlan(action: TrustAction, ca: TrustedCa, plan: TrustPlan, say: (line: string) => void): boolean {
  let failed = false;
  say(`${action === 'trust' ? 'Trusting' : 'No longer trusting'} ${ca.name} (${ca.file}):`);
  for (const step of plan.steps) {
    const problem = perform(step);
    if (problem === undefined) say(`  ✓ ${step.what}`);
    else if (action === 'untrust' && /could not find|not found|cannot find/i.test(problem)) say(`  - ${step.what}: it was not there`);
    else {
      failed = true;
      say(`  ✗ ${step.what}: ${problem}`);
    }
  }
  for (const line of plan.manual) say(`  ! ${line}`);
  if (plan.steps.length === 0 && plan.manual.length === 0) say('  Nothing to do: no store of this machine holds it.');
  if (action === 'trust' && !failed && plan.steps.length > 0) say('Restart the browser for it to read its authorities again.');
  return !failed;
}

/** Does one step; the reason it failed, in one line, or undefined. */
function perform(step: TrustStep): string | undefined {
  try {
    if ('run' in step) {
      const [command, ...args] = step.run;
      execFileSync(command, args, { stdio: ['inherit', 'pipe', 'pipe'] });
    } else if ('copy' in step) copyFileSync(step.copy.from, step.copy.to);
    else if ('folder' in step) mkdirSync(step.folder, { recursive: true, mode: 0o700 });
    else rmSync(step.remove, { force: true });
    return undefined;
  } catch (error) {
    const stderr = String((error as { stderr?: Buffer }).stderr ?? '').trim();
    return (stderr || (error as Error).message).split('\n')[0];
  }
}
