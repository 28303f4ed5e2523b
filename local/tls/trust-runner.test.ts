import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureLocalCa, LocalCaError, serverNames } from './local-ca.ts';
import { trustPlan } from './trust-plan.ts';
import { applyTrustPlan, readTrustedCa, thisSystem } from './trust-runner.ts';

const hasCertutil = spawnSync('sh', ['-c', 'command -v certutil']).status === 0;
const root = mkdtempSync(path.join(os.tmpdir(), 'trust-ca-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('readTrustedCa', () => {
  it('says npm start makes the CA when there is none yet', () => {
    expect(() => readTrustedCa(path.join(root, 'none', 'ca.pem'))).toThrow(LocalCaError);
    expect(() => readTrustedCa(path.join(root, 'none', 'ca.pem'))).toThrow('`npm start` makes it on its first start');
  });

  it('refuses a file that is not a certificate, in one line', () => {
    writeFileSync(path.join(root, 'broken.pem'), 'not a certificate');
    expect(() => readTrustedCa(path.join(root, 'broken.pem'))).toThrow(`${path.join(root, 'broken.pem')} is not a certificate.`);
  });
});

// The Linux steps for real, on an NSS database in a home folder of the test's own (never as root:
// the system's store stays as it is).
describe.skipIf(!hasCertutil)('npm run trust-ca on Linux, with certutil', () => {
  const home = path.join(root, 'home');
  const nssdb = path.join(home, '.pki', 'nssdb');
  const lines: string[] = [];
  let caFile: string;
  beforeAll(async () => {
    caFile = (await ensureLocalCa({ dir: path.join(root, 'tls'), names: serverNames('127.0.0.1') })).caFile;
  });
  const listed = () => execFileSync('certutil', ['-d', `sql:${nssdb}`, '-L'], { encoding: 'utf8' });
  const run = (action: 'trust' | 'untrust') => {
    const ca = readTrustedCa(caFile);
    return applyTrustPlan(action, ca, trustPlan(action, ca, thisSystem(home, false)), (line) => lines.push(line));
  };

  it('adds the CA to the NSS database Chromium reads, as a trusted authority for websites', () => {
    expect(run('trust')).toBe(true);
    const name = readTrustedCa(caFile).name;
    expect(listed()).toMatch(new RegExp(`${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s+C,,`));
    expect(lines).toContain(`  ✓ Chrome/Chromium (${nssdb})`);
  });

  it('removes it again, and says so when it was not there', () => {
    lines.length = 0;
    expect(run('untrust')).toBe(true);
    expect(listed()).not.toContain(readTrustedCa(caFile).name);
    lines.length = 0;
    expect(run('untrust')).toBe(true);
    expect(lines).toContain(`  - Chrome/Chromium (${nssdb}): it was not there`);
  });
});
