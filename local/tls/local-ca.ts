import { createPrivateKey, type KeyObject, randomBytes, X509Certificate } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { withFolderLock } from './folder-lock.ts';
import { caCertificate, certificateNames, type KeyPairPem, newKeyPair, publicKeyOf, serverCertificate } from './certificates.ts';

/** The files of a local CA folder: the CA a person trusts, and the certificate the HTTPS listener serves. */
export const CA_FILES = {
  caCertificate: 'ca.pem',
  caKey: 'ca-key.pem',
  serverCertificate: 'server.pem',
  serverKey: 'server-key.pem',
} as const;

/** The names every server certificate is for, besides PUBLIC_HOST: this machine's loopback, and the emulator's compose service name. */
export const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1'] as const;
export const COMPOSE_SERVICE_NAME = 'cognito';

/** The names the server certificate must carry for a stack whose browsers use `publicHost`. */
export function serverNames(publicHost: string): string[] {
  return [...new Set([...LOOPBACK_NAMES, publicHost, COMPOSE_SERVICE_NAME])];
}

/** A server certificate this close to its end is issued again. */
export const RENEW_BEFORE_MS = 30 * 86_400_000;

export class LocalCaError extends Error {
  override name = 'LocalCaError';
}

export interface LocalCa {
  readonly dir: string;
  /** The CA certificate's file: what `npm run trust-ca` installs. */
  readonly caFile: string;
  readonly caCertificate: string;
  /** The HTTPS listener's certificate (PEM), signed by the CA. */
  readonly serverCertificate: string;
  readonly serverKey: string;
  /** What this call made: a new CA (and server certificate), a new server certificate, or nothing. */
  readonly made: 'ca' | 'server certificate' | 'nothing';
}

export interface LocalCaOptions {
  /** The folder (made when missing). */
  readonly dir: string;
  /** What the server certificate must be valid for (serverNames()). */
  readonly names: readonly string[];
  /** Default the real time: browsers check certificates against it, not against the stack's movable clock. */
  readonly now?: Date;
}

/**
 * The local CA of `dir`, made on first use and reused afterwards; its server certificate issued
 * again when it nears its end, lacks one of `names` or is not the CA's. The server key is kept
 * across renewals, so that a browser told to trust that key (the tests' SPKI pin) keeps trusting it.
 * A file that cannot be read fails with a LocalCaError that names it and says what to do.
 */
export async function ensureLocalCa({ dir, names, now = new Date() }: LocalCaOptions): Promise<LocalCa> {
  const files = filesOf(dir);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new LocalCaError(
      `Cannot make the local CA's folder ${dir} (${(error as NodeJS.ErrnoException).code}). Set LOCAL_CA_DIR to a folder you can write.`,
    );
  }
  return withFolderLock(dir, () => ensureFiles(dir, files, names, now)).catch((error: NodeJS.ErrnoException) => {
    if (error instanceof LocalCaError || typeof error.code !== 'string') throw error;
    throw new LocalCaError(`Cannot write the local CA in ${dir} (${error.code}). Set LOCAL_CA_DIR to a folder you can write.`, {
      cause: error,
    });
  });
}

async function ensureFiles(dir: string, files: CaFiles, names: readonly string[], now: Date): Promise<LocalCa> {
  const existingCa = readCa(files, dir);
  const ca = existingCa ?? (await makeCa(files, now));
  const serverKey = existsSync(files.serverKey) ? readKey(files.serverKey, dir) : undefined;
  const serverKeyPem = serverKey ? readFileSync(files.serverKey, 'utf8') : (await newKeyPair()).privateKey;
  if (!serverKey) writePrivate(files.serverKey, serverKeyPem);

  const current = existsSync(files.serverCertificate) ? readCertificate(files.serverCertificate, dir) : undefined;
  const stillGood =
    current !== undefined &&
    existingCa !== undefined &&
    current.verify(ca.certificate.publicKey) &&
    current.checkPrivateKey(createPrivateKey(serverKeyPem)) &&
    new Date(current.validTo).getTime() - now.getTime() > RENEW_BEFORE_MS &&
    names.every((name) => certificateNames(current).includes(name));
  if (!stillGood) {
    // Names an earlier start needed stay (another PUBLIC_HOST on a shared folder must not flip it back and forth).
    const kept = current && existingCa && current.verify(ca.certificate.publicKey) ? certificateNames(current) : [];
    const pem = serverCertificate({
      caCertificate: ca.pem,
      caPrivateKey: ca.keyPem,
      publicKey: publicKeyOf(serverKeyPem),
      names: [...new Set([...names, ...kept])],
      now,
    });
    writePublic(files.serverCertificate, pem);
  }
  return {
    dir,
    caFile: files.caCertificate,
    caCertificate: ca.pem,
    serverCertificate: readFileSync(files.serverCertificate, 'utf8'),
    serverKey: serverKeyPem,
    made: existingCa === undefined ? 'ca' : stillGood ? 'nothing' : 'server certificate',
  };
}

type CaFiles = { readonly [K in keyof typeof CA_FILES]: string };

function filesOf(dir: string): CaFiles {
  return Object.fromEntries(Object.entries(CA_FILES).map(([role, name]) => [role, path.join(dir, name)])) as CaFiles;
}

interface CaParts {
  readonly certificate: X509Certificate;
  readonly pem: string;
  readonly keyPem: string;
}

/** The CA already in the folder, or undefined when it has none. */
function readCa(files: CaFiles, dir: string): CaParts | undefined {
  const hasCertificate = existsSync(files.caCertificate);
  const hasKey = existsSync(files.caKey);
  if (!hasCertificate && !hasKey) return undefined;
  if (!hasCertificate || !hasKey) {
    const [missing, there] = hasCertificate ? [files.caKey, files.caCertificate] : [files.caCertificate, files.caKey];
    throw new LocalCaError(`${missing} is missing but ${there} is there: the local CA is incomplete. ${startOver(dir)}`);
  }
  const certificate = readCertificate(files.caCertificate, dir);
  const key = readKey(files.caKey, dir);
  if (!certificate.ca || !certificate.checkPrivateKey(key)) {
    throw new LocalCaError(`${files.caCertificate} is not the CA certificate of ${files.caKey}. ${startOver(dir)}`);
  }
  return { certificate, pem: readFileSync(files.caCertificate, 'utf8'), keyPem: readFileSync(files.caKey, 'utf8') };
}

async function makeCa(files: CaFiles, now: Date): Promise<CaParts> {
  const keys: KeyPairPem = await newKeyPair();
  const pem = caCertificate({ keys, commonName: caCommonName(), now });
  writePrivate(files.caKey, keys.privateKey);
  writePublic(files.caCertificate, pem);
  return { certificate: new X509Certificate(pem), pem, keyPem: keys.privateKey };
}

/** Whose CA it is and which one (as mkcert names its CAs): `npm run untrust-ca` finds it by this name. */
function caCommonName(): string {
  let who: string;
  try {
    who = `${os.userInfo().username}@${os.hostname()}`;
  } catch {
    who = os.hostname(); // a container's user may have no passwd entry
  }
  return `hello-auth local CA ${who} ${randomBytes(3).toString('hex')}`;
}

function readCertificate(file: string, dir: string): X509Certificate {
  try {
    return new X509Certificate(readFileSync(file));
  } catch (error) {
    throw new LocalCaError(`${file} is not a readable certificate (${reason(error)}). ${startOver(dir)}`);
  }
}

function readKey(file: string, dir: string): KeyObject {
  try {
    return createPrivateKey(readFileSync(file));
  } catch (error) {
    throw new LocalCaError(`${file} is not a readable private key (${reason(error)}). ${startOver(dir)}`);
  }
}

function reason(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message.split('\n')[0]!;
}

function startOver(dir: string): string {
  return `Delete the folder ${dir} and start again: a new CA is made, which browsers must be told to trust again (npm run trust-ca).`;
}

/** Written whole or not at all (a second process may read the folder at the same moment). */
function writeAtomically(file: string, text: string, mode: number): void {
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temporary, text, { mode });
  chmodSync(temporary, mode);
  renameSync(temporary, file);
}

const writePrivate = (file: string, text: string) => writeAtomically(file, text, 0o600);
const writePublic = (file: string, text: string) => writeAtomically(file, text, 0o644);
