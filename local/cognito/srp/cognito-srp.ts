import { createDiffieHellman, createHash, createHmac, randomBytes } from 'node:crypto';

// Cognito's variant of SRP-6a (the protocol behind USER_SRP_AUTH): the 3072-bit group of
// RFC 5054 with g = 2, SHA-256, hex-padded big integers, and an HKDF step ("Caldera Derived
// Key") whose 16-byte output signs the client's password claim.

const N = BigInt(
  '0xFFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD' +
    'EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED' +
    'EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F' +
    '83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B' +
    'E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510' +
    '15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7' +
    'ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C' +
    'BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF',
);
const g = 2n;

/** Hex of a non-negative integer, even-length, with a 00 byte in front when the top bit is set. */
export function padHex(value: bigint): string {
  let hex = value.toString(16);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  return /^[89a-f]/i.test(hex) ? `00${hex}` : hex;
}

/** SHA-256 of the bytes a hex string spells, as hex. */
function hexHash(hex: string): string {
  return createHash('sha256').update(Buffer.from(hex, 'hex')).digest('hex');
}

const toBuffer = (value: bigint) => Buffer.from(padHex(value), 'hex');

/**
 * base^exponent mod N through OpenSSL's Diffie-Hellman (g^e for the generator, y^e otherwise):
 * some fifty times faster than BigInt arithmetic for a 3072-bit group.
 */
function modPowN(base: bigint, exponent: bigint): bigint {
  const dh = createDiffieHellman(toBuffer(N), toBuffer(g));
  dh.setPrivateKey(toBuffer(exponent));
  const result = base === g ? dh.generateKeys() : dh.computeSecret(toBuffer(base % N));
  return BigInt(`0x${result.toString('hex')}`);
}

const k = BigInt(`0x${hexHash(padHex(N) + padHex(g))}`);

/** The pool's name in SRP's sense: the part of its id after the region (`eu-west-1_AbC` → `AbC`). */
export function srpPoolName(userPoolId: string): string {
  return userPoolId.slice(userPoolId.indexOf('_') + 1);
}

/** The password verifier v = g^x, x = H(salt | H(poolName | userId | ":" | password)). */
export function passwordVerifier(poolName: string, userId: string, password: string, saltHex: string): bigint {
  const identity = createHash('sha256').update(`${poolName}${userId}:${password}`).digest('hex');
  const x = BigInt(`0x${hexHash(padHex(BigInt(`0x${saltHex}`)) + identity)}`);
  return modPowN(g, x);
}

export interface ServerEphemeral {
  /** The secret exponent, kept on the server. */
  readonly b: bigint;
  /** B = k·v + g^b mod N, sent to the client as SRP_B. */
  readonly B: bigint;
}

export function serverEphemeral(verifier: bigint): ServerEphemeral {
  for (;;) {
    const b = BigInt(`0x${randomBytes(128).toString('hex')}`) % N;
    const B = (k * verifier + modPowN(g, b)) % N;
    if (B !== 0n) return { b, B };
  }
}

/** Whether the client's public value is acceptable (A mod N ≠ 0). */
export function isValidClientEphemeral(A: bigint): boolean {
  return A > 0n && A % N !== 0n;
}

/** The 16-byte key both sides derive: HKDF(S, u) with info "Caldera Derived Key". */
export function passwordAuthenticationKey(A: bigint, ephemeral: ServerEphemeral, verifier: bigint): Buffer {
  const u = BigInt(`0x${hexHash(padHex(A) + padHex(ephemeral.B))}`);
  const S = modPowN((A * modPowN(verifier, u)) % N, ephemeral.b);
  const prk = createHmac('sha256', Buffer.from(padHex(u), 'hex'))
    .update(Buffer.from(padHex(S), 'hex'))
    .digest();
  const info = Buffer.concat([Buffer.from('Caldera Derived Key', 'utf8'), Buffer.from([1])]);
  return createHmac('sha256', prk).update(info).digest().subarray(0, 16);
}

/** PASSWORD_CLAIM_SIGNATURE: HMAC(key, poolName | userId | secret block bytes | timestamp), base64. */
export function passwordClaimSignature(key: Buffer, poolName: string, userId: string, secretBlock: string, timestamp: string): string {
  return createHmac('sha256', key)
    .update(Buffer.concat([Buffer.from(poolName), Buffer.from(userId), Buffer.from(secretBlock, 'base64'), Buffer.from(timestamp)]))
    .digest('base64');
}
