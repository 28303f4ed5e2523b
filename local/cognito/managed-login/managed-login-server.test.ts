import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePorts } from '../../../testing/free-ports.ts';
import { ensureTestCa, trustedFetch } from '../../../testing/trusted-https.ts';
import { answersOverTls } from '../../readiness.ts';
import { ensureLocalCa, type LocalCa } from '../../tls/local-ca.ts';
import { startCognitoServer } from '../cognito-server.ts';
import { startManagedLoginServer } from './managed-login-server.ts';

let ca: LocalCa;
beforeAll(async () => {
  ca = await ensureTestCa();
});

const hello = (_request: unknown, response: import('node:http').ServerResponse) => void response.end('hello over TLS');

describe('startManagedLoginServer', () => {
  it('answers over HTTPS with the local CA’s certificate, which a client trusting that CA accepts', async () => {
    const [port] = (await freePorts(1)) as [number];
    const server = await startManagedLoginServer({
      host: '127.0.0.1',
      port,
      certificate: { cert: ca.serverCertificate, key: ca.serverKey },
      handler: hello,
    });
    try {
      const answer = await trustedFetch(ca)(`https://127.0.0.1:${port}/`);
      expect(answer.status).toBe(200);
      expect(await answer.text()).toBe('hello over TLS');
      // By name too: the certificate is for localhost as well as the addresses.
      expect((await trustedFetch(ca)(`https://localhost:${port}/`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('is what npm start waits for: an answer over TLS that trusts the local CA only', async () => {
    const [port] = (await freePorts(1)) as [number];
    const server = await startManagedLoginServer({
      host: '127.0.0.1',
      port,
      certificate: { cert: ca.serverCertificate, key: ca.serverKey },
      handler: hello,
    });
    try {
      expect(await answersOverTls(`https://127.0.0.1:${port}/`, ca.caCertificate)()).toBe(true);
      const other = await ensureLocalCa({ dir: mkdtempSync(path.join(tmpdir(), 'other-ca-')), names: ['127.0.0.1'] });
      await expect(answersOverTls(`https://127.0.0.1:${port}/`, other.caCertificate)()).rejects.toThrow(
        /self-signed certificate in certificate chain|unable to verify/,
      );
      rmSync(other.dir, { recursive: true, force: true });
    } finally {
      await server.close();
    }
  });

  it('is refused by a client that does not trust the local CA', async () => {
    const [port] = (await freePorts(1)) as [number];
    const server = await startManagedLoginServer({
      host: '127.0.0.1',
      port,
      certificate: { cert: ca.serverCertificate, key: ca.serverKey },
      handler: hello,
    });
    try {
      const error = await fetch(`https://127.0.0.1:${port}/`).catch((caught: Error) => caught);
      expect(error).toBeInstanceOf(Error);
      expect(String((error as Error & { cause?: { code?: string } }).cause?.code)).toMatch(
        /SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY/,
      );
    } finally {
      await server.close();
    }
  });

  it('fails with EADDRINUSE and the port when the port is taken', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen({ host: '127.0.0.1', port: 0 }, resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      const error = await startManagedLoginServer({
        host: '127.0.0.1',
        port,
        certificate: { cert: ca.serverCertificate, key: ca.serverKey },
        handler: hello,
      }).catch((caught: NodeJS.ErrnoException & { port?: number }) => caught);
      expect(error).toMatchObject({ code: 'EADDRINUSE', port });
    } finally {
      taken.close();
    }
  });
});

describe('the Cognito emulator with a managed login', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'managed-login-listener-'));
  let ports: number[];
  let server: Awaited<ReturnType<typeof startCognitoServer>>;
  beforeAll(async () => {
    ports = await freePorts(2);
    server = await startCognitoServer({
      host: '127.0.0.1',
      port: ports[0]!,
      publicUrl: `http://127.0.0.1:${ports[0]}`,
      dataDir,
      lambdaUrl: 'http://127.0.0.1:9',
      log: () => {},
      managedLogin: {
        port: ports[1]!,
        origin: `https://127.0.0.1:${ports[1]}`,
        certificate: { cert: ca.serverCertificate, key: ca.serverKey },
      },
    });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves the managed login over HTTPS beside the JSON API over plain HTTP', async () => {
    expect(server.managedLoginUrl).toBe(`https://127.0.0.1:${ports[1]}`);
    const page = await trustedFetch(ca)(`${server.managedLoginUrl}/no-such-page`);
    expect(page.status).toBe(404);
    expect(await page.json()).toMatchObject({ error: 'not_found' });
    expect((await fetch(`http://127.0.0.1:${ports[0]}/health`)).status).toBe(200);
  });

  it('stops listening on both ports when it closes', async () => {
    await server.close();
    await expect(trustedFetch(ca)(`${server.managedLoginUrl}/`)).rejects.toThrow();
    await expect(fetch(`http://127.0.0.1:${ports[0]}/health`)).rejects.toThrow();
    server = undefined as never;
  });
});
