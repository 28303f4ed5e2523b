// The key source tells a JWKS without the token's kid (the token's fault) from a JWKS it cannot
// read (the gateway's), against endpoints on loopback.
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { JwksUnavailableError, jwksKeySource, UnknownKidError } from './jwks-key-source.ts';

async function serve(body: () => string) {
  const server = http.createServer((_request, response) => response.end(body()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    uri: `http://127.0.0.1:${port}/pool/.well-known/jwks.json`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const jwk = (kid: string) => ({
  ...(generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey as KeyObject).export({ format: 'jwk' }),
  kid,
  alg: 'RS256',
  use: 'sig',
});

describe('jwksKeySource', { timeout: 10_000 }, () => {
  it('gives the public key for a kid of the JWKS', async () => {
    const server = await serve(() => JSON.stringify({ keys: [jwk('k1')] }));
    try {
      await expect(jwksKeySource(server.uri, 0)('k1')).resolves.toContain('BEGIN PUBLIC KEY');
    } finally {
      await server.close();
    }
  });

  it('throws UnknownKidError for a kid the JWKS does not have, refetched or not', async () => {
    const server = await serve(() => JSON.stringify({ keys: [jwk('k1')] }));
    try {
      const keyFor = jwksKeySource(server.uri, 60_000);
      await expect(keyFor('k2')).rejects.toBeInstanceOf(UnknownKidError);
      await expect(keyFor('k3')).rejects.toBeInstanceOf(UnknownKidError);
    } finally {
      await server.close();
    }
  });

  it('throws JwksUnavailableError when the JWKS cannot be fetched, and until it is fetched again', async () => {
    const keyFor = jwksKeySource('http://127.0.0.1:9/pool/.well-known/jwks.json', 60_000);
    await expect(keyFor('k1')).rejects.toBeInstanceOf(JwksUnavailableError);
    await expect(keyFor('k1')).rejects.toBeInstanceOf(JwksUnavailableError);
  });

  it('throws JwksUnavailableError for a JWKS that is not one', async () => {
    const server = await serve(() => '{"keys": "not a list"');
    try {
      await expect(jwksKeySource(server.uri, 0)('k1')).rejects.toBeInstanceOf(JwksUnavailableError);
    } finally {
      await server.close();
    }
  });
});
