// The X.509 side of the local CA: node:crypto makes and reads the keys (fast, native), node-forge
// writes the certificates (node:crypto reads certificates but cannot issue them).
import { createPublicKey, generateKeyPair, type KeyObject, randomBytes, type X509Certificate } from 'node:crypto';
import { promisify } from 'node:util';
import forge from 'node-forge';

const generateRsaKeyPair = promisify(generateKeyPair);

/** A key pair as PEM: the private key in PKCS#8, the public key as a SubjectPublicKeyInfo. */
export interface KeyPairPem {
  readonly privateKey: string;
  readonly publicKey: string;
}

/**
 * A new RSA 2048 key pair. RSA rather than ECDSA because node-forge signs with RSA only; every
 * browser and Node take RSA 2048 (the CA/Browser Forum's minimum).
 */
export async function newKeyPair(): Promise<KeyPairPem> {
  const { privateKey, publicKey } = await generateRsaKeyPair('rsa', { modulusLength: 2048 });
  return { privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), publicKey: pemOf(publicKey) };
}

function pemOf(publicKey: KeyObject): string {
  return publicKey.export({ type: 'spki', format: 'pem' }).toString();
}

/** The public key (SPKI PEM) of a private key in PEM. */
export function publicKeyOf(privateKeyPem: string): string {
  return pemOf(createPublicKey(privateKeyPem));
}

/** A positive serial number of 16 random bytes, as RFC 5280 (4.1.2.2) and the CA/B Forum ask. */
function serialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0]! &= 0x7f;
  return bytes.toString('hex');
}

/** ASN.1's UTF8String tag (@types/node-forge types valueTagClass as a tag class, but forge reads it as the value's type). */
const UTF8_STRING = forge.asn1.Type.UTF8 as unknown as forge.asn1.Class;

function days(from: Date, count: number): Date {
  return new Date(from.getTime() + count * 86_400_000);
}

export interface CaOptions {
  readonly keys: KeyPairPem;
  /** The CA's common name: what a person sees in their browser's list of authorities. */
  readonly commonName: string;
  readonly now: Date;
  /** Default ten years: a person trusts it once. */
  readonly validDays?: number;
}

/** A self-signed CA certificate that can sign server certificates and nothing below them (pathLen 0). */
export function caCertificate({ keys, commonName, now, validDays = 3650 }: CaOptions): string {
  const cert = forge.pki.createCertificate();
  // UTF8String: forge's default, PrintableString, has no '@' (X.680), and Chromium refuses such a certificate as malformed.
  const utf8 = UTF8_STRING;
  const subject = [
    { name: 'commonName', value: commonName, valueTagClass: utf8 },
    { name: 'organizationName', value: 'hello-auth local development CA', valueTagClass: utf8 },
  ];
  cert.publicKey = forge.pki.publicKeyFromPem(keys.publicKey);
  cert.serialNumber = serialNumber();
  // An hour back: a clock a little behind the machine's must not see a certificate from the future.
  cert.validity.notBefore = new Date(now.getTime() - 3_600_000);
  cert.validity.notAfter = days(now, validDays);
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(keys.privateKey), forge.md.sha256.create());
  return forge.pki.certificateToPem(cert);
}

export interface ServerCertificateOptions {
  readonly caCertificate: string;
  readonly caPrivateKey: string;
  /** The server's public key (SPKI PEM). */
  readonly publicKey: string;
  /** Host names and IP addresses (v4 or v6) the certificate is for. */
  readonly names: readonly string[];
  readonly now: Date;
  /**
   * Default 397 days: browsers refuse longer server certificates from public CAs (CA/B Forum
   * Baseline Requirements 6.3.2), and a certificate that also passes those rules passes any.
   */
  readonly validDays?: number;
}

/** A TLS server certificate for `names`, signed by the CA. */
export function serverCertificate({
  caCertificate,
  caPrivateKey,
  publicKey,
  names,
  now,
  validDays = 397,
}: ServerCertificateOptions): string {
  const ca = forge.pki.certificateFromPem(caCertificate);
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey);
  cert.serialNumber = serialNumber();
  cert.validity.notBefore = new Date(now.getTime() - 3_600_000);
  cert.validity.notAfter = days(now, validDays);
  cert.setSubject([{ name: 'commonName', value: names[0] ?? 'localhost', valueTagClass: UTF8_STRING }]);
  cert.setIssuer(ca.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    // Browsers read only the SAN, never the common name (RFC 6125; Chrome since 58).
    { name: 'subjectAltName', altNames: names.map(altName) },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: ca.generateSubjectKeyIdentifier().getBytes() },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(caPrivateKey), forge.md.sha256.create());
  return forge.pki.certificateToPem(cert);
}

/** A subjectAltName entry: iPAddress (type 7) for an address, dNSName (type 2) otherwise. */
function altName(name: string): { type: number; value?: string; ip?: string } {
  return isIpAddress(name) ? { type: 7, ip: name } : { type: 2, value: name };
}

function isIpAddress(name: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(name) || name.includes(':');
}

/** The names a certificate is for, as node:crypto reads its SAN (IPv6 written as written in `names`). */
export function certificateNames(certificate: X509Certificate): string[] {
  return (certificate.subjectAltName ?? '')
    .split(', ')
    .filter((entry) => entry !== '')
    .map((entry) => entry.replace(/^(DNS|IP Address):/, ''))
    .map((name) => (name.includes(':') ? compactIpv6(name) : name));
}

/** `0:0:0:0:0:0:0:1` as `::1`: node prints IPv6 SANs in full. */
function compactIpv6(address: string): string {
  return new URL(`http://[${address}]/`).hostname.slice(1, -1);
}
