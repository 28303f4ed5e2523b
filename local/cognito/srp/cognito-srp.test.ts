import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { startSrpClient } from '../testing/aws-srp-client.ts';
import {
  isValidClientEphemeral,
  padHex,
  passwordAuthenticationKey,
  passwordClaimSignature,
  passwordVerifier,
  serverEphemeral,
  srpPoolName,
} from './cognito-srp.ts';

// The client side comes from amazon-cognito-identity-js (AWS's own SRP client), not from us.
async function handshake(clientPassword: string) {
  const poolName = 'AbCdEf123';
  const userId = randomUUID();
  const salt = randomBytes(16).toString('hex');
  const client = await startSrpClient(poolName);
  const verifier = passwordVerifier(poolName, userId, 'Correct-Horse-1', salt);
  const ephemeral = serverEphemeral(verifier);
  return {
    serverKey: passwordAuthenticationKey(client.A, ephemeral, verifier),
    clientKey: await client.passwordAuthenticationKey(userId, clientPassword, ephemeral.B, salt),
  };
}

describe('Cognito SRP, against amazon-cognito-identity-js', () => {
  it("derives the same password authentication key as AWS's client for the right password", async () => {
    for (let run = 0; run < 5; run += 1) {
      const { serverKey, clientKey } = await handshake('Correct-Horse-1');
      expect(serverKey).toHaveLength(16);
      expect(clientKey.equals(serverKey)).toBe(true);
    }
  });

  it('derives a different key for a wrong password', async () => {
    const { serverKey, clientKey } = await handshake('Wrong-Horse-1');
    expect(clientKey.equals(serverKey)).toBe(false);
  });
});

describe('Cognito SRP helpers', () => {
  it('pads hex as Cognito clients do', () => {
    expect(padHex(0x14n)).toBe('14');
    expect(padHex(0xecn)).toBe('00ec');
    expect(padHex(0x1234n)).toBe('1234');
    expect(padHex(0xabcn)).toBe('0abc');
  });

  it('names the pool by the part of its id after the region', () => {
    expect(srpPoolName('eu-west-1_AbC123')).toBe('AbC123');
    expect(srpPoolName('local_5qgXmpaC')).toBe('5qgXmpaC');
  });

  it('refuses a client value of 0 mod N', () => {
    expect(isValidClientEphemeral(0n)).toBe(false);
    expect(isValidClientEphemeral(12345n)).toBe(true);
  });

  it('signs the claim over pool, user, secret block and timestamp', () => {
    const key = Buffer.alloc(16, 7);
    const signature = passwordClaimSignature(key, 'pool', 'user', Buffer.from('block').toString('base64'), 'Mon Nov 23 22:26:35 UTC 2026');
    expect(signature).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(passwordClaimSignature(key, 'pool', 'user', Buffer.from('block').toString('base64'), 'Mon Nov 23 22:26:36 UTC 2026')).not.toBe(
      signature,
    );
  });
});
