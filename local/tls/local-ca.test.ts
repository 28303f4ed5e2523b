import { createPrivateKey, X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import forge from 'node-forge';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { certificateNames } from './certificates.ts';
import { CA_FILES, ensureLocalCa, LocalCaError, RENEW_BEFORE_MS, serverNames } from './local-ca.ts';
import { spkiSha256 } from './spki-pin.ts';

const NAMES = serverNames('127.0.0.1');
const DAY = 86_400_000;
let dir: string;

beforeEach(() => {
  dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'local-ca-test-')), 'tls');
});
afterEach(() => rmSync(path.dirname(dir), { recursive: true, force: true }));

const file = (name: keyof typeof CA_FILES) => path.join(dir, CA_FILES[name]);
const read = (name: keyof typeof CA_FILES) => readFileSync(file(name), 'utf8');

describe('ensureLocalCa', () => {
  it('makes a CA and a server certificate it signed, for the loopback names, PUBLIC_HOST and the compose service', async () => {
    const ca = await ensureLocalCa({ dir, names: serverNames('dev.example.test') });
    expect(ca.made).toBe('ca');
    const caCert = new X509Certificate(ca.caCertificate);
    const server = new X509Certificate(ca.serverCertificate);
    expect(caCert.ca).toBe(true);
    expect(caCert.subject).toMatch(/CN=hello-auth local CA /);
    expect(server.ca).toBe(false);
    expect(server.verify(caCert.publicKey)).toBe(true);
    expect(server.checkPrivateKey(createPrivateKey(ca.serverKey))).toBe(true);
    expect(certificateNames(server).sort()).toEqual(['127.0.0.1', '::1', 'cognito', 'dev.example.test', 'localhost']);
    expect(server.checkHost('localhost')).toBe('localhost');
    expect(server.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(ca.caFile).toBe(file('caCertificate'));
  });

  it('writes its names as UTF8String: a PrintableString cannot hold the @ of user@host, and Chromium refuses the certificate', async () => {
    const ca = await ensureLocalCa({ dir, names: NAMES });
    for (const pem of [ca.caCertificate, ca.serverCertificate]) {
      const certificate = forge.pki.certificateFromPem(pem);
      for (const attribute of [...certificate.subject.attributes, ...certificate.issuer.attributes]) {
        expect(attribute.valueTagClass, attribute.name).toBe(forge.asn1.Type.UTF8);
      }
    }
  });

  it('keeps both private keys readable by their owner only', async () => {
    await ensureLocalCa({ dir, names: NAMES });
    expect(statSync(file('caKey')).mode & 0o777).toBe(0o600);
    expect(statSync(file('serverKey')).mode & 0o777).toBe(0o600);
  });

  it('reuses the CA and the server certificate on the next start', async () => {
    const first = await ensureLocalCa({ dir, names: NAMES });
    const second = await ensureLocalCa({ dir, names: NAMES });
    expect(second.made).toBe('nothing');
    expect(second.caCertificate).toBe(first.caCertificate);
    expect(second.serverCertificate).toBe(first.serverCertificate);
    expect(second.serverKey).toBe(first.serverKey);
  });

  it('issues the server certificate again when it nears its end, with the same CA and the same key', async () => {
    const first = await ensureLocalCa({ dir, names: NAMES });
    const validTo = new Date(new X509Certificate(first.serverCertificate).validTo).getTime();
    const later = await ensureLocalCa({ dir, names: NAMES, now: new Date(validTo - RENEW_BEFORE_MS + DAY) });
    expect(later.made).toBe('server certificate');
    expect(later.caCertificate).toBe(first.caCertificate);
    expect(later.serverCertificate).not.toBe(first.serverCertificate);
    expect(spkiSha256(later.serverCertificate)).toBe(spkiSha256(first.serverCertificate));
    expect(new Date(new X509Certificate(later.serverCertificate).validTo).getTime()).toBeGreaterThan(validTo);
  });

  it('keeps a server certificate that has more than a month left', async () => {
    const first = await ensureLocalCa({ dir, names: NAMES });
    const validTo = new Date(new X509Certificate(first.serverCertificate).validTo).getTime();
    const later = await ensureLocalCa({ dir, names: NAMES, now: new Date(validTo - RENEW_BEFORE_MS - DAY) });
    expect(later.made).toBe('nothing');
  });

  it('issues it again when PUBLIC_HOST is a name it lacks, keeping the names it had', async () => {
    await ensureLocalCa({ dir, names: serverNames('one.test') });
    const moved = await ensureLocalCa({ dir, names: serverNames('two.test') });
    expect(moved.made).toBe('server certificate');
    expect(certificateNames(new X509Certificate(moved.serverCertificate))).toEqual(expect.arrayContaining(['one.test', 'two.test']));
    expect((await ensureLocalCa({ dir, names: serverNames('one.test') })).made).toBe('nothing');
  });

  it('issues it again under a new CA when the CA files were replaced, keeping the server key', async () => {
    const first = await ensureLocalCa({ dir, names: NAMES });
    unlinkSync(file('caCertificate'));
    unlinkSync(file('caKey'));
    const second = await ensureLocalCa({ dir, names: NAMES });
    expect(second.made).toBe('ca');
    expect(new X509Certificate(second.serverCertificate).verify(new X509Certificate(second.caCertificate).publicKey)).toBe(true);
    expect(second.serverKey).toBe(first.serverKey);
  });

  it('makes the server key again when only it is missing', async () => {
    const first = await ensureLocalCa({ dir, names: NAMES });
    unlinkSync(file('serverKey'));
    const second = await ensureLocalCa({ dir, names: NAMES });
    expect(second.made).toBe('server certificate');
    expect(second.serverKey).not.toBe(first.serverKey);
    expect(new X509Certificate(second.serverCertificate).checkPrivateKey(createPrivateKey(second.serverKey))).toBe(true);
  });

  it.each([
    ['caCertificate', 'is not a readable certificate'],
    ['caKey', 'is not a readable private key'],
    ['serverCertificate', 'is not a readable certificate'],
    ['serverKey', 'is not a readable private key'],
  ] as const)('refuses a corrupt %s with one line naming the file and the way out', async (name, words) => {
    await ensureLocalCa({ dir, names: NAMES });
    writeFileSync(file(name), `${read(name).slice(0, 200)}\n-----END garbage-----\n`);
    const error = await ensureLocalCa({ dir, names: NAMES }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LocalCaError);
    expect((error as Error).message).toContain(`${file(name)} ${words}`);
    expect((error as Error).message).toContain(`Delete the folder ${dir} and start again`);
    expect((error as Error).message).not.toContain('\n');
  });

  it('refuses a CA whose key is missing rather than making a second CA beside a trusted one', async () => {
    await ensureLocalCa({ dir, names: NAMES });
    unlinkSync(file('caKey'));
    await expect(ensureLocalCa({ dir, names: NAMES })).rejects.toThrow(`${file('caKey')} is missing but ${file('caCertificate')} is there`);
    expect(existsSync(file('caKey'))).toBe(false);
  });

  it('says where to put it when its folder cannot be made', async () => {
    const file = path.join(path.dirname(dir), 'a-file');
    writeFileSync(file, '');
    const error = await ensureLocalCa({ dir: path.join(file, 'tls'), names: NAMES }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LocalCaError);
    expect((error as Error).message).toBe(
      `Cannot make the local CA's folder ${path.join(file, 'tls')} (ENOTDIR). Set LOCAL_CA_DIR to a folder you can write.`,
    );
  });

  it('refuses a CA certificate and key that do not belong together', async () => {
    await ensureLocalCa({ dir, names: NAMES });
    writeFileSync(file('caKey'), read('serverKey'));
    await expect(ensureLocalCa({ dir, names: NAMES })).rejects.toThrow(
      `${file('caCertificate')} is not the CA certificate of ${file('caKey')}`,
    );
  });
});

describe('ensureLocalCa side by side', () => {
  it('makes one CA when several starts ask for it at once', async () => {
    const cas = await Promise.all(Array.from({ length: 4 }, () => ensureLocalCa({ dir, names: NAMES })));
    expect(cas.filter((ca) => ca.made === 'ca')).toHaveLength(1);
    expect(new Set(cas.map((ca) => ca.caCertificate)).size).toBe(1);
    expect((await ensureLocalCa({ dir, names: NAMES })).made).toBe('nothing');
  });
});
