import { createHash, createPublicKey } from 'node:crypto';

/**
 * The base64 SHA-256 of a key's SubjectPublicKeyInfo (RFC 7469's pin): what Chromium's
 * `--ignore-certificate-errors-spki-list` takes to accept that one key and no other.
 * `pem`: a certificate, a public key or a private key.
 */
export function spkiSha256(pem: string): string {
  const spki = createPublicKey(pem).export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spki).digest('base64');
}
